import { afterEach, beforeEach, expect } from 'vitest';
import type { SyncEngineOptions } from '../../../src/app/sync/SyncEngine';
import type { ServerLimits } from '../../../src/server/limits/config';
import type { Backend } from '../../server/backends';
import type { TestServer } from '../../server/harness';
import { createDevice, startServer, type Device } from './realServer';

export interface RealServerOptions {
  /** Engine options of every device (batch sizes…). */
  engine?: Partial<SyncEngineOptions>;
  /** Runs on each fresh server before any device signs in (e.g. publishes a form). */
  setup?: (server: TestServer) => Promise<void>;
  /** The server's limits (request rates…); none by default. */
  limits?: ServerLimits;
}

/**
 * A fresh real server of `backend` for each test (see realServer.ts), and devices that are closed after it.
 * Kept apart from realServer.ts, which the benchmarks import outside vitest.
 */
export function useRealServer(backend: Backend, options: RealServerOptions = {}) {
  const ctx = { server: undefined as unknown as TestServer, devices: [] as Device[] };
  beforeEach(async () => {
    ctx.server = await startServer(backend, options.limits);
    ctx.devices = [];
    await options.setup?.(ctx.server);
  }, 60_000);
  afterEach(async () => {
    for (const device of ctx.devices) await device.close();
    // Undefined when beforeEach itself failed: report that failure, not a TypeError here.
    await (ctx.server as TestServer | undefined)?.close();
  }, 60_000);
  return {
    get server() {
      return ctx.server;
    },
    /** A signed-in device that has pulled its projects and forms (fault-free). */
    async device(username: string): Promise<Device> {
      const device = await createDevice(ctx.server, username, options.engine);
      ctx.devices.push(device);
      await device.sync();
      expect(device.engine.getStatus().phase).toBe('idle');
      return device;
    },
  };
}
