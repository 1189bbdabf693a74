import { Marker, type GeoJSONSource, type MapMouseEvent } from 'maplibre-gl';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { answerFeatures, featuresBounds } from '../../core/geo/answerFeatures';
import type { FormItem } from '../../core/forms/definition';
import {
  areaMeasure,
  circleRing,
  lengthMeasure,
  lineLength,
  shapeArea,
  shapePerimeter,
} from '../../core/geo/measure';
import { addVertex, joinsWalk, moveVertex, removeVertex } from '../../core/geo/vertices';
import '../i18n/mapStrings';
import { useT } from '../i18n/useT';
import './map.css';
import { createMap, type MapLibreMap, type MapSetup } from './mapLibrary';

/**
 * The maps of geo questions and of a submission's page. This module and mapLibrary.ts (MapLibre) load only
 * when a map is shown: the question widgets import them with React.lazy.
 */

export interface MapPoint {
  latitude: number;
  longitude: number;
  accuracy?: number;
}

type Setup = Omit<MapSetup, 'container' | 'locale'>;

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
const INK = '#1d4d2f';
const MARK = '#b3261e';
/** A point placed by hand: six decimals (about 0.1 m), as ODK Collect keeps. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** A map in a div, created once (`setup` read at mount) and removed with the component. */
export function useMapLibre(setup: Setup) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap>();
  const [failed, setFailed] = useState(false);
  const initial = useRef({ ...setup, t });
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const { t: tr, ...rest } = initial.current;
    let cancelled = false;
    let created: MapLibreMap | undefined;
    createMap({
      ...rest,
      container,
      locale: {
        'NavigationControl.ZoomIn': tr('map.zoomIn'),
        'NavigationControl.ZoomOut': tr('map.zoomOut'),
        'AttributionControl.ToggleAttribution': tr('map.toggleAttribution'),
        'Map.Title': rest.label,
        'Marker.Title': tr('map.marker'),
      },
    }).then(
      (m) => {
        if (cancelled) m.remove();
        else setMap((created = m));
      },
      // No WebGL on this device: the coordinates stay editable without the map.
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
      created?.remove();
    };
  }, []);
  return { ref, map, failed };
}

export function MapFrame({
  mapRef,
  map,
  failed,
  small,
  children,
}: {
  mapRef: React.RefObject<HTMLDivElement | null>;
  map: MapLibreMap | undefined;
  failed: boolean;
  small?: boolean;
  children?: ReactNode;
}) {
  const { t } = useT();
  return (
    <div className={small ? 'map-frame map-frame-small' : 'map-frame'}>
      <div ref={mapRef} className="map-canvas" aria-busy={!map && !failed} />
      {failed ? <p className="field-error">{t('map.failed')}</p> : null}
      {children}
    </div>
  );
}

/** A click on the map itself, not on a marker or a button drawn over it. */
const onCanvas = (map: MapLibreMap, e: MapMouseEvent) => e.originalEvent.target === map.getCanvas();

function asPoint(value: unknown): MapPoint | undefined {
  const v = value as Partial<MapPoint> | undefined;
  return typeof v?.latitude === 'number' &&
    typeof v.longitude === 'number' &&
    Number.isFinite(v.latitude) &&
    Number.isFinite(v.longitude)
    ? { latitude: v.latitude, longitude: v.longitude, accuracy: v.accuracy }
    : undefined;
}

export interface GeopointMapProps {
  /** The question's label (the map is named after it). */
  label: string;
  value: unknown;
  onChange: (point: MapPoint) => void;
  /** The point may be placed by hand (tap, drag, centre): not with ODK's `maps` alone, GPS only. */
  placement: boolean;
  readOnly: boolean;
}

/**
 * A geopoint on a map: the point and its accuracy circle; with `placement`, a tap places it, a drag adjusts
 * it, and a button places it at the map's centre (with the keyboard: the map pans with the arrow keys). A
 * point placed by hand has no accuracy (it is where the agent put it).
 */
