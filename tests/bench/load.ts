/**
 * `npm run bench -- load` (issue 16): many field tablets against real server processes over loopback. Each
 * simulated device is one agent's tablet: it signs in (argon2id at the production cost), registers its
 * device key, then loops pull, think 1–3 s, push 1–5 submissions (30 % with a 50–200 KB photo, uploaded
 * after the records), think 1–3 s. The servers run as separate OS processes (load/serveChild.ts); the
 * devices run here, in the bench's process, on the same two cores: client and server compete for them.
 *
 * Scenarios, each on a fresh database:
 * - sqlite: one process on SQLite, 200 devices (LOAD_DEVICES), LOAD_DURATION_S (default 60) measured after a
 *   LOAD_RAMP_S (default 20) start in which the devices sign in one after the other;
 * - pg1, pg2: one and two processes on one PostgreSQL (a database made for the run, dropped after), behind
 *   the same round-robin proxy; the same 200-device run, then a saturation run (LOAD_SATURATE_DEVICES
 *   devices with no think time, LOAD_SATURATE_S) for the throughput either sustains: pg2_per_pg1 is the ratio
 *   of those two;
 * - soak: one SQLite process under the 200-device load for LOAD_SOAK_S (default 300); the growth of its
 *   resident memory from the end of the first minute (LOAD_SOAK_SETTLE_S) to the end.
 * Rate limits are set explicitly: the production defaults for the runs with think times (they count per
 * user, and every device is its own user, so none trips), and a million a minute for the saturation runs,
 * whose devices push back to back. LOAD_CPU_PROF=<dir> writes a V8 CPU profile of each server process.
 * Binds and connects to 127.0.0.1 only; every run stops by itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEFAULT_LIMITS } from '../../src/server/limits/config';
import { openStorage } from '../../src/server/main';
import { FIELD_HABITS, type DeviceHabits } from './load/device';
import { prepareLoadDatabase } from './load/fixture';
import { roundRobinProxy } from './load/roundRobinProxy';
import { runScenario, type Account, type ScenarioResult } from './load/scenario';
import { startServerProcess, type ServerProcess } from './load/serverProcess';
import { percentile } from './load/stats';
import { report } from './report';

const seconds = (name: string, fallback: number) => Number(process.env[name] ?? fallback) * 1000;
const DEVICES = Number(process.env.LOAD_DEVICES ?? 200);
const RAMP_MS = seconds('LOAD_RAMP_S', 20);
const DURATION_MS = seconds('LOAD_DURATION_S', 60);
const SATURATE_DEVICES = Number(process.env.LOAD_SATURATE_DEVICES ?? 40);
const SATURATE_MS = seconds('LOAD_SATURATE_S', 30);
const SOAK_MS = seconds('LOAD_SOAK_S', 300);
const SOAK_SETTLE_MS = seconds(
  'LOAD_SOAK_SETTLE_S',
  Math.min(60, Number(process.env.LOAD_SOAK_S ?? 300) / 5),
);
const CPU_PROF = process.env.LOAD_CPU_PROF || undefined;
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const rate = DEFAULT_LIMITS.rate!;
/** The production defaults, explicitly (the bench's own environment must not change them). */
const FIELD_LIMITS = {
  RATE_LIMIT_WINDOW_SECONDS: String(rate.windowMs / 1000),
  RATE_LIMIT_PUSH: String(rate.push),
  RATE_LIMIT_MEDIA: String(rate.media),
  RATE_LIMIT_EXPORT: String(rate.export),
  RATE_LIMIT_PUBLIC: String(rate.public),
};
/** Devices pushing back to back would meet the per-user limits: still counted, never reached. */
const SATURATION_LIMITS = { ...FIELD_LIMITS, RATE_LIMIT_PUSH: '1000000', RATE_LIMIT_MEDIA: '1000000' };
const NO_THINK: DeviceHabits = { ...FIELD_HABITS, thinkMs: [0, 0] };

let totalErrors = 0;

