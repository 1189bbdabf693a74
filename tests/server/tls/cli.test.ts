import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `npm run cli -- …` as an operator runs it, as a process on a data directory. */
function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', 'src/server/cli.ts', ...args],
      { env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout, err: stderr }),
    );
  });
}

describe('npm run cli -- tls init', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'terrain-tlscli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('asks for the address tablets use, then makes the files and says what to do', async () => {
    const none = await cli(['tls', 'init'], { DATA_DIR: dataDir });
    expect(none.code).toBe(2);
    expect(none.err).toContain('tls init needs --host');
    expect(existsSync(join(dataDir, 'tls'))).toBe(false);

    const made = await cli(['tls', 'init', '--host', '192.168.1.10', '--host', 'base.local'], {
      DATA_DIR: dataDir,
    });
    expect(made.code).toBe(0);
    expect(made.out).toContain('New certificate authority');
    expect(made.out).toMatch(/fingerprint \(SHA-256\): ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    expect(made.out).toContain('192.168.1.10, base.local, localhost');
    for (const file of ['ca.pem', 'ca-key.pem', 'server.pem', 'server-key.pem'])
      expect(existsSync(join(dataDir, 'tls', file)), file).toBe(true);

    const again = await cli(['tls', 'init', '--host', '192.168.1.11'], { DATA_DIR: dataDir });
    expect(again.code).toBe(0);
    expect(again.out).toContain('Kept the certificate authority');
  });

  it('refuses HTTP_PORT without a certificate to redirect to', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'terrain-tlscli-'));
    try {
      const serve = await cli(['serve'], { DATA_DIR: empty, PORT: '0', HTTP_PORT: '0' });
      expect(serve.code).toBe(2);
      expect(serve.err).toContain('HTTP_PORT redirects to HTTPS');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
