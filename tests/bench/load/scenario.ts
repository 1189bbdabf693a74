import { FIELD_HABITS, SimulatedDevice, type DeviceHabits, type RunControl } from './device';
import { httpClient } from './http';
import { LatencyLog } from './stats';

export interface Account {
  username: string;
  password: string;
}

export interface ScenarioOptions {
  /** Where the devices send their requests (a server, or the round-robin proxy): 127.0.0.1 only. */
  origin: string;
  /** One device per account. */
  accounts: readonly Account[];
  /** Devices start one after the other over this long (their sign-ins spread out); not measured. */
  rampMs: number;
  /** How long all devices work once started, measured. */
  durationMs: number;
  habits?: DeviceHabits;
  /** Called every `sampleMs` while the run lasts (the soak samples the server's memory with it). */
  onSample?: { everyMs: number; sample: (elapsedMs: number) => void };
  /** CPU seconds the servers have used so far, to tell their share from the devices' (this process). */
  serverCpuSeconds?: () => number;
}

export interface ScenarioResult {
  log: LatencyLog;
  /** Length of the measured part, in seconds. */
  seconds: number;
  /** CPU seconds used in the measured part by the servers (NaN without `serverCpuSeconds`) and the devices. */
  serverCpu: number;
  clientCpu: number;
}

const cpuSecondsHere = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * Runs one device per account until the time is up, then stops every device (a think is cut short, a
 * request under way is awaited) and returns what they saw. Stops by itself.
 */
export async function runScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const http = httpClient(options.origin);
  const log = new LatencyLog();
  const start = performance.now();
  const measureFrom = start + options.rampMs;
  const end = measureFrom + options.durationMs;
  let stopped = false;
  const sleepers = new Set<() => void>();
  const control: RunControl = {
    log,
    measureFrom,
    stopped: () => stopped || performance.now() >= end,
    sleep: (ms) =>
      new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(0, Math.min(ms, end - performance.now())));
        sleepers.add(wake);
      }),
  };
  const stepMs = options.accounts.length > 1 ? options.rampMs / options.accounts.length : 0;
  const lives = options.accounts.map(async (account, index) => {
    await control.sleep(index * stepMs);
    if (control.stopped()) return;
    await new SimulatedDevice(
      http,
      account.username,
      account.password,
      control,
      options.habits ?? FIELD_HABITS,
    ).live();
  });
  const sampler = options.onSample
    ? setInterval(() => options.onSample!.sample(performance.now() - start), options.onSample.everyMs)
    : undefined;
  const serverCpu = options.serverCpuSeconds ?? (() => Number.NaN);
  let atMeasure = { server: Number.NaN, client: Number.NaN };
  const measureTimer = setTimeout(() => {
    atMeasure = { server: serverCpu(), client: cpuSecondsHere() };
  }, options.rampMs);
  const stopTimer = setTimeout(() => {
    stopped = true;
    for (const wake of [...sleepers]) wake();
  }, end - performance.now());
  try {
    await Promise.all(lives);
  } finally {
    clearTimeout(measureTimer);
    clearTimeout(stopTimer);
    if (sampler) clearInterval(sampler);
    http.close();
  }
  const atEnd = { server: serverCpu(), client: cpuSecondsHere() };
  return {
    log,
    seconds: options.durationMs / 1000,
    serverCpu: atEnd.server - atMeasure.server,
    clientCpu: atEnd.client - atMeasure.client,
  };
}
