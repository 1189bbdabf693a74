import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import type { MapPack } from '../../core/maps/mapPack';
import { MAP_PACK_STORE_CHUNK, type MapPackRecord } from '../storage/MapPackOps';
import type { Storage } from '../storage/Storage';
import { convertMbtiles } from './mbtiles';
import type { ReceivedFile } from './multipartToDisk';
import { inspectPmtiles, MapPackFileError } from './pmtilesFile';

export const newMapPackId = (): string => `mp_${randomBytes(16).toString('hex')}`;

async function sniffFormat(file: ReceivedFile): Promise<'pmtiles' | 'mbtiles'> {
  const handle = await open(file.path, 'r');
  try {
    const head = new Uint8Array(16);
    await handle.read(head, 0, 16, 0);
    const text = new TextDecoder('latin1').decode(head);
    if (text.startsWith('PMTiles')) return 'pmtiles';
    if (text === 'SQLite format 3\0') return 'mbtiles';
  } finally {
    await handle.close();
  }
  const lower = file.name.toLowerCase();
  if (lower.endsWith('.pmtiles') || lower.endsWith('.mbtiles'))
    throw new MapPackFileError(
      `This ${lower.endsWith('.pmtiles') ? 'PMTiles' : 'MBTiles'} file is not valid`,
    );
  throw new MapPackFileError('Upload a .pmtiles (version 3) or an .mbtiles file');
}

/** Streams the file into chunk rows, hashing it on the way. */
async function copyIntoStorage(storage: Storage, packId: string, path: string): Promise<string> {
  const hash = createHash('sha256');
  let position = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: MAP_PACK_STORE_CHUNK })) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    await storage.mapPacks.putChunk(packId, position, bytes);
    position += bytes.length;
  }
  return hash.digest('hex');
}

export interface StorePackRequest {
  projectId: string;
  userId: string;
  name: string;
  attribution?: string;
  file: ReceivedFile;
  now: Date;
}

/** The listed fields of a stored pack. */
export function publicPack(pack: MapPackRecord): MapPack {
  return {
    id: pack.id,
    projectId: pack.projectId,
    name: pack.name,
    format: 'pmtiles',
    tileType: pack.tileType,
    bytes: pack.bytes,
    minZoom: pack.minZoom,
    maxZoom: pack.maxZoom,
    bounds: pack.bounds,
    attribution: pack.attribution,
    createdAt: pack.createdAt,
  };
}

/**
 * Checks the uploaded file, converts an MBTiles one to PMTiles, and stores the PMTiles bytes: the pack is
 * listed only once all of them are in. The uploaded and converted files are removed in every case.
 */
export async function storeUploadedPack(storage: Storage, request: StorePackRequest): Promise<MapPackRecord> {
  const { file } = request;
  const converted = `${file.path}.pmtiles`;
  try {
    const sourceFormat = await sniffFormat(file);
    let path = file.path;
    if (sourceFormat === 'mbtiles') {
      await convertMbtiles(file.path, converted);
      path = converted;
    }
    const size = (await stat(path)).size;
    const facts = await inspectPmtiles(path, size);
    const id = newMapPackId();
    const pack: Omit<MapPackRecord, 'ready'> = {
      id,
      projectId: request.projectId,
      name: request.name,
      format: 'pmtiles',
      tileType: facts.tileType,
      bytes: size,
      minZoom: facts.minZoom,
      maxZoom: facts.maxZoom,
      bounds: facts.bounds,
      attribution: request.attribution || facts.attribution,
      createdAt: request.now.toISOString(),
      sha256: '',
      sourceFormat,
      createdBy: request.userId,
    };
    // The hash is known once the bytes are in: the row is written first (not ready), completed after.
    pack.sha256 = createHash('sha256').update(id).digest('hex');
    await storage.mapPacks.insertPack(pack);
    try {
      const sha256 = await copyIntoStorage(storage, id, path);
      await storage.transaction(async (tx) => {
        await tx.mapPacks.markReady(id, sha256);
        await tx.audit({
          at: request.now.toISOString(),
          userId: request.userId,
          action: 'map_pack.upload',
          tbl: 'map_packs',
          recordId: id,
          details: { projectId: request.projectId, bytes: size, sourceFormat, tileType: facts.tileType },
        });
      });
      return { ...pack, sha256, ready: true };
    } catch (err) {
      await storage.mapPacks.deletePack(id);
      throw err;
    }
  } finally {
    await rm(file.path, { force: true });
    await rm(converted, { force: true });
  }
}
