import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyImport } from '../../../src/server/iati/applyImport';
import { readIatiText } from '../../../src/server/iati/commands';
import { IatiFileError } from '../../../src/server/iati/xmlTree';
import { backends, type TestDatabase } from '../backends';

/** The IATI schema's own valid examples (2.03), many tiny. */
const DIR = `${resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures/iati/should-pass/activities')}/`;
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.xml'))
  .sort();
const read = (name: string): string => readFileSync(DIR + name, 'utf8');

/**
 * The refusals the README's IATI section lists: the schema's examples all leave iati-identifier empty
 * (the schema allows it; Terrain matches on it, so it refuses such a file).
 */
const DOCUMENTED_REFUSALS = [/^activity \d+ has no iati-identifier$/];

/** The same file with an identifier in each empty iati-identifier, as a publisher's real file has. */
function withIdentifiers(text: string, prefix: string): string {
  let n = 0;
  return text.replace(/<iati-identifier>\s*<\/iati-identifier>/g, () => {
    n += 1;
    return `<iati-identifier>${prefix}-${n}</iati-identifier>`;
  });
}

const REPRESENTATIVE = [
  '21-transaction.xml',
  '22-participating-org.xml',
  '34-sector.xml',
  'crs-add-03-crs-add-full.xml',
  'iati-activity-only-required-elements-exist.xml',
  'iati-activity-result-indicator-baseline-_value-attribute-exists.xml',
];

describe('the IATI schema examples (should-pass)', () => {
  it('are there', () => {
    expect(FILES.length).toBeGreaterThan(100);
    for (const f of REPRESENTATIVE) expect(FILES).toContain(f);
  });

  it('each reads, or is refused with a documented reason and its line', () => {
    for (const name of FILES) {
      try {
        readIatiText(read(name));
      } catch (err) {
        expect(err, name).toBeInstanceOf(IatiFileError);
        const refusal = err as IatiFileError;
        expect(refusal.line, name).toBeGreaterThan(0);
        expect(
          DOCUMENTED_REFUSALS.some((r) => r.test(refusal.reason)),
          `${name}: ${refusal.reason}`,
        ).toBe(true);
      }
    }
  });

  describe.each(backends)('imported ($name)', (backend) => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await backend.create();
    });
    afterAll(async () => {
      await db.cleanup();
    });

    it.runIf(backend.name === 'sqlite')(
      'every one, identifiers filled in, imports (dry run) without error',
      async () => {
        for (const name of FILES) {
          const file = readIatiText(withIdentifiers(read(name), 'XM-TEST'));
          const report = await applyImport(db.storage, file, {
            dryRun: true,
            at: new Date('2026-11-02T08:00:00Z'),
            userId: null,
            fileName: name,
          });
          expect(
            report.records.some((r) => r.tbl === 'projects' && r.action === 'created'),
            name,
          ).toBe(true);
        }
        expect(
          await db.storage.pullChanges({ userId: 'x', allProjects: true, ownSubmissionsOnly: false }, 0, 10),
        ).toEqual([]);
      },
      60_000,
    );

    it('a representative few import for real, and a second time change nothing', async () => {
      for (const [i, name] of REPRESENTATIVE.entries()) {
        const file = readIatiText(withIdentifiers(read(name), `XM-REP${i}`));
        const options = { dryRun: false, userId: null, fileName: name };
        const first = await applyImport(db.storage, file, {
          ...options,
          at: new Date('2026-11-02T08:00:00Z'),
        });
        expect(first.records.find((r) => r.tbl === 'projects')?.action, name).toBe('created');
        const second = await applyImport(db.storage, file, {
          ...options,
          at: new Date('2026-11-03T08:00:00Z'),
        });
        expect(
          second.records.filter(
            (r) => r.action === 'created' || r.action === 'updated' || r.conflicts.length > 0,
          ),
          name,
        ).toEqual([]);
      }
    });
  });
});
