import Dexie, { type EntityTable } from 'dexie';
import type { RangeResponse, Source } from 'pmtiles';
import { MAP_PACK_DOWNLOAD_CHUNK_BYTES, type MapPack } from '../../core/maps/mapPack';

/**
 * Offline map packs on the device (issue 15; docs/maps.md). A pack is downloaded in chunks of
 * MAP_PACK_DOWNLOAD_CHUNK_BYTES by HTTP range requests; each chunk is stored on its own as it arrives (an
 * OPFS file `map-packs/<packId>/<index>` where the browser can write files there, else an IndexedDB row),
 * and the pack's record counts the bytes stored, so a download paused, cut or interrupted by a reload
 * resumes from there. Packs are basemaps, not personal data: they live in a database of the device
 * (`terrain-map-packs`), unsealed, shared by the accounts of the tablet, so a pack is downloaded once.
 * `localPackSource` reads a complete pack as a `pmtiles` Source, which maps draw from offline.
 */

export type PackBackend = 'opfs' | 'idb';

export interface LocalPack {
  id: string;
  pack: MapPack;
  /** Bytes stored so far, from the start of the file. */
  received: number;
  complete: boolean;
  backend: PackBackend;
  /** The server's ETag of the file: a changed file restarts the download. */
  etag: string | null;
  /** The size of each stored chunk (the last one shorter): chunk `i` holds the bytes from i × chunkBytes. */
  chunkBytes: number;
  updatedAt: string;
}

interface ChunkRow {
  packId: string;
  index: number;
  data: ArrayBuffer;
}

class PackDb extends Dexie {
  packs!: EntityTable<LocalPack, 'id'>;
  chunks!: Dexie.Table<ChunkRow, [string, number]>;

  constructor() {
    super('terrain-map-packs');
    this.version(1).stores({ packs: 'id', chunks: '[packId+index]' });
  }
}

let database: PackDb | undefined;
const db = () => (database ??= new PackDb());

/** For tests: forget the open database (after fake-indexeddb is reset). */
export function closePackStore(): void {
  database?.close();
  database = undefined;
}

// ---- where the bytes go ----------------------------------------------------------------------------------

async function opfsRoot(): Promise<FileSystemDirectoryHandle | undefined> {
  try {
    if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return undefined;
    if (typeof FileSystemFileHandle === 'undefined' || !('createWritable' in FileSystemFileHandle.prototype))
      return undefined;
    return await navigator.storage.getDirectory();
  } catch {
    return undefined;
  }
}

async function packDir(packId: string, create: boolean): Promise<FileSystemDirectoryHandle | undefined> {
  const root = await opfsRoot();
  if (!root) return undefined;
  try {
    const packs = await root.getDirectoryHandle('map-packs', { create });
    return await packs.getDirectoryHandle(packId, { create });
  } catch {
    return undefined;
  }
}

/** Which store a new download uses: OPFS files where the browser can write them, else IndexedDB. */
let preferred: PackBackend | 'auto' = 'auto';
/** For tests: force a backend. */
export function setPackBackend(backend: PackBackend | 'auto'): void {
  preferred = backend;
}
async function chooseBackend(): Promise<PackBackend> {
  if (preferred !== 'auto') return preferred;
  return (await opfsRoot()) ? 'opfs' : 'idb';
}

async function writeChunk(pack: LocalPack, index: number, data: ArrayBuffer): Promise<void> {
  if (pack.backend === 'idb') {
    await db().chunks.put({ packId: pack.id, index, data });
    return;
  }
  const dir = await packDir(pack.id, true);
  if (!dir) throw new Error('The browser’s file storage is not available');
  const handle = await dir.getFileHandle(String(index), { create: true });
  const writable = await handle.createWritable();
  await writable.write(data);
  await writable.close();
}

async function readChunk(pack: LocalPack, index: number): Promise<Blob | ArrayBuffer | undefined> {
  if (pack.backend === 'idb') return (await db().chunks.get([pack.id, index]))?.data;
  const dir = await packDir(pack.id, false);
  if (!dir) return undefined;
  try {
    return await (await dir.getFileHandle(String(index))).getFile();
  } catch {
    return undefined;
  }
}

async function dropBytes(pack: Pick<LocalPack, 'id' | 'backend'>): Promise<void> {
  await db()
    .chunks.where('[packId+index]')
    .between([pack.id, Dexie.minKey], [pack.id, Dexie.maxKey])
    .delete();
  const root = await opfsRoot();
  if (!root) return;
  try {
    const packs = await root.getDirectoryHandle('map-packs');
    await packs.removeEntry(pack.id, { recursive: true });
  } catch {
    // Nothing stored there.
  }
}

// ---- the store -------------------------------------------------------------------------------------------

export async function listLocalPacks(): Promise<LocalPack[]> {
  return db().packs.toArray();
}

export async function getLocalPack(packId: string): Promise<LocalPack | undefined> {
  return db().packs.get(packId);
}

/** Removes a pack and its bytes from the device. */
export async function deleteLocalPack(packId: string): Promise<void> {
  const pack = await db().packs.get(packId);
  await db().packs.delete(packId);
  await dropBytes({ id: packId, backend: pack?.backend ?? 'idb' });
}

export interface DownloadOptions {
  /** The session's bearer token. */
  token: string;
  signal?: AbortSignal;
  onProgress?: (received: number, total: number) => void;
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Bytes per range request for a new download (MAP_PACK_DOWNLOAD_CHUNK_BYTES by default). */
  chunkBytes?: number;
}

