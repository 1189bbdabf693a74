import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iatiCommand, IatiUsageError } from '../../../src/server/iati/commands';
import { backends, type TestDatabase } from '../backends';

const SAMPLE = new URL('./files/sample.xml', import.meta.url).pathname;
const [sqlite] = backends;

describe('npm run cli -- iati import', () => {
  let db: TestDatabase;
  let dir: string;
  const lines: string[] = [];
  const io = { out: (line: string) => lines.push(line), now: new Date('2026-11-02T08:00:00Z') };
  beforeEach(async () => {
    db = await sqlite!.create();
    dir = await mkdtemp(join(tmpdir(), 'terrain-iati-'));
    lines.length = 0;
  });
  afterEach(async () => {
    await db.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('--dry-run lists what would be created and writes nothing; the import then writes it', async () => {
    await iatiCommand(db.storage, ['import', SAMPLE, '--dry-run'], io);
    const out = lines.join('\n');
    expect(out).toMatch(/^created {3}projects iati-\w+ \(ML-NIF-0042-WASH-01\)$/m);
    expect(out).toMatch(/left out {2}ML-NIF-0042-WASH-01: 1 sector\(s\) of other vocabularies left out/);
    expect(out).toMatch(
      /^Dry run, nothing written: 7 created, 0 updated, 0 unchanged, 0 skipped, 0 conflict\(s\)$/m,
    );
    expect(await db.storage.allProjectIds()).toEqual([]);
    lines.length = 0;
    await iatiCommand(db.storage, ['import', SAMPLE], io);
    expect(lines.join('\n')).toMatch(/\n7 created, 0 updated, 0 unchanged, 0 skipped, 0 conflict\(s\)$/);
    expect(await db.storage.allProjectIds()).toHaveLength(1);
  });

  it('refuses a malformed file with its name, line and reason', async () => {
    const bad = join(dir, 'bad.xml');
    await writeFile(bad, '<iati-activities>\n<iati-activity>\n</iati-activities>\n');
    await expect(iatiCommand(db.storage, ['import', bad], io)).rejects.toThrow(
      `${bad} refused, line 3, column 18: unexpected close tag.`,
    );
    const empty = join(dir, 'empty.xml');
    await writeFile(
      empty,
      '<iati-activities>\n\n<iati-activity><iati-identifier/></iati-activity></iati-activities>',
    );
    await expect(iatiCommand(db.storage, ['import', empty], io)).rejects.toThrow(
      `${empty} refused, line 3: activity 1 has no iati-identifier`,
    );
  });

  it('explains its usage', async () => {
    await expect(iatiCommand(db.storage, ['export'], io)).rejects.toBeInstanceOf(IatiUsageError);
    await expect(iatiCommand(db.storage, ['import'], io)).rejects.toBeInstanceOf(IatiUsageError);
  });
});