function reportRun(prefix: string, devices: number, run: ScenarioResult): void {
  const { log } = run;
  const syncing = log.of('push', 'pull');
  const ms = (v: number) => v.toFixed(0);
  report(`${prefix}.devices`, devices);
  report(`${prefix}.p95_ms`, ms(percentile(syncing, 95)));
  report(`${prefix}.p99_ms`, ms(percentile(syncing, 99)));
  for (const kind of ['push', 'pull', 'media_chunk', 'login'] as const) {
    const values = log.of(kind);
    report(`${prefix}.${kind}_p95_ms`, ms(percentile(values, 95)));
    report(`${prefix}.${kind}_p99_ms`, ms(percentile(values, 99)));
  }
  const measured = log.count() - log.of('login', 'register').length;
  report(`${prefix}.req_per_s`, (measured / run.seconds).toFixed(1));
  cpuFigures(prefix, run, measured);
  report(`${prefix}.errors`, log.errors);
  for (const sample of log.errorSamples) console.error(`  ${prefix} error: ${sample}`);
  totalErrors += log.errors;
}

/**
 * Where the two cores went while measuring: the servers' CPU per request does not depend on what else the
 * machine runs, the latencies do.
 */
function cpuFigures(prefix: string, run: ScenarioResult, requests: number): void {
  if (!Number.isNaN(run.serverCpu)) {
    report(`${prefix}.server_cpu_ms_per_req`, ((run.serverCpu * 1000) / requests).toFixed(2));
    report(`${prefix}.server_cores`, (run.serverCpu / run.seconds).toFixed(2));
  }
  report(`${prefix}.client_cores`, (run.clientCpu / run.seconds).toFixed(2));
  report(`${prefix}.machine_load_1min`, loadavg()[0]!.toFixed(1));
}

/** The saturation run's figures (`<prefix>.max_*`); returns its rate. */
function reportSaturation(prefix: string, run: ScenarioResult): number {
  totalErrors += run.log.errors;
  for (const sample of run.log.errorSamples) console.error(`  ${prefix} saturation error: ${sample}`);
  const requests = run.log.count() - run.log.of('login', 'register').length;
  const rate = requests / run.seconds;
  report(`${prefix}.max_req_per_s`, rate.toFixed(1));
  report(`${prefix}.max_p95_ms`, percentile(run.log.of('push', 'pull'), 95).toFixed(0));
  cpuFigures(`${prefix}.max`, run, requests);
  return rate;
}