/** The server refused or answered something unusable; `status` is its HTTP status (0: no answer). */
export class PackDownloadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'PackDownloadError';
  }
}

/** Asks the browser not to evict the site's storage (GUIDE §3); its answer is only a wish granted or not. */
async function askPersistence(): Promise<void> {
  try {
    if (
      typeof navigator !== 'undefined' &&
      navigator.storage?.persist &&
      !(await navigator.storage.persisted())
    )
      await navigator.storage.persist();
  } catch {
    // Not offered by this browser.
  }
}

/**
 * Downloads the rest of a pack: from the bytes already stored to the end, one range request per chunk.
 * Resolves 'complete' or, when `signal` aborts, 'paused' (what was stored stays; call again to resume).
 * A changed file on the server (another ETag) starts the pack again from zero.
 */
export async function downloadPack(pack: MapPack, options: DownloadOptions): Promise<'complete' | 'paused'> {
  const doFetch =
    options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  await askPersistence();
  let local = await db().packs.get(pack.id);
  if (!local || local.pack.bytes !== pack.bytes) {
    if (local) await dropBytes(local);
    local = {
      id: pack.id,
      pack,
      received: 0,
      complete: false,
      backend: await chooseBackend(),
      etag: null,
      chunkBytes: options.chunkBytes ?? MAP_PACK_DOWNLOAD_CHUNK_BYTES,
      updatedAt: new Date().toISOString(),
    };
    await db().packs.put(local);
  }
  const chunkBytes = local.chunkBytes;
  const url = `${options.baseUrl ?? ''}/api/map-packs/${encodeURIComponent(pack.id)}/file`;
  options.onProgress?.(local.received, pack.bytes);
  while (local.received < pack.bytes) {
    if (options.signal?.aborted) return 'paused';
    const start: number = local.received;
    const end = Math.min(start + chunkBytes, pack.bytes) - 1;
    const headers = new Headers({ Authorization: `Bearer ${options.token}`, Range: `bytes=${start}-${end}` });
    if (local.etag) headers.set('If-Range', local.etag);
    let response: Response;
    let data: ArrayBuffer;
    try {
      response = await doFetch(url, {
        headers,
        signal: options.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
      if (response.status === 200 && start > 0) {
        // The file changed since the first chunks: start again.
        await response.body?.cancel();
        await dropBytes(local);
        local = {
          ...local,
          received: 0,
          etag: response.headers.get('ETag'),
          updatedAt: new Date().toISOString(),
        };
        await db().packs.put(local);
        continue;
      }
      if (response.status !== 206 && response.status !== 200)
        throw new PackDownloadError(response.status, `The server answered ${response.status}`);
      data = await response.arrayBuffer();
    } catch (err) {
      if (options.signal?.aborted) return 'paused';
      if (err instanceof PackDownloadError) throw err;
      throw new PackDownloadError(0, (err as Error).message || 'No answer from the server');
    }
    // A 200 at the start is the whole file: keep its first chunk only, the rest comes by ranges.
    if (response.status === 200) data = data.slice(0, end - start + 1);
    if (data.byteLength !== end - start + 1)
      throw new PackDownloadError(response.status, 'The server sent a chunk of the wrong size');
    await writeChunk(local, start / chunkBytes, data);
    local = {
      ...local,
      received: start + data.byteLength,
      etag: local.etag ?? response.headers.get('ETag'),
      updatedAt: new Date().toISOString(),
    };
    local.complete = local.received >= pack.bytes;
    await db().packs.put(local);
    options.onProgress?.(local.received, pack.bytes);
  }
  if (!local.complete) await db().packs.put({ ...local, complete: true });
  return 'complete';
}

/** A `pmtiles` Source over a complete pack on the device: maps draw from it offline. */
class LocalPackSource implements Source {
  private readonly cache = new Map<number, Promise<Uint8Array>>();

  constructor(private readonly pack: LocalPack) {}

  getKey(): string {
    return `terrain-pack:${this.pack.id}`;
  }

  private chunk(index: number): Promise<Uint8Array> {
    let hit = this.cache.get(index);
    if (!hit) {
      hit = readChunk(this.pack, index).then(async (stored) => {
        if (stored === undefined) throw new Error(`Map pack ${this.pack.id} is missing bytes`);
        return new Uint8Array(stored instanceof Blob ? await stored.arrayBuffer() : stored);
      });
      hit.catch(() => this.cache.delete(index));
      this.cache.set(index, hit);
      // A few chunks in memory: the header, the root directory and the tiles being drawn.
      if (this.cache.size > 8) this.cache.delete(this.cache.keys().next().value!);
    }
    return hit;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const end = Math.min(offset + length, this.pack.pack.bytes);
    const out = new Uint8Array(Math.max(0, end - offset));
    const size = this.pack.chunkBytes;
    for (let index = Math.floor(offset / size); index * size < end; index++) {
      const bytes = await this.chunk(index);
      const chunkStart = index * size;
      const from = Math.max(offset, chunkStart);
      const to = Math.min(end, chunkStart + bytes.length);
      out.set(bytes.subarray(from - chunkStart, to - chunkStart), from - offset);
    }
    return { data: out.buffer, etag: this.pack.etag ?? undefined };
  }
}

/** The stored pack as a `pmtiles` Source, or undefined while it is not wholly on the device. */
export async function localPackSource(packId: string): Promise<Source | undefined> {
  const pack = await db().packs.get(packId);
  return pack?.complete ? new LocalPackSource(pack) : undefined;
}
