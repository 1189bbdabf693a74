import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  addProtocol,
  setWorkerUrl,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre's worker, bundled by Vite as a file of the app's own origin (and precached with it): the map runs
// under the app's strict Content-Security-Policy (a same-origin worker, no `unsafe-eval`).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { PMTiles, Protocol, TileType, type Source } from 'pmtiles';
import { BASEMAP_URL, basemapStyle, FIRST_OVERLAY_LAYER } from './basemap';
import { packSources } from './packHook';

/**
 * The one module that loads MapLibre: imported only through MapWidgets.tsx, itself only imported lazily when
 * a map is shown, so that neither MapLibre nor its CSS is in the JavaScript an agent downloads to open the app
 * and fill a form (scripts/bundle-budget.ts, `map` chunk in vite.config.ts).
 */

let protocol: Protocol | undefined;

/**
 * The `pmtiles://` protocol, registered once. A map pack on the device (maps/packStore.ts's
 * `localPackSource(packId)`) joins it with `pmtilesProtocol().add(new PMTiles(source))`, then a style source
 * `{ type: 'vector' | 'raster', url: 'pmtiles://' + source.getKey() }` draws from it with no network.
 */
export function pmtilesProtocol(): Protocol {
  if (!protocol) {
    setWorkerUrl(workerUrl);
    protocol = new Protocol({ metadata: true });
    addProtocol('pmtiles', protocol.tile);
  }
  return protocol;
}

let countries: Promise<GeoJSON.FeatureCollection> | undefined;

/** The basemap's GeoJSON, fetched once (from the service worker's cache when offline). */
function basemapData(): Promise<GeoJSON.FeatureCollection> {
  countries ??= fetch(BASEMAP_URL)
    .then((r) =>
      r.ok ? (r.json() as Promise<GeoJSON.FeatureCollection>) : Promise.reject(new Error(r.statusText)),
    )
    .catch(() => {
      // A map with the sea only, rather than none; tried again with the next map.
      countries = undefined;
      return { type: 'FeatureCollection', features: [] };
    });
  return countries;
}

export interface MapSetup {
  container: HTMLElement;
  /** The map's accessible name (its canvas is a region the keyboard pans and zooms). */
  label: string;
  center?: [longitude: number, latitude: number];
  zoom?: number;
  /** Fits these bounds instead of `center` and `zoom` ([west, south, east, north]). */
  bounds?: [number, number, number, number];
  /** MapLibre's own strings (zoom buttons, attribution) in the interface language. */
  locale?: Record<string, string>;
  /** A map that only shows (the submission's page): no zoom buttons. */
  readOnly?: boolean;
  /**
   * Adds the sources and layers of a map pack (or any basemap beyond the built-in one) once the style is
   * loaded: add layers `beforeId` FIRST_OVERLAY_LAYER (basemap.ts). Each source's `attribution` joins the
   * attribution shown on the map. A failure leaves the built-in basemap. By default, the packs of
   * packHook.ts's `setPackSources`, each drawn by `addPmtilesPack`.
   */
  addPackSource?: (map: MapLibreMap) => Promise<void>;
}

/** A MapLibre map over the built-in basemap, resolved once its style has loaded (layers may be added). */
export async function createMap(setup: MapSetup): Promise<MapLibreMap> {
  pmtilesProtocol();
  const data = await basemapData();
  const map = new MapLibreMap({
    container: setup.container,
    style: basemapStyle(data),
    center: setup.center ?? [0, 15],
    zoom: setup.zoom ?? 1,
    ...(setup.bounds ? { bounds: setup.bounds, fitBoundsOptions: { padding: 40, maxZoom: 16 } } : {}),
    // The attribution stays visible (not folded into an ⓘ button), as Natural Earth and packs' licences ask.
    attributionControl: false,
    // Tests read the canvas's pixels, and people share screenshots of maps.
    canvasContextAttributes: { preserveDrawingBuffer: true },
    dragRotate: false,
    pitchWithRotate: false,
    maxZoom: 19,
    ...(setup.locale ? { locale: setup.locale } : {}),
  });
  map.addControl(new AttributionControl({ compact: false }), 'bottom-right');
  if (!setup.readOnly) map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.getCanvas().setAttribute('aria-label', setup.label);
  await new Promise<void>((resolve) => (map.loaded() ? resolve() : map.once('load', () => resolve())));
  const addPacks =
    setup.addPackSource ??
    (async (m: MapLibreMap) => {
      for (const { source, attribution } of await packSources()) await addPmtilesPack(m, source, attribution);
    });
  await addPacks(map).catch(() => undefined);
  return map;
}

const PACK_INK = '#5b5548';

/**
 * Draws a PMTiles map pack on `map`, under the countries' borders: a raster pack (PNG, JPEG, WebP, AVIF)
 * as it is; a vector pack (MVT, which comes without a style) with plain fills, lines and dots for each of its
 * layers, enough to find one's way. The pack's `attribution` (its metadata) shows with Natural Earth's.
 */
export async function addPmtilesPack(map: MapLibreMap, source: Source, given?: string): Promise<void> {
  const archive = new PMTiles(source);
  pmtilesProtocol().add(archive);
  const header = await archive.getHeader();
  const metadata = ((await archive.getMetadata().catch(() => ({}))) ?? {}) as {
    attribution?: string;
    vector_layers?: { id: string }[];
  };
  const id = `pack-${source.getKey()}`;
  const url = `pmtiles://${source.getKey()}`;
  // The file's own attribution, else the one given at upload (an MBTiles often names none). MapLibre shows
  // attributions as HTML: both come from an upload, so only their text is kept (the CSP blocks scripts
  // anyway; this keeps markup and links out too).
  const named = typeof metadata.attribution === 'string' ? plainText(metadata.attribution) : '';
  const attribution = named || (given ? plainText(given) : '') || undefined;
  if (map.getSource(id)) return;
  if (header.tileType !== TileType.Mvt) {
    map.addSource(id, { type: 'raster', url, tileSize: 256, ...(attribution ? { attribution } : {}) });
    map.addLayer({ id, type: 'raster', source: id }, FIRST_OVERLAY_LAYER);
    return;
  }
  map.addSource(id, { type: 'vector', url, ...(attribution ? { attribution } : {}) });
  for (const { id: layer } of metadata.vector_layers ?? []) {
    const common = { source: id, 'source-layer': layer };
    map.addLayer(
      {
        id: `${id}-${layer}-fill`,
        type: 'fill',
        ...common,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': PACK_INK, 'fill-opacity': 0.12 },
      },
      FIRST_OVERLAY_LAYER,
    );
    map.addLayer(
      {
        id: `${id}-${layer}-line`,
        type: 'line',
        ...common,
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'line-color': PACK_INK, 'line-width': 1 },
      },
      FIRST_OVERLAY_LAYER,
    );
    map.addLayer(
      {
        id: `${id}-${layer}-point`,
        type: 'circle',
        ...common,
        filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-color': PACK_INK, 'circle-radius': 2 },
      },
      FIRST_OVERLAY_LAYER,
    );
  }
}

/** An attribution's text, tags dropped and HTML's special characters escaped. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(?!(?:[a-z]+|#\d+);)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .trim();
}

export type { MapLibreMap };