/** A fresh SQLite data directory with the accounts, for `use`; removed after. */
async function withSqlite<T>(use: (dataDir: string, accounts: Account[]) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'terrain-load-'));
  try {
    const storage = await openStorage({ dataDir, log: () => undefined });
    const accounts = await prepareLoadDatabase(storage, DEVICES).finally(() => storage.close());
    return await use(dataDir, accounts);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A database of its own on the PostgreSQL server, dropped after; null when there is no PostgreSQL. */
async function withPostgres<T>(
  name: string,
  use: (url: string, accounts: Account[]) => Promise<T>,
): Promise<T | null> {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    report(`load.${name}`, `skipped (${err instanceof Error ? err.message : String(err)})`);
    return null;
  }
  const database = `terrain_load_${process.pid}_${name}`;
  const url = new URL(PG_URL);
  url.pathname = `/${database}`;
  await admin.query(`create database ${database}`);
  try {
    const storage = await openStorage({ dataDir: tmpdir(), databaseUrl: url.toString() });
    const accounts = await prepareLoadDatabase(storage, DEVICES).finally(() => storage.close());
    return await use(url.toString(), accounts);
  } finally {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}

async function withProcesses<T>(
  count: number,
  options: { dataDir: string; databaseUrl?: string; env: Record<string, string> },
  use: (servers: ServerProcess[]) => Promise<T>,
): Promise<T> {
  const servers: ServerProcess[] = [];
  try {
    for (let n = 0; n < count; n += 1)
      servers.push(await startServerProcess({ ...options, cpuProfDir: CPU_PROF }));
    return await use(servers);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

async function sqliteScenario(): Promise<void> {
  await withSqlite(async (dataDir, accounts) => {
    const run = await withProcesses(1, { dataDir, env: FIELD_LIMITS }, ([server]) =>
      runScenario({
        origin: `http://127.0.0.1:${server!.port}`,
        serverCpuSeconds: () => server!.cpuSeconds(),
        accounts,
        rampMs: RAMP_MS,
        durationMs: DURATION_MS,
      }),
    );
    reportRun('load.sqlite', accounts.length, run);
    const saturated = await withProcesses(1, { dataDir, env: SATURATION_LIMITS }, ([server]) =>
      runScenario({
        origin: `http://127.0.0.1:${server!.port}`,
        serverCpuSeconds: () => server!.cpuSeconds(),
        accounts: accounts.slice(0, SATURATE_DEVICES),
        rampMs: 2000,
        durationMs: SATURATE_MS,
        habits: NO_THINK,
      }),
    );
    reportSaturation('load.sqlite', saturated);
  });
}

/** `processes` servers on one fresh PostgreSQL database behind the round-robin proxy; the max rate. */
async function postgresScenario(name: string, processes: number): Promise<number | null> {
  return withPostgres(name, (databaseUrl, accounts) => {
    const behindProxy = (
      env: Record<string, string>,
      work: (origin: string, cpu: () => number) => Promise<ScenarioResult>,
    ) =>
      withProcesses(processes, { dataDir: tmpdir(), databaseUrl, env }, async (servers) => {
        const proxy = await roundRobinProxy(servers);
        try {
          return await work(proxy.origin, () => servers.reduce((sum, s) => sum + s.cpuSeconds(), 0));
        } finally {
          await proxy.close();
        }
      });
    return (async () => {
      const run = await behindProxy(FIELD_LIMITS, (origin, cpu) =>
        runScenario({ origin, accounts, rampMs: RAMP_MS, durationMs: DURATION_MS, serverCpuSeconds: cpu }),
      );
      reportRun(`load.${name}`, accounts.length, run);
      const saturated = await behindProxy(SATURATION_LIMITS, (origin, cpu) =>
        runScenario({
          origin,
          serverCpuSeconds: cpu,
          accounts: accounts.slice(0, SATURATE_DEVICES),
          rampMs: 2000,
          durationMs: SATURATE_MS,
          habits: NO_THINK,
        }),
      );
      return reportSaturation(`load.${name}`, saturated);
    })();
  });
}

async function soakScenario(): Promise<void> {
  await withSqlite(async (dataDir, accounts) => {
    const samples: { at: number; rss: number }[] = [];
    const run = await withProcesses(1, { dataDir, env: FIELD_LIMITS }, ([server]) =>
      runScenario({
        origin: `http://127.0.0.1:${server!.port}`,
        serverCpuSeconds: () => server!.cpuSeconds(),
        accounts,
        rampMs: RAMP_MS,
        durationMs: SOAK_MS,
        onSample: { everyMs: 5000, sample: (at) => samples.push({ at, rss: server!.rss() }) },
      }).then((result) => {
        samples.push({ at: Infinity, rss: server!.rss() });
        return result;
      }),
    );
    const settled = samples.find((s) => s.at >= RAMP_MS + SOAK_SETTLE_MS) ?? samples[0]!;
    const last = samples.at(-1)!;
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    report('load.soak_seconds', SOAK_MS / 1000);
    report('load.soak_rss_start_mb', mb(settled.rss));
    report('load.soak_rss_end_mb', mb(last.rss));
    report('load.soak_rss_max_mb', mb(Math.max(...samples.map((s) => s.rss))));
    report('load.soak_rss_growth', ((last.rss - settled.rss) / settled.rss).toFixed(3));
    report('load.soak_p95_ms', percentile(run.log.of('push', 'pull'), 95).toFixed(0));
    report('load.soak_errors', run.log.errors);
    totalErrors += run.log.errors;
  });
}

/** LOAD_SCENARIOS=sqlite,pg1,pg2,soak (all by default) runs some of them. */
const SCENARIOS = new Set(
  (process.env.LOAD_SCENARIOS ?? 'sqlite,pg1,pg2,soak').split(',').map((s) => s.trim()),
);

export async function benchLoad(): Promise<void> {
  if (SCENARIOS.has('sqlite')) await sqliteScenario();
  const one = SCENARIOS.has('pg1') ? await postgresScenario('pg1', 1) : null;
  const two = SCENARIOS.has('pg2') ? await postgresScenario('pg2', 2) : null;
  if (one !== null && two !== null) report('load.pg2_per_pg1', (two / one).toFixed(2));
  if (SCENARIOS.has('soak')) await soakScenario();
  report('load.errors', totalErrors);
}
