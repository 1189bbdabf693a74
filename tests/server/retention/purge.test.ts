import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_CONTENT_TYPE } from '../../../src/core/sync/media';
import { verifyAuditChain } from '../../../src/server/audit/verify';
import { retentionFromEnv } from '../../../src/server/retention/config';
import { describePurge, purge } from '../../../src/server/retention/purge';
import { purgeCommand } from '../../../src/server/retention/purgeCommand';
import { startPurgeTimer } from '../../../src/server/retention/purgeTimer';
import { backends } from '../backends';
import { rawDb } from '../erasure/fixture';
import { newClientId, setupServer, submission, type TestServer } from '../harness';
import { fakePhoto } from '../media/photoForm';

/**
 * The retention periods (src/server/retention), on both databases: a dry run changes nothing and counts
 * exactly what a run then removes; a run removes what is older than each period and nothing else, and the
 * audit chain, cut at its start, still verifies from the checkpoint the purge records.
 */
const DAY = 86_400_000;
const T0 = Date.parse('2026-11-24T08:00:00.000Z');
/** Refused changes 90 days, sessions 30 days after they end, the audit 30 days, files 7 days (UPLOAD_TTL). */
const ENV = { REJECTED_RETENTION_DAYS: '90', TOKEN_RETENTION_DAYS: '30', AUDIT_RETENTION_DAYS: '30' };
const PERIODS = retentionFromEnv(ENV);

