import { z } from 'zod/mini';

/**
 * Offline map packs (issue 15): a basemap an admin or supervisor uploads for a project, kept by the server as
 * one PMTiles v3 file (an MBTiles upload is converted once, at upload), listed to the project's members and
 * downloaded by devices with HTTP range requests, so a download resumes where it stopped.
 */

export const MAP_PACK_TILE_TYPES = ['png', 'jpg', 'webp', 'mvt'] as const;
export const MapPackTileType = z.enum(MAP_PACK_TILE_TYPES);
export type MapPackTileType = z.infer<typeof MapPackTileType>;

/**
 * West, south, east, north in degrees (WGS 84). Four numbers checked by length, not as a z.tuple: zod's
 * code is shared with the signed-in app's chunk, and a tuple would add its code there (field agent budget).
 */
export const MapPackBounds = z.pipe(
  z.array(z.number()).check(z.minLength(4), z.maxLength(4)),
  z.transform((b) => b as [number, number, number, number]),
);
export type MapPackBounds = [west: number, south: number, east: number, north: number];

export const MapPack = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  format: z.literal('pmtiles'),
  tileType: MapPackTileType,
  /** Size of the PMTiles file a device downloads. */
  bytes: z.int().check(z.nonnegative()),
  minZoom: z.int().check(z.gte(0), z.lte(30)),
  maxZoom: z.int().check(z.gte(0), z.lte(30)),
  bounds: MapPackBounds,
  /** The map data's attribution, shown on every map drawn from it (may be empty when the file named none). */
  attribution: z.string(),
  createdAt: z.string(),
});
export type MapPack = z.infer<typeof MapPack>;

export const MapPackList = z.object({ packs: z.array(MapPack) });
export type MapPackList = z.infer<typeof MapPackList>;

export const MAX_MAP_PACK_NAME = 120;
export const MAX_MAP_PACK_ATTRIBUTION = 500;

/** The text fields of an upload (multipart, beside the `file` part). */
export const MapPackUploadFields = z.object({
  name: z
    .string()
    .check(z.trim(), z.minLength(1, 'A name is required'), z.maxLength(MAX_MAP_PACK_NAME, 'Name too long')),
  attribution: z.optional(
    z.string().check(z.trim(), z.maxLength(MAX_MAP_PACK_ATTRIBUTION, 'Attribution too long')),
  ),
});
export type MapPackUploadFields = z.infer<typeof MapPackUploadFields>;

/** A pack id as routes take it. */
export const MapPackId = z.string().check(z.regex(/^mp_[0-9a-f]{32}$/, 'Not a map pack id'));

/** The file extensions an upload may have. */
export const MAP_PACK_EXTENSIONS = ['.pmtiles', '.mbtiles'] as const;

/** The server's default size limit for an upload (MAP_PACK_MAX_MB overrides it). */
export const DEFAULT_MAX_MAP_PACK_BYTES = 500 * 1024 * 1024;

/** How much a device asks for per range request while downloading a pack. */
export const MAP_PACK_DOWNLOAD_CHUNK_BYTES = 1024 * 1024;
