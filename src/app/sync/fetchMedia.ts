import type { MediaRef } from '../../core/forms/answersSchema';
import type { ApiClient } from '../api/client';
import { ApiError, NetworkError } from '../api/errors';
import { sha256Hex } from '../components/questions/media/prepareMedia';
import type { TerrainDb } from '../db/TerrainDb';
import { getMedia } from '../repositories/media';
import { storeDownloadedMedia } from '../repositories/mediaUploads';

/**
 * A file answer's bytes for display: `missing` when the server has not received them yet from the device
 * that took them, `offline` when the server cannot be reached, `error` for anything else (refused, damaged).
 */
export type MediaFetchResult =
  | { kind: 'ready'; blob: Blob }
  | { kind: 'missing' }
  | { kind: 'offline' }
  | { kind: 'error'; message: string };

/** Downloads in flight, per database: two previews of one photo make one request. */
const inFlight = new WeakMap<TerrainDb, Map<string, Promise<MediaFetchResult>>>();
/**
 * Until when (ms) the server asked this device to wait before downloading again (`Retry-After` on a 429 or
 * 503): meanwhile every file shows as unreachable without a request, however fast a reviewer scrolls.
 */
const waitUntil = new WeakMap<TerrainDb, number>();

/**
 * The bytes of a file answer: from the device when it has them, otherwise downloaded on demand (a reviewer
 * opening someone else's photo) and kept on the device, so they stay available offline.
 */
export function fetchMedia(
  db: TerrainDb,
  api: ApiClient,
  ref: MediaRef,
  now: () => number = () => Date.now(),
): Promise<MediaFetchResult> {
  let requests = inFlight.get(db);
  if (!requests) {
    requests = new Map<string, Promise<MediaFetchResult>>();
    inFlight.set(db, requests);
  }
  const running = requests.get(ref.sha256);
  if (running) return running;
  const request = download(db, api, ref, now).finally(() => requests.delete(ref.sha256));
  requests.set(ref.sha256, request);
  return request;
}

async function download(
  db: TerrainDb,
  api: ApiClient,
  ref: MediaRef,
  now: () => number,
): Promise<MediaFetchResult> {
  const local = await getMedia(db, ref.sha256);
  if (local) return { kind: 'ready', blob: local.blob };
  if ((waitUntil.get(db) ?? 0) > now()) return { kind: 'offline' };
  let blob: Blob;
  try {
    blob = await api.media.download(ref.sha256);
  } catch (error) {
    if (error instanceof ApiError && error.transient && error.retryAfterMs !== null)
      waitUntil.set(db, now() + error.retryAfterMs);
    if (error instanceof NetworkError || (error instanceof ApiError && error.transient))
      return { kind: 'offline' };
    if (error instanceof ApiError && error.status === 404) return { kind: 'missing' };
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  // A body cut short, or altered on the way, is not shown as the photo.
  if ((await sha256Hex(blob)) !== ref.sha256) return { kind: 'offline' };
  try {
    await storeDownloadedMedia(db, { ...ref, size: blob.size, type: blob.type || ref.type }, blob);
  } catch {
    // The device is full: the photo is shown all the same, and downloaded again next time.
  }
  return { kind: 'ready', blob };
}
