import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse } from '../../../src/core/sync/protocol';
import {
  BackupRefusedError,
  backupCommand,
  restoreCommand,
  type BackupIo,
} from '../../../src/server/backup/commands';
import { createApp } from '../../../src/server/app';
import { pgRelationCount } from '../../../src/server/backup/postgres';
import type { Storage } from '../../../src/server/storage/Storage';
import { backends } from '../backends';
import { PASSWORD, TEST_LIMITS, newClientId, setupServer, submission, type TestServer } from '../harness';
import { backendOn, newTarget, type Target } from './targets';

/**
 * A backup taken while devices push: every change acknowledged before it began is in the restored database,
 * and the restored server serves pulls and takes pushes. Encrypted, on SQLite (online backup) and PostgreSQL
 * (pg_dump / pg_restore).
 */

const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
const PASSPHRASE = 'sable chaud, puits profond, 42 chèvres';
const CA_PEM = '-----BEGIN CERTIFICATE-----\nnot a real one\n-----END CERTIFICATE-----\n';
const CA_KEY = '-----BEGIN PRIVATE KEY-----\nnot a real one either\n-----END PRIVATE KEY-----\n';

function io(target: Target, extra: Record<string, string> = {}): BackupIo & { lines: string[] } {
  const lines: string[] = [];
  return { env: { ...target.env, ...extra }, out: (l) => lines.push(l), scrypt: CHEAP_SCRYPT, lines };
}

