/**
 * The right of access on a large project: 10,000 submissions of the demo survey in one project (the demo's
 * sample copied with new ids), searched for a name that is there and one that is not, then exported. Every
 * stored version is read a page at a time and tested on its JSON text before any is parsed
 * (src/server/access/findPerson.ts). The median of a few runs after a warm-up, on SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { AccessFormat } from '../../src/server/access/accessExport';
import { findPerson, foldQuery } from '../../src/server/access/findPerson';
import { exportPerson } from '../../src/server/access/personRequest';
import { TEST_PASSWORD_COST } from '../../src/server/auth/passwords';
import { seedDemo } from '../../src/server/seed/demoSeed';
import { createStorage } from '../../src/server/storage/createStorage';
import type { Database } from '../../src/server/storage/schema';
import { median, report, timeMs } from './report';

const SUBMISSIONS = 10_000;
const ROUNDS = 5;

export async function benchAccess(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'terrain-bench-'));
  const storage = createStorage({ kind: 'sqlite', file: join(dir, 'bench.sqlite') });
  try {
    await storage.migrate();
    await seedDemo(storage, {
      password: 'bench-password',
      passwordCost: TEST_PASSWORD_COST,
      sampleData: true,
    });
    const db = (storage as unknown as { db: Kysely<Database> }).db;
    const sample = await db.selectFrom('entities').selectAll().where('tbl', '=', 'submissions').execute();
    const project = sample[0]?.project_id ?? '';
    const last = await db
      .selectFrom('entities')
      .select((eb) => eb.fn.max('server_seq').as('seq'))
      .executeTakeFirst();
    let seq = Number(last?.seq ?? 0);
    const copies = Array.from({ length: SUBMISSIONS - sample.length }, (_, i) => {
      const row = sample[i % sample.length]!;
      const data = JSON.parse(row.data) as Record<string, unknown>;
      return {
        ...row,
        id: `copy-${i}`,
        project_id: project,
        data: JSON.stringify({ ...data, projectId: project }),
        server_seq: ++seq,
      };
    });
    for (let i = 0; i < copies.length; i += 500)
      await db
        .insertInto('entities')
        .values(copies.slice(i, i + 500))
        .execute();
    await db.updateTable('entities').set({ project_id: project }).where('tbl', '=', 'submissions').execute();
    const name = String(
      (JSON.parse(sample[0]!.data) as { data: { respondent_name: string } }).data.respondent_name,
    );
    report('access.submissions', SUBMISSIONS);
    let hits = 0;
    for (const [label, query] of [
      ['hit', name],
      ['miss', 'Zeynabou Ag Intallah'],
    ] as const) {
      const run = async () => {
        hits = (await findPerson(storage, project, foldQuery(query))).matches.length;
      };
      await run();
      const times: number[] = [];
      for (let r = 0; r < ROUNDS; r += 1) times.push(await timeMs(run));
      report(`access.search_10k_${label}.ms`, median(times).toFixed(1));
      report(`access.search_10k_${label}.matches`, hits);
    }
    const how = AccessFormat.parse({ format: 'csv' });
    const exportRun = async () => {
      await exportPerson(storage, 'operator', project, name, how, { at: new Date() });
    };
    await exportRun();
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r += 1) times.push(await timeMs(exportRun));
    report('access.export_10k_csv.ms', median(times).toFixed(1));
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