export function GeopointMap({ label, value, onChange, placement, readOnly }: GeopointMapProps) {
  const { t } = useT();
  const point = asPoint(value);
  const { ref, map, failed } = useMapLibre({
    label: t('map.label', { label }),
    ...(point ? { center: [point.longitude, point.latitude], zoom: 16 } : {}),
  });
  const editable = placement && !readOnly;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const marker = useRef<Marker | undefined>(undefined);
  /** The last point placed here: the map does not move to it (it is already in view). */
  const placed = useRef<string | undefined>(undefined);
  const centerRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (!map) return;
    const emit = (lng: number, lat: number) => {
      const next = { latitude: round6(lat), longitude: round6(lng) };
      placed.current = `${next.latitude} ${next.longitude}`;
      onChangeRef.current(next);
    };
    if (!map.getSource('answer')) {
      map.addSource('answer', { type: 'geojson', data: EMPTY });
      map.addLayer({
        id: 'accuracy-fill',
        type: 'fill',
        source: 'answer',
        paint: { 'fill-color': INK, 'fill-opacity': 0.15 },
      });
      map.addLayer({ id: 'accuracy-line', type: 'line', source: 'answer', paint: { 'line-color': INK } });
    }
    const m = new Marker({ draggable: editable, color: MARK });
    m.getElement().setAttribute('aria-label', t('map.marker'));
    m.on('dragend', () => {
      const { lng, lat } = m.getLngLat();
      emit(lng, lat);
    });
    marker.current = m;
    const click = (e: MapMouseEvent) => {
      if (editable && onCanvas(map, e)) emit(e.lngLat.lng, e.lngLat.lat);
    };
    map.on('click', click);
    const center = () => {
      const { lng, lat } = map.getCenter();
      emit(lng, lat);
    };
    centerRef.current = center;
    return () => {
      map.off('click', click);
      m.remove();
    };
    // `t` is read once: the marker's label is set when it is made.
  }, [map, editable]); // eslint-disable-line react-hooks/exhaustive-deps

  const { latitude, longitude, accuracy } = point ?? {};
  useEffect(() => {
    const m = marker.current;
    if (!map || !m) return;
    const source = map.getSource<GeoJSONSource>('answer');
    if (latitude === undefined || longitude === undefined) {
      m.remove();
      void source?.setData(EMPTY);
      return;
    }
    m.setLngLat([longitude, latitude]).addTo(map);
    void source?.setData(
      accuracy
        ? {
            type: 'Feature',
            properties: {},
            geometry: { type: 'Polygon', coordinates: [circleRing({ latitude, longitude }, accuracy)] },
          }
        : EMPTY,
    );
    // A point from elsewhere (GPS, typed): brought into view.
    if (placed.current !== `${latitude} ${longitude}`)
      map.jumpTo({ center: [longitude, latitude], zoom: Math.max(map.getZoom(), 15) });
    placed.current = undefined;
  }, [map, latitude, longitude, accuracy]);

  return (
    <MapFrame mapRef={ref} map={map} failed={failed}>
      <p className="map-hint">{editable ? t('map.placeHint') : readOnly ? '' : t('map.gpsHint')}</p>
      <p className="map-value" aria-live="polite">
        {point ? t('map.pointValue', { lat: point.latitude, lon: point.longitude }) : t('map.noPoint')}
      </p>
      {editable ? (
        <button
          type="button"
          className="button-secondary"
          disabled={!map}
          onClick={() => centerRef.current()}
        >
          {t('map.placeCenter')}
          <span className="visually-hidden"> ({label})</span>
        </button>
      ) : null}
    </MapFrame>
  );
}

function drawing(points: readonly MapPoint[], shape: boolean): GeoJSON.FeatureCollection {
  const coords = points.map((p) => [p.longitude, p.latitude]);
  const features: GeoJSON.Feature[] = [];
  if (shape && coords.length >= 3)
    features.push({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [[...coords, coords[0] as number[]]] },
    });
  else if (coords.length >= 2)
    features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: coords } });
  return { type: 'FeatureCollection', features };
}

function useNumber() {
  const { lang } = useT();
  const format = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 });
  return (n: number) => format.format(n);
}

/**
 * The points as last drawn while they stay the same: the question hands a new array on every
 * render of the form (another answer, a sync ending), which would otherwise put every marker back and cut
 * short a drag under way.
 */
function useSamePoints(points: readonly MapPoint[]): readonly MapPoint[] {
  const key = JSON.stringify(points);
  const [drawn, setDrawn] = useState({ key, points });
  // Adjusting state while rendering (React's pattern for state derived from props): no extra commit.
  if (drawn.key !== key) setDrawn({ key, points });
  return drawn.key === key ? drawn.points : points;
}

