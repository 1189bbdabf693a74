/**
 * The built-in basemap (src/app/maps/basemap.ts): Natural Earth's countries at 1:110 million (the
 * `world-atlas` package's TopoJSON, public domain), converted once to GeoJSON with coordinates rounded to
 * 0.01° (about 1 km, finer than the data's own precision at that scale). Two features: the land (the
 * countries' union, filled) and the borders (each shared edge once, drawn as lines). The result is committed
 * under public/maps/ and precached by the service worker, so that a map is never blank, even offline on a
 * device with no map pack.
 *
 *   npx tsx scripts/basemap.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { merge, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const require = createRequire(import.meta.url);
const topology = JSON.parse(
  readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'),
) as Topology;
const countries = topology.objects.countries as GeometryCollection;

const round = (value: unknown): unknown =>
  typeof value === 'number'
    ? Math.round(value * 100) / 100
    : Array.isArray(value)
      ? dedupe(value.map(round))
      : value;
/** Consecutive positions that rounding made equal, once. */
function dedupe(list: unknown[]): unknown[] {
  if (!Array.isArray(list[0]) || typeof (list[0] as unknown[])[0] !== 'number') return list;
  return list.filter((p, i) => i === 0 || JSON.stringify(p) !== JSON.stringify(list[i - 1]));
}

const land = merge(topology, countries.geometries as never);
const borders = mesh(topology, countries, (a, b) => a !== b);
const collection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { kind: 'land' },
      geometry: { ...land, coordinates: round(land.coordinates) },
    },
    {
      type: 'Feature',
      properties: { kind: 'border' },
      geometry: { ...borders, coordinates: round(borders.coordinates) },
    },
  ],
};
const out = new URL('../public/maps/countries-110m.geojson', import.meta.url);
writeFileSync(out, JSON.stringify(collection));
console.log(`${out.pathname}: ${readFileSync(out).length} bytes`);
