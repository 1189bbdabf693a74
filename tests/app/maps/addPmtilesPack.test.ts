import { describe, expect, it, vi } from 'vitest';
import { minimalPmtiles, memorySource } from './pmtilesFixture';

// MapLibre needs a browser (WebGL): the map is a fake that records what is added to it.
vi.mock('maplibre-gl', () => ({
  AttributionControl: class {},
  Map: class {},
  NavigationControl: class {},
  addProtocol: vi.fn(),
  setWorkerUrl: vi.fn(),
}));
vi.mock('maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url', () => ({ default: '/assets/worker.js' }));
vi.mock('maplibre-gl/dist/maplibre-gl.css', () => ({}));

const { addPmtilesPack } = await import('../../../src/app/maps/mapLibrary');
const maplibre = await import('maplibre-gl');

function fakeMap() {
  const sources = new Map<string, Record<string, unknown>>();
  const layers: { layer: Record<string, unknown>; beforeId: string | undefined }[] = [];
  const map = {
    getSource: (id: string) => sources.get(id),
    addSource: (id: string, source: Record<string, unknown>) => sources.set(id, source),
    addLayer: (layer: Record<string, unknown>, beforeId?: string) => layers.push({ layer, beforeId }),
  };
  return { map: map as unknown as Parameters<typeof addPmtilesPack>[0], sources, layers };
}

describe('addPmtilesPack: a map pack from the device, drawn under the borders with its attribution', () => {
  it('draws a raster pack as it is, through the pmtiles:// protocol (registered once)', async () => {
    const { map, sources, layers } = fakeMap();
    const source = memorySource('pack-raster', minimalPmtiles(2, { attribution: '© OpenStreetMap' }));
    await addPmtilesPack(map, source);
    expect(sources.get('pack-pack-raster')).toEqual({
      type: 'raster',
      url: 'pmtiles://pack-raster',
      tileSize: 256,
      attribution: '© OpenStreetMap',
    });
    expect(layers).toEqual([
      { layer: { id: 'pack-pack-raster', type: 'raster', source: 'pack-pack-raster' }, beforeId: 'borders' },
    ]);
    expect(maplibre.addProtocol).toHaveBeenCalledTimes(1);
    expect(vi.mocked(maplibre.addProtocol).mock.calls[0]?.[0]).toBe('pmtiles');
    expect(maplibre.setWorkerUrl).toHaveBeenCalledWith('/assets/worker.js');
  });

  it('shows the attribution given at upload when the file names none, as text only', async () => {
    const { map, sources } = fakeMap();
    const bare = memorySource('pack-bare', minimalPmtiles(2, {}));
    await addPmtilesPack(map, bare, '© Contributeurs <b>OSM</b> <img src=x onerror=alert(1)> & co');
    expect(sources.get('pack-pack-bare')).toMatchObject({ attribution: '© Contributeurs OSM  &amp; co' });
    const marked = memorySource(
      'pack-marked',
      minimalPmtiles(2, { attribution: '<a href="https://x">© OSM</a>' }),
    );
    await addPmtilesPack(map, marked, 'ignored');
    expect(sources.get('pack-pack-marked')).toMatchObject({ attribution: '© OSM' });
  });

  it('draws each layer of a vector pack with plain fills, lines and dots', async () => {
    const { map, sources, layers } = fakeMap();
    const metadata = { vector_layers: [{ id: 'roads' }, { id: 'water' }] };
    await addPmtilesPack(map, memorySource('pack-vector', minimalPmtiles(1, metadata)));
    expect(sources.get('pack-pack-vector')).toEqual({ type: 'vector', url: 'pmtiles://pack-vector' });
    expect(layers.map((l) => [l.layer.id, l.layer['source-layer'], l.beforeId])).toEqual([
      ['pack-pack-vector-roads-fill', 'roads', 'borders'],
      ['pack-pack-vector-roads-line', 'roads', 'borders'],
      ['pack-pack-vector-roads-point', 'roads', 'borders'],
      ['pack-pack-vector-water-fill', 'water', 'borders'],
      ['pack-pack-vector-water-line', 'water', 'borders'],
      ['pack-pack-vector-water-point', 'water', 'borders'],
    ]);
    // Added once: a second map of the same pack adds nothing twice to the same map.
    await addPmtilesPack(map, memorySource('pack-vector', minimalPmtiles(1, metadata)));
    expect(layers).toHaveLength(6);
  });
});