export interface GeoListMapProps {
  label: string;
  points: readonly MapPoint[];
  onChange: (points: MapPoint[]) => void;
  /** geoshape (an area, closed) rather than geotrace (a line). */
  shape: boolean;
  readOnly: boolean;
}

/** Vertices recorded from GPS while walking are at least this far apart (a standing agent adds none). */
const WALK_MIN_METRES = 3;

/**
 * A geotrace or geoshape on a map: a tap adds a point at the end, a point's marker is dragged to move it or
 * tapped to select it (then removed with the button), or the agent records a walk from GPS positions. The
 * length (a line) or area (a shape) shows as it grows. Each marker is a button, and the points can be
 * added at the map's centre: the keyboard does everything a pointer does.
 */
export function GeoListMap({ label, points: given, onChange, shape, readOnly }: GeoListMapProps) {
  const { t } = useT();
  const points = useSamePoints(given);
  const number = useNumber();
  const bounds = featuresBounds(
    points.map((p) => ({
      type: 'Feature',
      properties: { name: '', kind: 'geopoint' },
      geometry: { type: 'Point', coordinates: [p.longitude, p.latitude] },
    })),
  );
  const { ref, map, failed } = useMapLibre({
    label: t('map.label', { label }),
    ...(bounds ? { bounds } : {}),
  });
  const [chosen, setSelected] = useState<number | undefined>(undefined);
  // A point removed from the list below the map may leave the choice past the end.
  const selected = chosen !== undefined && chosen < points.length ? chosen : undefined;
  const [recording, setRecording] = useState(false);
  const latest = useRef({ points, onChange });
  latest.current = { points, onChange };
  const watch = useRef<number | undefined>(undefined);
  const editable = !readOnly;

  useEffect(() => {
    if (!map || map.getSource('drawing')) return;
    map.addSource('drawing', { type: 'geojson', data: EMPTY });
    map.addLayer({
      id: 'drawing-fill',
      type: 'fill',
      source: 'drawing',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': MARK, 'fill-opacity': 0.2 },
    });
    map.addLayer({
      id: 'drawing-line',
      type: 'line',
      source: 'drawing',
      paint: { 'line-color': MARK, 'line-width': 3 },
    });
  }, [map]);

  useEffect(() => {
    if (!map || !editable) return;
    const click = (e: MapMouseEvent) => {
      if (!onCanvas(map, e)) return;
      const { points: list, onChange: change } = latest.current;
      change(addVertex(list, { latitude: round6(e.lngLat.lat), longitude: round6(e.lngLat.lng) }));
    };
    map.on('click', click);
    return () => void map.off('click', click);
  }, [map, editable]);

  // The line or shape, and one marker (a button) per point: redrawn when the points change.
  useEffect(() => {
    if (!map) return;
    void map.getSource<GeoJSONSource>('drawing')?.setData(drawing(points, shape));
    const markers = points.map((p, i) => {
      const element = document.createElement('button');
      element.type = 'button';
      element.className = i === selected ? 'map-vertex map-vertex-selected' : 'map-vertex';
      element.setAttribute('aria-pressed', String(i === selected));
      element.setAttribute(
        'aria-label',
        `${t(i === selected ? 'map.vertexSelected' : 'map.vertex', { number: i + 1 })} (${label})`,
      );
      element.disabled = readOnly;
      element.addEventListener('click', (event) => {
        event.stopPropagation();
        setSelected((s) => (s === i ? undefined : i));
      });
      const marker = new Marker({ element, draggable: editable })
        .setLngLat([p.longitude, p.latitude])
        .addTo(map);
      marker.on('dragend', () => {
        const { lng, lat } = marker.getLngLat();
        const { points: list, onChange: change } = latest.current;
        change(moveVertex(list, i, { latitude: round6(lat), longitude: round6(lng) }));
      });
      return marker;
    });
    return () => markers.forEach((m) => m.remove());
  }, [map, points, shape, selected, editable, readOnly, label, t]);

  const stopRecording = () => {
    navigator.geolocation?.clearWatch(watch.current ?? 0);
    watch.current = undefined;
    setRecording(false);
  };
  useEffect(() => () => navigator.geolocation?.clearWatch(watch.current ?? 0), []);
  const record = () => {
    if (!('geolocation' in navigator)) return;
    setRecording(true);
    watch.current = navigator.geolocation.watchPosition(
      ({ coords }) => {
        const { points: list, onChange: change } = latest.current;
        const next = {
          latitude: round6(coords.latitude),
          longitude: round6(coords.longitude),
          accuracy: Math.round(coords.accuracy * 10) / 10,
        };
        if (joinsWalk(list[list.length - 1], next, { minDistance: WALK_MIN_METRES })) {
          change(addVertex(list, next));
          map?.easeTo({ center: [next.longitude, next.latitude], zoom: Math.max(map.getZoom(), 16) });
        }
      },
      // A lost signal on the way is no reason to stop (the agent stops); a refusal is.
      (error) => {
        if (error.code === error.PERMISSION_DENIED) stopRecording();
      },
      { enableHighAccuracy: true, maximumAge: 0 },
    );
  };

  const addCenter = () => {
    if (!map) return;
    const { lng, lat } = map.getCenter();
    onChange(addVertex(points, { latitude: round6(lat), longitude: round6(lng) }));
  };
  const remove = () => {
    onChange(removeVertex(points, selected ?? points.length - 1));
    setSelected(undefined);
  };

  let measure: string;
  if (shape) {
    if (points.length < 3) measure = t('map.areaNeedsPoints');
    else {
      const a = areaMeasure(shapeArea(points));
      const p = lengthMeasure(shapePerimeter(points));
      measure = t('map.area', {
        value: number(a.value),
        unit: a.unit,
        perimeter: number(p.value),
        perimeterUnit: p.unit,
      });
    }
  } else {
    const l = lengthMeasure(lineLength(points));
    measure = t('map.length', { value: number(l.value), unit: l.unit });
  }

  return (
    <MapFrame mapRef={ref} map={map} failed={failed}>
      {editable ? <p className="map-hint">{t('map.traceHint')}</p> : null}
      <p className="map-measure" aria-live="polite">
        {measure}
      </p>
      {recording ? (
        <p className="map-hint" role="status">
          {t('map.recording', { count: points.length })}
        </p>
      ) : null}
      {editable ? (
        <div className="map-actions">
          <button type="button" className="button-secondary" disabled={!map} onClick={addCenter}>
            {t('map.addCenter')}
            <span className="visually-hidden"> ({label})</span>
          </button>
          <button type="button" className="button-secondary" disabled={!points.length} onClick={remove}>
            {t(selected !== undefined ? 'map.removeSelected' : 'map.removeLast')}
            <span className="visually-hidden"> ({label})</span>
          </button>
          <button
            type="button"
            className="button-secondary"
            aria-pressed={recording}
            onClick={recording ? stopRecording : record}
          >
            {t(recording ? 'map.stopRecording' : 'map.record')}
            <span className="visually-hidden"> ({label})</span>
          </button>
        </div>
      ) : null}
    </MapFrame>
  );
}

