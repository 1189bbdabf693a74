import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMAT } from '../../../src/core/sync/unsyncedExport';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { openStorage } from '../../../src/server/main';
import { seedDemo } from '../../../src/server/seed/demoSeed';
import { newClientId, submission } from '../harness';
import { sealFile } from './deviceKeys';

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

describe('npm run cli -- import --trust-unsigned, users devices', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'terrain-devices-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('takes an unsigned file only when told, then lists and revokes its device', async () => {
    const storage = await openStorage({ dataDir });
    const clientId = newClientId();
    const path = join(dataDir, 'terrain-agent.json');
    try {
      await seedDemo(storage, { password: 'test-password-3', passwordCost: TEST_PASSWORD_COST });
      const agent = await storage.userByUsername('agent');
      const file = await sealFile(
        {
          format: EXPORT_FORMAT,
          version: 1,
          exportedAt: '2026-11-24T09:00:00.000Z',
          userId: agent!.id,
          username: 'agent',
          clientId,
          mutations: [{ ...submission(clientId, 1), state: 'pending' }],
          submissions: [],
          drafts: [],
          media: [],
        },
        null,
      );
      writeFileSync(path, JSON.stringify(file));
    } finally {
      await storage.close();
    }

    const refused = await cli(['import', path], dataDir);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('--trust-unsigned');
    const taken = await cli(['import', path, '--trust-unsigned'], dataDir);
    expect(taken.err).toBe('');
    expect(taken.out).toContain('1 applied');

    const listed = await cli(['users', 'devices', 'agent'], dataDir);
    expect(listed.out).toMatch(new RegExp(`^${clientId}\\s+agent\\s+-\\s+-\\s+-\\s+no key`, 'm'));
    const revoked = await cli(['users', 'devices', 'revoke', clientId], dataDir);
    expect(revoked.out).toContain(`Revoked device ${clientId} of agent`);
  }, 90_000);
});
