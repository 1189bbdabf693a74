import type { GeoJSONSource, MapGeoJSONFeature, MapMouseEvent } from 'maplibre-gl';
import { Marker } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { featuresBounds, type AnswerFeature } from '../../core/geo/answerFeatures';
import type { SubmissionFeature } from '../../core/geo/submissionMap';
import '../i18n/dataMapStrings';
import { MapFrame, useMapLibre } from './MapWidgets';
import type { MapLibreMap } from './mapLibrary';

/**
 * The data maps of focal points, supervisors and admins (issue 15): a form's submissions (points clustered
 * when dense, lines and areas, coloured by review status) and a project's places. Loaded lazily with the map
 * chunk. Everything a pointer does here, the page's list beside the map does with a keyboard.
 */

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
const CLUSTER = '#222222';
const collection = (features: readonly object[]): GeoJSON.FeatureCollection => ({
  type: 'FeatureCollection',
  features: features as GeoJSON.Feature[],
});

/** The count of each cluster on screen, as HTML markers (the built-in basemap has no glyphs for labels). */
function clusterLabels(map: MapLibreMap, source: string) {
  const shown = new Map<number, Marker>();
  const update = () => {
    const seen = new Set<number>();
    for (const f of map.querySourceFeatures(source)) {
      const props = f.properties as { cluster?: boolean; cluster_id?: number; point_count?: number };
      if (!props.cluster || props.cluster_id === undefined || f.geometry.type !== 'Point') continue;
      const id = props.cluster_id;
      if (seen.has(id)) continue;
      seen.add(id);
      if (shown.has(id)) continue;
      const element = document.createElement('div');
      element.className = 'map-cluster';
      // The page's list names every submission: the count is for the eye (and the pointer zooms in).
      element.setAttribute('aria-hidden', 'true');
      element.textContent = String(props.point_count ?? '');
      element.addEventListener('click', (event) => {
        event.stopPropagation();
        const [lng, lat] = (f.geometry as GeoJSON.Point).coordinates as [number, number];
        void map
          .getSource<GeoJSONSource>(source)
          ?.getClusterExpansionZoom(id)
          .then((zoom) => map.easeTo({ center: [lng, lat], zoom }));
      });
      shown.set(id, new Marker({ element }).setLngLat(f.geometry.coordinates as [number, number]).addTo(map));
    }
    for (const [id, marker] of shown)
      if (!seen.has(id)) {
        marker.remove();
        shown.delete(id);
      }
  };
  map.on('render', update);
  return () => {
    map.off('render', update);
    for (const marker of shown.values()) marker.remove();
  };
}

/**
 * A form's submissions on a map: `features` from core/geo/submissionMap.ts (each with its submission's id
 * and colour). Points are clustered when dense, with their count; a tap on a cluster zooms in, a tap on a
 * point, line or area calls `onOpen` with its submission's id.
 */
export function SubmissionsMap({
  label,
  features,
  onOpen,
}: {
  label: string;
  features: readonly SubmissionFeature[];
  onOpen: (submissionId: string) => void;
}) {
  const bounds = featuresBounds(features);
  const { ref, map, failed } = useMapLibre({ label, ...(bounds ? { bounds } : {}) });
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const data = JSON.stringify(features);

  useEffect(() => {
    if (!map || map.getSource('subs-points')) return;
    map.addSource('subs-points', {
      type: 'geojson',
      data: EMPTY,
      cluster: true,
      clusterRadius: 40,
      clusterMaxZoom: 15,
    });
    map.addSource('subs-shapes', { type: 'geojson', data: EMPTY });
    map.addLayer({
      id: 'subs-fill',
      type: 'fill',
      source: 'subs-shapes',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.25 },
    });
    map.addLayer({
      id: 'subs-line',
      type: 'line',
      source: 'subs-shapes',
      paint: { 'line-color': ['get', 'colour'], 'line-width': 3 },
    });
    map.addLayer({
      id: 'subs-clusters',
      type: 'circle',
      source: 'subs-points',
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': CLUSTER,
        'circle-radius': ['step', ['get', 'point_count'], 14, 10, 18, 100, 24],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    });
    map.addLayer({
      id: 'subs-point',
      type: 'circle',
      source: 'subs-points',
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': ['get', 'colour'],
        'circle-radius': 8,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    });
    const open = (e: MapMouseEvent & { features?: MapGeoJSONFeature[] }) => {
      const id = (e.features?.[0]?.properties as { submission?: string } | undefined)?.submission;
      if (id) openRef.current(id);
    };
    const zoomIn = (e: MapMouseEvent & { features?: MapGeoJSONFeature[] }) => {
      const f = e.features?.[0];
      const id = (f?.properties as { cluster_id?: number } | undefined)?.cluster_id;
      if (!f || id === undefined || f.geometry.type !== 'Point') return;
      const center = f.geometry.coordinates as [number, number];
      void map
        .getSource<GeoJSONSource>('subs-points')
        ?.getClusterExpansionZoom(id)
        .then((zoom) => map.easeTo({ center, zoom }));
    };
    map.on('click', 'subs-point', open);
    map.on('click', 'subs-line', open);
    map.on('click', 'subs-fill', open);
    map.on('click', 'subs-clusters', zoomIn);
    for (const layer of ['subs-point', 'subs-line', 'subs-fill', 'subs-clusters']) {
      map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
    }
  }, [map]);

  useEffect(() => {
    if (!map) return;
    return clusterLabels(map, 'subs-points');
  }, [map]);

  useEffect(() => {
    if (!map) return;
    const all = JSON.parse(data) as SubmissionFeature[];
    const points = all.filter((f) => f.geometry.type === 'Point');
    const shapes = all.filter((f) => f.geometry.type !== 'Point');
    void map
      .getSource<GeoJSONSource>('subs-points')
      ?.setData(collection(points))
      .catch(() => undefined);
    void map
      .getSource<GeoJSONSource>('subs-shapes')
      ?.setData(collection(shapes))
      .catch(() => undefined);
    const next = featuresBounds(all);
    if (next) map.fitBounds(next, { padding: 40, maxZoom: 14, animate: false });
  }, [map, data]);

  return (
    <MapFrame mapRef={ref} map={map} failed={failed}>
      <span hidden data-testid="map-features">
        {features.length}
      </span>
    </MapFrame>
  );
}

export interface PlacePoint {
  name: string;
  lat: number;
  lon: number;
}

/** A project's places with a point, on a map framed to fit them. The page lists them in words too. */
export function PlacesMap({ label, points }: { label: string; points: readonly PlacePoint[] }) {
  const features = points.map((p): AnswerFeature => ({
    type: 'Feature',
    properties: { name: p.name, kind: 'geopoint' },
    geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
  }));
  const bounds = featuresBounds(features);
  const { ref, map, failed } = useMapLibre({ label, readOnly: false, ...(bounds ? { bounds } : {}) });
  const data = JSON.stringify(features);
  useEffect(() => {
    if (!map) return;
    const source = map.getSource<GeoJSONSource>('places');
    const all = collection(JSON.parse(data) as object[]);
    if (source) return void source.setData(all).catch(() => undefined);
    map.addSource('places', { type: 'geojson', data: all });
    map.addLayer({
      id: 'places-point',
      type: 'circle',
      source: 'places',
      paint: {
        'circle-color': '#1d4d2f',
        'circle-radius': 8,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    });
  }, [map, data]);
  return <MapFrame mapRef={ref} map={map} failed={failed} />;
}