/**
 * A submission's geo answers on a small map (its reading page): points, lines and areas over the built-in
 * basemap, framed to fit. Nothing when the submission has no geo answer.
 */
export function AnswersMap({
  items,
  answers,
}: {
  items: readonly FormItem[];
  answers: Readonly<Record<string, unknown>>;
}) {
  const { t } = useT();
  const features = answerFeatures(items, answers);
  const bounds = featuresBounds(features);
  const { ref, map, failed } = useMapLibre({
    label: t('map.answersLabel'),
    readOnly: true,
    ...(bounds ? { bounds } : {}),
  });
  const data = JSON.stringify(features);
  useEffect(() => {
    if (!map) return;
    const collection: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: JSON.parse(data) as GeoJSON.Feature[],
    };
    const source = map.getSource<GeoJSONSource>('answers');
    if (source) return void source.setData(collection).catch(() => undefined);
    map.addSource('answers', { type: 'geojson', data: collection });
    map.addLayer({
      id: 'answers-fill',
      type: 'fill',
      source: 'answers',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': MARK, 'fill-opacity': 0.2 },
    });
    map.addLayer({
      id: 'answers-line',
      type: 'line',
      source: 'answers',
      filter: ['!=', ['geometry-type'], 'Point'],
      paint: { 'line-color': MARK, 'line-width': 3 },
    });
    map.addLayer({
      id: 'answers-point',
      type: 'circle',
      source: 'answers',
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-color': MARK,
        'circle-radius': 7,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    });
  }, [map, data]);
  if (!features.length) return null;
  return <MapFrame mapRef={ref} map={map} failed={failed} small />;
}
