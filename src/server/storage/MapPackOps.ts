import type { MapPack } from '../../core/maps/mapPack';

/** A pack as stored: the listed fields and what only the server needs. */
export interface MapPackRecord extends MapPack {
  sha256: string;
  sourceFormat: 'pmtiles' | 'mbtiles';
  createdBy: string | null;
  ready: boolean;
}

/** The bytes of a pack are kept in chunks of this size (the last one shorter). */
export const MAP_PACK_STORE_CHUNK = 1024 * 1024;

/** Map packs and their bytes (`storage.mapPacks`; migration 2026-12-06-0040-map-packs). */
export interface MapPackOps {
  /** Inserts a pack, not ready: listed once `markReady` says its chunks are all written. */
  insertPack(pack: Omit<MapPackRecord, 'ready'>): Promise<void>;
  /** Stores the chunk that starts at `position` (a multiple of MAP_PACK_STORE_CHUNK). */
  putChunk(packId: string, position: number, data: Uint8Array): Promise<void>;
  /** The pack is complete: its bytes hash to `sha256` (the download's ETag). */
  markReady(packId: string, sha256: string): Promise<void>;
  /** A project's ready packs, newest first. */
  listPacks(projectId: string): Promise<MapPackRecord[]>;
  getPack(packId: string): Promise<MapPackRecord | undefined>;
  /** Bytes `start` to `end` inclusive of a pack (within its size). */
  readRange(packId: string, start: number, end: number): Promise<Uint8Array>;
  /** The pack and its bytes; false when there was none. */
  deletePack(packId: string): Promise<boolean>;
  /** Packs never made ready (an upload cut or refused mid-way) older than `before`, deleted; their count. */
  deleteStale(before: string): Promise<number>;
}