describe.each(backends)('the purge on $name', (backend) => {
  let server: TestServer;
  const at = (day: number) => {
    server.clock.now = new Date(T0 + day * DAY);
  };
  const agentDevice = newClientId();
  let seq = 0;
  /** An invalid submission: refused and stored with its payload, on the day the clock says. */
  const refuse = async () => {
    seq += 1;
    const m = submission(agentDevice, seq, { answers: { household_size: 0, respondent_name: `day ${seq}` } });
    const { body } = await server.push('agent', agentDevice, [m], 4);
    expect(body.results[0]).toMatchObject({ status: 'rejected', code: 'validation' });
    return m;
  };
  const unfinishedUpload = async (username: string) => {
    const { bytes, ref } = fakePhoto(2000);
    const res = await server.request(`/api/media/${ref.sha256}`, {
      method: 'PATCH',
      token: await server.login(username),
      body: bytes.slice(0, 1000),
      headers: {
        'content-type': CHUNK_CONTENT_TYPE,
        'upload-offset': '0',
        'upload-length': '2000',
      },
    });
    expect(res.status).toBe(200);
    return ref.sha256;
  };
  /** What the periods act on, as rows: must not change in a dry run. */
  const snapshot = async () => {
    const db = rawDb(server.storage);
    return {
      rejected: await db
        .selectFrom('rejected_mutations')
        .select(['seq', 'payload', 'details'])
        .orderBy('seq')
        .execute(),
      tokens: await db.selectFrom('tokens').select('token_hash').orderBy('token_hash').execute(),
      uploads: await db.selectFrom('media_uploads').select('sha256').orderBy('sha256').execute(),
      audit: await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq').execute(),
    };
  };

  let old: { refused: Awaited<ReturnType<typeof refuse>>; upload: string };
  let recent: { refused: Awaited<ReturnType<typeof refuse>>; upload: string };
  beforeEach(async () => {
    server = await setupServer(backend, { tokenTtlDays: 365 });
    seq = 0;
    at(0);
    // Day 0: a refused change, an unfinished upload, sessions (the agent's stays open, the supervisor's is
    // revoked the same day), and a session that expired on day 10.
    old = { refused: await refuse(), upload: await unfinishedUpload('agent') };
    await server.login('supervisor');
    const supervisor = (await server.storage.userByUsername('supervisor'))!;
    await server.storage.revokeUserTokens(supervisor.id, server.clock.now.toISOString());
    await server.storage.insertToken({
      tokenHash: 'f'.repeat(64),
      userId: supervisor.id,
      createdAt: server.clock.now.toISOString(),
      expiresAt: new Date(T0 + 10 * DAY).toISOString(),
      revokedAt: null,
    });
    // Day 99: the same again, recent.
    at(99);
    recent = { refused: await refuse(), upload: await unfinishedUpload('focal') };
    at(100);
  });
  afterEach(async () => {
    await server?.close();
  });

  it('changes nothing in a dry run, and counts what a run then removes', async () => {
    const before = await snapshot();
    const dry = await purge(server.storage, server.clock.now, PERIODS, { dryRun: true });
    expect(await snapshot()).toEqual(before);
    expect(dry.removed).toMatchObject({ refusedChanges: 1, sessions: 2, uploads: 1, files: 0 });
    expect(dry.removed.auditEntries).toBeGreaterThan(0);

    const real = await purge(server.storage, server.clock.now, PERIODS);
    expect(real.removed).toEqual(dry.removed);
    expect(real.checkpoint).toEqual(dry.checkpoint);
    // Said in words, the same way for both.
    expect(describePurge(dry)[0]).toBe('Would remove (dry run: nothing changed):');
    expect(describePurge(real)[0]).toBe('Removed:');
  });

  it('removes exactly what the periods say, and the audit trail still verifies from its checkpoint', async () => {
    const audit = await snapshot();
    const agent = (await server.storage.userByUsername('agent'))!;
    const report = await purge(server.storage, server.clock.now, PERIODS);

    // Refused changes: the old one's content is gone, its row (and replay answer) stays; the recent one is whole.
    const rejected = await snapshot().then((s) => s.rejected);
    expect(rejected).toHaveLength(2);
    expect(JSON.parse(rejected[0]!.payload)).toMatchObject({
      omitted: 'expired',
      table: 'submissions',
      seq: 1,
    });
    expect(rejected[0]!.payload).not.toContain('day 1');
    expect(rejected[0]!.details).toBeNull();
    expect(JSON.parse(rejected[1]!.payload)).toMatchObject({ id: recent.refused.id });
    const replay = await server.push('agent', agentDevice, [old.refused], 4);
    expect(replay.body.results[0]).toMatchObject({ status: 'rejected', code: 'validation' });

    // Sessions: the revoked and the expired ones went; the open ones (the agent's of day 0, the focal
    // point's of day 99) stay, and work.
    const focal = (await server.storage.userByUsername('focal'))!;
    const tokens = await rawDb(server.storage).selectFrom('tokens').select(['user_id']).execute();
    expect(tokens.map((t) => t.user_id).sort()).toEqual([agent.id, focal.id].sort());
    expect((await server.pull('agent')).changes.length).toBeGreaterThan(0);

    // Files: the upload untouched for more than UPLOAD_TTL_HOURS went.
    expect(await server.storage.media.getUpload(old.upload, agent.id)).toBeUndefined();
    expect(await server.storage.media.getUpload(recent.upload, focal.id)).toBeDefined();

    // Audit: every entry written before day 70 went, the later ones stayed, and the purge recorded where
    // the chain now starts.
    const kept = await server.storage.auditChain(0, 100_000);
    const cutoff = new Date(T0 + 70 * DAY).toISOString();
    const removed = audit.audit.filter((e) => !kept.some((k) => k.seq === e.seq));
    expect(removed.length).toBe(report.removed.auditEntries);
    expect(kept.every((e) => e.at >= cutoff)).toBe(true);
    expect(removed.at(-1)!.hash).toBe(kept[0]!.prevHash);
    expect(report.checkpoint).toMatchObject({ firstKept: kept[0]!.seq, prevHash: kept[0]!.prevHash });
    const [purged] = await server.storage.listAudit(1, { action: 'retention.purge' });
    expect(purged).toMatchObject({ userId: null, details: { checkpoint: report.checkpoint } });
    expect(await verifyAuditChain(server.storage)).toMatchObject({ ok: true, firstSeq: kept[0]!.seq });

    // Later entries chain on; a second purge finds nothing more to remove and the chain still verifies.
    await server.login('focal');
    expect((await purge(server.storage, server.clock.now, PERIODS)).removed).toEqual({
      refusedChanges: 0,
      sessions: 0,
      uploads: 0,
      files: 0,
      auditEntries: 0,
    });
    expect(await verifyAuditChain(server.storage)).toMatchObject({ ok: true, problems: [] });

    // Removing the first kept entries by hand is still seen: no purge vouches for the new start.
    await rawDb(server.storage).deleteFrom('audit_log').where('seq', '=', kept[0]!.seq).execute();
    const tampered = await verifyAuditChain(server.storage);
    expect(tampered.ok).toBe(false);
    expect(tampered.problems[0]?.problem).toContain('no purge recorded removing them');
  });

  it('runs in the server every PURGE_INTERVAL_HOURS, unless it is 0', async () => {
    expect(startPurgeTimer(server.storage, { ...PERIODS, intervalMs: null })).toBeNull();
    const ticks: (() => void)[] = [];
    const logged: string[] = [];
    const timer = startPurgeTimer(server.storage, PERIODS, {
      now: () => server.clock.now,
      log: (line) => logged.push(line),
      timers: {
        setInterval: (tick, ms) => {
          expect(ms).toBe(DAY);
          ticks.push(tick);
          return {};
        },
        clearInterval: () => undefined,
      },
    });
    ticks[0]!();
    await timer!.stop();
    expect(logged).toEqual([
      expect.stringMatching(/^Purge: Removed:\n {2}refused changes: the content of 1 /),
    ]);
  });

  it('keeps a kind for ever when its period is 0, and says so', async () => {
    const lines: string[] = [];
    const env = { REJECTED_RETENTION_DAYS: '0', TOKEN_RETENTION_DAYS: '0', AUDIT_RETENTION_DAYS: '0' };
    const before = await snapshot();
    await purgeCommand(server.storage, [], { env, now: server.clock.now, say: (l) => lines.push(l) });
    const after = await snapshot();
    expect(after.rejected).toEqual(before.rejected);
    expect(after.tokens).toEqual(before.tokens);
    expect(after.uploads).toHaveLength(1);
    expect(lines).toEqual([
      'Removed:',
      '  refused changes: kept for ever (REJECTED_RETENTION_DAYS=0)',
      '  sessions: kept for ever (TOKEN_RETENTION_DAYS=0)',
      expect.stringContaining('  files: 1 unfinished upload and 0 files no submission names, from before'),
      '  audit trail: kept for ever (AUDIT_RETENTION_DAYS=0)',
    ]);
    await expect(
      purgeCommand(server.storage, ['--now'], { env, now: server.clock.now, say: () => {} }),
    ).rejects.toThrow();
  });
});

describe('retention periods from the environment', () => {
  it('has defaults, takes whole days, and 0 for ever', () => {
    expect(retentionFromEnv({})).toMatchObject({
      rejectedMs: 90 * DAY,
      tokensMs: 30 * DAY,
      auditMs: 365 * DAY,
      mediaMs: 7 * DAY,
      intervalMs: DAY,
    });
    expect(retentionFromEnv({ AUDIT_RETENTION_DAYS: '0', PURGE_INTERVAL_HOURS: '0' })).toMatchObject({
      auditMs: null,
      intervalMs: null,
    });
    expect(() => retentionFromEnv({ TOKEN_RETENTION_DAYS: '1.5' })).toThrow(
      'TOKEN_RETENTION_DAYS must be a whole number of days (0: never), got 1.5',
    );
  });
});