/** Signs in to an app on `storage` and pulls every submission `username` may see. */
async function pulledSubmissionIds(storage: Storage, username: string): Promise<Set<string>> {
  const app = createApp({ storage, limits: TEST_LIMITS });
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const { token } = (await login.json()) as { token: string };
  const ids = new Set<string>();
  let cursor = 0;
  for (;;) {
    const res = await app.request(`/api/sync/pull?cursor=${cursor}&limit=200&formKeys=project`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const page = PullResponse.parse(await res.json());
    for (const change of page.changes) if (change.table === 'submissions') ids.add(change.id);
    cursor = page.cursor;
    if (!page.hasMore) return ids;
  }
}

const kinds = backends.map((b) => b.name);

describe.each(kinds)('backup and restore on %s', (kind) => {
  let work: string;
  let source: Target;
  let server: TestServer;
  const targets: Target[] = [];
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'terrain-backup-'));
    source = await newTarget(kind);
    server = await setupServer(backendOn(source));
  });
  afterAll(async () => {
    await server?.close();
    for (const t of [source, ...targets]) await t?.drop();
    await rm(work, { recursive: true, force: true });
  });
  async function target(): Promise<Target> {
    const t = await newTarget(kind);
    targets.push(t);
    return t;
  }

  let file: string;
  let ackedBefore: string[];
  let ackedAll: string[];

  it('takes a consistent, encrypted copy while devices push', async () => {
    const acked: string[] = [];
    let stop = false;
    let failure: unknown = null;
    async function device(username: string) {
      const clientId = newClientId();
      let seq = 0;
      try {
        while (!stop) {
          const batch = Array.from({ length: 5 }, () => submission(clientId, ++seq));
          const { status, body } = await server.push(username, clientId, batch);
          if (status !== 200) throw new Error(`push: ${status} ${JSON.stringify(body)}`);
          const ids = new Map(batch.map((m) => [m.seq, m.id]));
          for (const r of body.results) {
            const id = ids.get(r.seq);
            if (r.status === 'applied' && id) acked.push(id);
          }
          // In-process requests on SQLite never wait for I/O: give the timers and the backup their turn,
          // as a network would.
          await new Promise((r) => setImmediate(r));
        }
      } catch (err) {
        failure ??= err;
      }
    }
    const until = async (count: number) => {
      const deadline = Date.now() + 15_000;
      while (acked.length < count && failure === null && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 5));
      if (failure !== null) throw failure as Error;
    };
    const devices = ['agent', 'agent', 'agent2', 'agent2'].map(device);
    const backup = io(source);
    await mkdir(join(source.dataDir, 'tls'), { mode: 0o700 });
    await writeFile(join(source.dataDir, 'tls', 'ca.pem'), CA_PEM, { mode: 0o644 });
    await writeFile(join(source.dataDir, 'tls', 'ca-key.pem'), CA_KEY, { mode: 0o600 });
    try {
      await until(60);
      file = join(work, `terrain-${kind}.tbk`);
      ackedBefore = [...acked];
      const passphraseFile = join(work, 'passphrase');
      await writeFile(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
      await backupCommand(['--out', file, '--passphrase-file', passphraseFile], backup);
      await until(acked.length + 40);
    } finally {
      stop = true;
      await Promise.all(devices);
    }
    ackedAll = [...acked];

    expect(backup.lines.join('\n')).toMatch(
      /written to .*, encrypted, at migration 20.*; with tls\/ca-key.pem, tls\/ca.pem\./,
    );
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(ackedAll.length).toBeGreaterThan(ackedBefore.length + 40);
  });

  it('restores into an empty target: every change acknowledged before the backup, and a working server', async () => {
    const restored = await target();
    const restore = io(restored, { BACKUP_PASSPHRASE: PASSPHRASE });
    await restoreCommand([file], restore);
    expect(restore.lines.join('\n')).toMatch(/^Restored /m);
    // tls init's authority comes back with the database, its key still the owner's only.
    expect(await readFile(join(restored.dataDir, 'tls', 'ca.pem'), 'utf8')).toBe(CA_PEM);
    expect(await readFile(join(restored.dataDir, 'tls', 'ca-key.pem'), 'utf8')).toBe(CA_KEY);
    expect((await stat(join(restored.dataDir, 'tls', 'ca-key.pem'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(restored.dataDir, 'tls'))).mode & 0o777).toBe(0o700);

    const storage = await restored.open();
    try {
      const ids = await pulledSubmissionIds(storage, 'supervisor');
      const missing = ackedBefore.filter((id) => !ids.has(id));
      expect(missing).toEqual([]);
      // Nothing appears that no device was told was stored.
      const everAcked = new Set(ackedAll);
      const demoSubmissions = [...ids].filter((id) => !everAcked.has(id));
      expect(ids.size - demoSubmissions.length).toBeGreaterThanOrEqual(ackedBefore.length);

      // The restored server takes a new device's push and serves it back.
      const app = createApp({ storage, limits: TEST_LIMITS });
      const login = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'agent', password: PASSWORD }),
      });
      const { token } = (await login.json()) as { token: string };
      const clientId = newClientId();
      const fresh = submission(clientId, 1);
      const push = await app.request('/api/sync/push', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId, mutations: [fresh] }),
      });
      expect(push.status).toBe(200);
      expect((await pulledSubmissionIds(storage, 'supervisor')).has(fresh.id)).toBe(true);
    } finally {
      await storage.close();
    }

    // Once restored, the target is not empty: a second restore is refused.
    await expect(restoreCommand([file], io(restored, { BACKUP_PASSPHRASE: PASSPHRASE }))).rejects.toThrow(
      kind === 'sqlite' ? /already holds a database/ : /is not empty/,
    );
  });

  it('refuses a wrong passphrase and a changed byte, and leaves the target empty', async () => {
    const empty = await target();
    await expect(restoreCommand([file], io(empty, { BACKUP_PASSPHRASE: 'pas la bonne' }))).rejects.toThrow(
      /Wrong passphrase/,
    );
    const bytes = await readFile(file);
    const at = bytes.length - 100;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x20, at);
    const tampered = join(work, 'tampered.tbk');
    await writeFile(tampered, bytes);
    await expect(restoreCommand([tampered], io(empty, { BACKUP_PASSPHRASE: PASSPHRASE }))).rejects.toThrow(
      /damaged or was altered/,
    );
    if (kind === 'sqlite') expect(existsSync(join(empty.dataDir, 'terrain.sqlite'))).toBe(false);
    else expect(await pgRelationCount(empty.databaseUrl!)).toBe(0);
  });

  it('refuses a backup of the other kind of database', async () => {
    // A SQLite target with DATABASE_URL set (for the SQLite backup), or without it (for PostgreSQL's).
    const other = await newTarget('sqlite');
    targets.push(other);
    const env =
      kind === 'sqlite' ? { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } : { DATABASE_URL: '' };
    await expect(
      restoreCommand([file], io(other, { ...env, BACKUP_PASSPHRASE: PASSPHRASE })),
    ).rejects.toThrow(BackupRefusedError);
  });

  it.runIf(kind === 'postgres')('restores an archive made by hand with pg_dump', async () => {
    const archive = join(work, 'by-hand.pgdump');
    await promisify(execFile)('pg_dump', ['--format=custom', `--file=${archive}`, source.databaseUrl!]);
    const restored = await target();
    await restoreCommand([archive], io(restored));
    const storage = await restored.open();
    try {
      const ids = await pulledSubmissionIds(storage, 'supervisor');
      expect(ackedAll.filter((id) => !ids.has(id))).toEqual([]);
    } finally {
      await storage.close();
    }
  });

  it.runIf(kind === 'sqlite')(
    'the CLI exits non-zero with a clear message on a non-empty target',
    async () => {
      const restored = targets[0]!;
      const run = promisify(execFile);
      const failure = await run(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'restore', file], {
        env: { ...process.env, ...restored.env, BACKUP_PASSPHRASE: PASSPHRASE },
      }).then(
        () => null,
        (err: { code: number; stderr: string }) => err,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(/already holds a database .*restore into an empty data directory/);
    },
  );
});
