import { parseArgs } from 'node:util';
import type { Storage } from '../storage/Storage';
import { cleanup, describeCleanup } from './cleanup';
import { limitsFromEnv } from './config';

export interface CleanupCommandIo {
  env: Record<string, string | undefined>;
  now: Date;
  say: (line: string) => void;
}

/**
 * `npm run cli -- cleanup`: sweeps now what the running server sweeps every hour (unfinished uploads
 * untouched, and files no submission names, for UPLOAD_TTL_HOURS), e.g. from cron when no server runs.
 */
export async function cleanupCommand(storage: Storage, args: string[], io: CleanupCommandIo): Promise<void> {
  // No options yet: parseArgs refuses unknown ones (the CLI prints the usage).
  parseArgs({ args, allowPositionals: false, options: {} });
  const ttlMs = limitsFromEnv(io.env).uploadTtlMs;
  const result = await cleanup(storage, io.now, ttlMs);
  const hours = ttlMs / 3_600_000;
  io.say(`${describeCleanup(result)} (older than ${hours} hour${hours === 1 ? '' : 's'}).`);
}
