import type { StyleSpecification } from 'maplibre-gl';

/** Natural Earth's countries (scripts/basemap.ts), shipped with the app and precached: no network needed. */
export const BASEMAP_URL = '/maps/countries-110m.geojson';
export const NATURAL_EARTH = '<a href="https://www.naturalearthdata.com/">Natural Earth</a>';

const SEA = '#c9dde8';
const LAND = '#f2efe4';
const BORDER = '#8c8272';

/**
 * The built-in basemap as a MapLibre style: a plain sea, the land and the countries' borders, from the GeoJSON
 * given (fetched once by mapLibrary.ts). No glyphs, sprites nor tiles: nothing to download, so a map is never
 * blank, even offline on a device with no map pack. Map packs draw above it (`addPackSource`).
 */
export function basemapStyle(countries: GeoJSON.FeatureCollection): StyleSpecification {
  return {
    version: 8,
    sources: {
      countries: { type: 'geojson', data: countries, attribution: NATURAL_EARTH },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': SEA } },
      {
        id: 'land',
        type: 'fill',
        source: 'countries',
        filter: ['==', ['get', 'kind'], 'land'],
        paint: { 'fill-color': LAND },
      },
      {
        id: 'borders',
        type: 'line',
        source: 'countries',
        filter: ['==', ['get', 'kind'], 'border'],
        paint: { 'line-color': BORDER, 'line-width': 1 },
      },
    ],
  };
}

/** Packs' layers go under this one (the countries' borders stay on top of a pack's tiles). */
export const FIRST_OVERLAY_LAYER = 'borders';
