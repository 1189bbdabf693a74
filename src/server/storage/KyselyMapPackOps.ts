import type { Kysely, Selectable } from 'kysely';
import { MapPackBounds, type MapPackTileType } from '../../core/maps/mapPack';
import { MAP_PACK_STORE_CHUNK, type MapPackOps, type MapPackRecord } from './MapPackOps';
import type { Database, MapPacksTable } from './schema';

function toPack(row: Selectable<MapPacksTable>): MapPackRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    format: 'pmtiles',
    tileType: row.tile_type as MapPackTileType,
    bytes: Number(row.bytes),
    minZoom: Number(row.min_zoom),
    maxZoom: Number(row.max_zoom),
    bounds: MapPackBounds.parse(JSON.parse(row.bounds)),
    attribution: row.attribution,
    createdAt: row.created_at,
    sha256: row.sha256,
    sourceFormat: row.source_format === 'mbtiles' ? 'mbtiles' : 'pmtiles',
    createdBy: row.created_by,
    ready: Number(row.ready) === 1,
  };
}

/** Map packs, written once for both dialects (bytes are Buffers with either driver). */
export class KyselyMapPackOps implements MapPackOps {
  constructor(private readonly db: Kysely<Database>) {}

  async insertPack(pack: Omit<MapPackRecord, 'ready'>): Promise<void> {
    await this.db
      .insertInto('map_packs')
      .values({
        id: pack.id,
        project_id: pack.projectId,
        name: pack.name,
        tile_type: pack.tileType,
        bytes: pack.bytes,
        min_zoom: pack.minZoom,
        max_zoom: pack.maxZoom,
        bounds: JSON.stringify(pack.bounds),
        attribution: pack.attribution,
        sha256: pack.sha256,
        source_format: pack.sourceFormat,
        created_by: pack.createdBy,
        created_at: pack.createdAt,
        ready: 0,
      })
      .execute();
  }

  async putChunk(packId: string, position: number, data: Uint8Array): Promise<void> {
    await this.db
      .insertInto('map_pack_chunks')
      .values({ pack_id: packId, position, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) })
      .execute();
  }

  async markReady(packId: string, sha256: string): Promise<void> {
    await this.db.updateTable('map_packs').set({ ready: 1, sha256 }).where('id', '=', packId).execute();
  }

  async listPacks(projectId: string): Promise<MapPackRecord[]> {
    const rows = await this.db
      .selectFrom('map_packs')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('ready', '=', 1)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toPack);
  }

  async getPack(packId: string): Promise<MapPackRecord | undefined> {
    const row = await this.db.selectFrom('map_packs').selectAll().where('id', '=', packId).executeTakeFirst();
    return row && toPack(row);
  }

  async readRange(packId: string, start: number, end: number): Promise<Uint8Array> {
    const first = Math.floor(start / MAP_PACK_STORE_CHUNK) * MAP_PACK_STORE_CHUNK;
    const rows = await this.db
      .selectFrom('map_pack_chunks')
      .select(['position', 'data'])
      .where('pack_id', '=', packId)
      .where('position', '>=', first)
      .where('position', '<=', end)
      .orderBy('position')
      .execute();
    const out = new Uint8Array(end - start + 1);
    for (const row of rows) {
      const position = Number(row.position);
      const data = row.data;
      const from = Math.max(start, position);
      const to = Math.min(end + 1, position + data.length);
      if (to > from) out.set(data.subarray(from - position, to - position), from - start);
    }
    return out;
  }

  async deletePack(packId: string): Promise<boolean> {
    await this.db.deleteFrom('map_pack_chunks').where('pack_id', '=', packId).execute();
    const result = await this.db.deleteFrom('map_packs').where('id', '=', packId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async deleteStale(before: string): Promise<number> {
    const stale = await this.db
      .selectFrom('map_packs')
      .select('id')
      .where('ready', '=', 0)
      .where('created_at', '<', before)
      .execute();
    for (const { id } of stale) await this.deletePack(id);
    return stale.length;
  }
}
