import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { createApp } from '../../../src/server/app';
import { openStorage } from '../../../src/server/main';
import { seedDemo } from '../../../src/server/seed/demoSeed';
import { newClientId, submission } from '../harness';

/** `npm run cli -- …` as an operator runs it, as a process on a SQLite data directory. */
function cli(args: string[], dataDir: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', 'src/server/cli.ts', ...args],
      { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout, err: stderr }),
    );
  });
}

describe('npm run cli -- erase, purge', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'terrain-erase-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('erases as the operator or as an account whose rights it checks, with a reason', async () => {
    const storage = await openStorage({ dataDir });
    const clientId = newClientId();
    const m = submission(clientId, 1);
    try {
      await seedDemo(storage, { password: 'test-password-3', passwordCost: TEST_PASSWORD_COST });
      const app = createApp({ storage });
      const login = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'agent', password: 'test-password-3' }),
      });
      const { token } = (await login.json()) as { token: string };
      const pushed = await app.request('/api/sync/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ protocol: 4, clientId, mutations: [m] }),
      });
      expect(pushed.status).toBe(200);
    } finally {
      await storage.close();
    }

    const noReason = await cli(['erase', m.id], dataDir);
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain('--reason');
    const byAgent = await cli(['erase', m.id, '--reason', 'DSR-7', '--by', 'agent'], dataDir);
    expect(byAgent.code).toBe(1);
    expect(byAgent.err).toContain('Only the supervisors of its project and admins erase a submission');

    const erased = await cli(['erase', m.id, '--reason', 'DSR-7'], dataDir);
    expect(erased.err).toBe('');
    expect(erased.code).toBe(0);
    expect(erased.out).toContain(`Erased submission ${m.id} of project`);
    expect(erased.out).toContain('Devices remove it at their next sync.');
    const again = await cli(['erase', m.id, '--reason', 'DSR-7'], dataDir);
    expect(again).toMatchObject({ code: 1, err: expect.stringContaining('erased already') as unknown });

    const audit = await cli(['audit', '--action', 'submission.erase', '--format', 'json'], dataDir);
    expect(JSON.parse(audit.out)).toEqual([
      expect.objectContaining({ actor: '', action: 'submission.erase', recordId: m.id }),
    ]);

    // The purge is wired too: a dry run, then a run, each saying what they remove.
    const dry = await cli(['purge', '--dry-run'], dataDir);
    expect(dry).toMatchObject({ code: 0, err: '' });
    expect(dry.out).toContain('Would remove (dry run: nothing changed):');
    const run = await cli(['purge'], dataDir);
    expect(run.out).toContain('Removed:');
    expect((await cli(['purge', '--everything'], dataDir)).code).toBe(2);
  }, 90_000);
});
