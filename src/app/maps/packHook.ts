import type { Source } from 'pmtiles';

/**
 * Which map packs the device's maps draw from, set by the code that keeps them (maps/packStore.ts's
 * `localPackSource(packId)` gives each a `pmtiles` Source). Free of MapLibre, so that the pack's own pages
 * can set it without loading the map; every map made afterwards (mapLibrary.ts `createMap`) adds these packs
 * above the built-in basemap, each with its attribution.
 */
export type PackSources = () => Promise<Source[]>;

let provider: PackSources | undefined;

export function setPackSources(sources: PackSources | undefined): void {
  provider = sources;
}

/** The packs to draw (none when no provider is set, or when it fails: the built-in basemap stays). */
export async function packSources(): Promise<Source[]> {
  try {
    return provider ? await provider() : [];
  } catch {
    return [];
  }
}
