import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAX_MAP_PACK_BYTES } from '../../core/maps/mapPack';

/** Where uploads are written while received and converted, and how large a pack may be. */
export interface MapPackConfig {
  /** A directory of the service user's (made 0700 if missing); the server's data directory by default. */
  workDir: string;
  maxBytes: number;
}

/**
 * MAP_PACK_MAX_MB (default 500) caps an upload; MAP_PACK_WORK_DIR names the directory uploads go to while
 * they are checked and converted (default: `<data dir>/map-pack-uploads`, or the system's temporary
 * directory for an app made without one, as in tests).
 */
export function mapPackConfigFromEnv(
  env: Record<string, string | undefined> = process.env,
  dataDir?: string,
): MapPackConfig {
  const raw = env.MAP_PACK_MAX_MB?.trim();
  let maxBytes = DEFAULT_MAX_MAP_PACK_BYTES;
  if (raw) {
    if (!/^\d+$/.test(raw) || Number(raw) === 0)
      throw new Error(`MAP_PACK_MAX_MB must be a whole number of megabytes above 0, got ${raw}`);
    maxBytes = Number(raw) * 1024 * 1024;
  }
  const workDir =
    env.MAP_PACK_WORK_DIR?.trim() ||
    (dataDir ? join(dataDir, 'map-pack-uploads') : join(tmpdir(), 'terrain-map-pack-uploads'));
  return { workDir, maxBytes };
}
