import type { Source } from 'pmtiles';

/**
 * Which map packs the device's maps draw from, set by the code that keeps them (maps/packStore.ts's
 * `localPackSource(packId)` gives each a `pmtiles` Source). Free of MapLibre, so that the pack's own pages
 * can set it without loading the map; every map made afterwards (mapLibrary.ts `createMap`) adds these packs
 * above the built-in basemap, each with its attribution.
 */
export interface PackSource {
  source: Source;
  /** The attribution given at upload, shown when the file itself names none. */
  attribution?: string;
}
export type PackSources = () => Promise<PackSource[]>;

let provider: PackSources | undefined;

export function setPackSources(sources: PackSources | undefined): void {
  provider = sources;
}

/**
 * The packs to draw: the provider's when one is set, else every pack downloaded whole on this device
 * (maps/packStore.ts); none when that fails: the built-in basemap stays.
 */
export async function packSources(): Promise<PackSource[]> {
  try {
    return await (provider ?? devicePacks)();
  } catch {
    return [];
  }
}

async function devicePacks(): Promise<PackSource[]> {
  const { listLocalPacks, localPackSource } = await import('./packStore');
  const packs = await Promise.all(
    (await listLocalPacks()).map(async (local) => {
      const source = await localPackSource(local.id);
      return source ? [{ source, attribution: local.pack.attribution }] : [];
    }),
  );
  return packs.flat();
}
