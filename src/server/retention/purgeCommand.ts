import { parseArgs } from 'node:util';
import type { Storage } from '../storage/Storage';
import { retentionFromEnv } from './config';
import { describePurge, purge } from './purge';

export const PURGE_USAGE = `  purge [--dry-run]             apply the retention periods (REJECTED_RETENTION_DAYS, TOKEN_RETENTION_DAYS,
                                UPLOAD_TTL_HOURS, AUDIT_RETENTION_DAYS: see the README's Configuration) and
                                print what was removed; --dry-run: print what would be, change nothing`;

export interface PurgeCommandIo {
  env: Record<string, string | undefined>;
  now: Date;
  say: (line: string) => void;
}

/** `npm run cli -- purge [--dry-run]`: what the running server does every PURGE_INTERVAL_HOURS, at once. */
export async function purgeCommand(storage: Storage, args: string[], io: PurgeCommandIo): Promise<void> {
  // parseArgs refuses unknown options (the CLI prints the usage).
  const { values } = parseArgs({
    args,
    allowPositionals: false,
    options: { 'dry-run': { type: 'boolean' } },
  });
  const report = await purge(storage, io.now, retentionFromEnv(io.env), {
    dryRun: values['dry-run'] === true,
  });
  for (const line of describePurge(report)) io.say(line);
}
