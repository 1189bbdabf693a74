/**
 * Exports of the demo data (its sample projects and household surveys) as the CLI builds them: the read from
 * an SQLite file, the schema checks and the writing, per format. The median of a few runs after a warm-up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_PASSWORD_COST } from '../../src/server/auth/passwords';
import { buildExport, ExportRequest } from '../../src/server/export/buildExport';
import { SAMPLE_PROJECTS } from '../../src/server/seed/sampleCoordination';
import { seedDemo } from '../../src/server/seed/demoSeed';
import { SAMPLE_SUBMISSIONS } from '../../src/server/seed/sampleData';
import { createStorage } from '../../src/server/storage/createStorage';
import { median, report, timeMs } from './report';

const ROUNDS = 5;

export async function benchExport(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'terrain-bench-'));
  const storage = createStorage({ kind: 'sqlite', file: join(dir, 'bench.sqlite') });
  try {
    await storage.migrate();
    await seedDemo(storage, {
      password: 'bench-password',
      passwordCost: TEST_PASSWORD_COST,
      sampleData: true,
    });
    report('export.submissions', SAMPLE_SUBMISSIONS);
    report('export.projects', SAMPLE_PROJECTS.length);
    const now = new Date();
    const forms = SAMPLE_PROJECTS.map((p) => p.form.id);
    // The table formats and the submissions' GeoJSON: every survey form of the sample, one export each.
    const runs: [string, ExportRequest[]][] = [
      ...(['csv', 'hxl', 'xlsx', 'geojson'] as const).map((format): [string, ExportRequest[]] => [
        format === 'geojson' ? 'geojson_submissions' : format,
        forms.map((form) => ExportRequest.parse({ format, form })),
      ]),
      ['geojson_projects', [ExportRequest.parse({ format: 'geojson' })]],
      ['iati', [ExportRequest.parse({ format: 'iati' })]],
    ];
    for (const [name, requests] of runs) {
      let bytes = 0;
      const run = async () => {
        bytes = 0;
        for (const request of requests)
          for (const file of await buildExport(storage, 'operator', request, now))
            bytes += Buffer.byteLength(file.body);
      };
      await run();
      const times: number[] = [];
      for (let r = 0; r < ROUNDS; r += 1) times.push(await timeMs(run));
      report(`export.${name}.ms`, median(times).toFixed(1));
      report(`export.${name}.kb`, (bytes / 1024).toFixed(1));
    }
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
