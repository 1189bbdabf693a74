import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { publicAreas, type PublicArea, type PublicBoundaries } from '../../core/public/publicAreas';
import { choroplethClasses, classOf, type ChoroplethClass } from '../../core/public/choropleth';
import type { PublicProject } from '../../core/public/publicProject';
import { pickText } from '../../core/i18n/pickText';
import { useT } from '../i18n/useT';
import type { MapLibreMap } from '../maps/mapLibrary';

const MALI: [number, number, number, number] = [-12.3, 10.1, 4.3, 25.0];
const MARK = '#1d4d2f';
/** The choropleth's colours, light to dark (no project first); each class is also said in the legend. */
const FILLS = ['#f4f1e8', '#cfe5b8', '#93c47d', '#4f9a57', '#1f6b37'];

/** The colour of class `i` of `n`: none first, the largest values always the darkest. */
function fillOf(i: number, n: number): string {
  if (i === 0) return FILLS[0]!;
  if (n <= 2) return FILLS[FILLS.length - 1]!;
  return FILLS[1 + Math.round(((i - 1) * (FILLS.length - 2)) / (n - 2))]!;
}

type Level = PublicBoundaries['levels'][number];
type Measure = 'count' | 'budget';

async function fetchBoundaries(): Promise<Level[]> {
  const res = await fetch('/public/api/boundaries', { headers: { Accept: 'application/json' } });
  if (!res.ok) return [];
  return ((await res.json()) as PublicBoundaries).levels;
}

/** The currency most areas have a budget in: budgets in different currencies are not added up. */
function mainCurrency(areas: readonly PublicArea[]): string | null {
  const seen = new Map<string, number>();
  for (const a of areas) for (const c of Object.keys(a.budget)) seen.set(c, (seen.get(c) ?? 0) + 1);
  return [...seen.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

/**
 * The public projects' places as dots; a dot opens its project. When administrative areas were uploaded
 * (`/public/api/boundaries`), they are coloured by the number of the shown projects working there or by
 * their budget, with a legend in words and numbers and a table of the areas, so nothing is said by colour
 * alone. MapLibre loads with this component only.
 */
export function PublicMap({ projects, onOpen }: { projects: PublicProject[]; onOpen: (id: string) => void }) {
  const { t, lang } = useT();
  const id = useId();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [failed, setFailed] = useState(false);
  const [levels, setLevels] = useState<Level[]>([]);
  const [levelName, setLevelName] = useState<Level['level']>('adm1');
  const [measure, setMeasure] = useState<Measure>('count');

  useEffect(() => {
    let gone = false;
    fetchBoundaries().then(
      (found) => {
        if (gone) return;
        setLevels(found);
        if (found[0] && !found.some((l) => l.level === 'adm1')) setLevelName(found[0].level);
      },
      () => undefined,
    );
    return () => {
      gone = true;
    };
  }, []);

  // The areas' counts follow the filters: they are counted again from the projects shown.
  const level = levels.find((l) => l.level === levelName);
  const areas = useMemo(
    () => (level ? publicAreas([{ ...level, areas: level.areas }], projects).levels[0]!.areas : []),
    [level, projects],
  );
  const currency = mainCurrency(areas);
  const by: Measure = measure === 'budget' && currency ? 'budget' : 'count';
  const valueOf = (a: PublicArea) =>
    by === 'count' ? a.projects : Math.round(a.budget[currency ?? ''] ?? 0);
  const classes = choroplethClasses(areas.map(valueOf));
  const money = (v: number) =>
    new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      style: 'currency',
      currency: currency ?? 'XOF',
      maximumFractionDigits: 0,
    }).format(v);
  const rangeText = (c: ChoroplethClass) =>
    c.to === 0
      ? t('public.areas.none')
      : by === 'count'
        ? c.from === c.to
          ? t('public.count', { count: c.from })
          : t('public.areas.countRange', { from: c.from, to: c.to })
        : t('public.areas.budgetRange', { from: money(c.from), to: money(c.to) });
  const areaFeatures = JSON.stringify(
    areas.map((a) => ({
      type: 'Feature',
      geometry: a.geometry,
      properties: { pcode: a.pcode, fill: fillOf(classOf(classes, valueOf(a)), classes.length) },
    })),
  );
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    let made: MapLibreMap | null = null;
    let gone = false;
    void import('../maps/mapLibrary')
      .then(({ createMap }) =>
        container.current
          ? createMap({
              container: container.current,
              label: t('public.map'),
              bounds: MALI,
              // The built-in basemap only: no map packs of the device (their store loads Dexie and zod, the
              // signed-in app's code, which a visitor does not download), and a country's areas need none.
              addPackSource: () => Promise.resolve(),
            })
          : null,
      )
      .then((created) => {
        if (!created) return;
        if (gone) return created.remove();
        made = created;
        setMap(created);
      })
      .catch(() => setFailed(true));
    return () => {
      gone = true;
      made?.remove();
    };
    // The map is made once; its label follows the language at the next visit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const features = JSON.stringify(
    projects.flatMap((p) =>
      p.locations.flatMap((l) =>
        l.point
          ? [
              {
                type: 'Feature',
                geometry: { type: 'Point', coordinates: [l.point.lon, l.point.lat] },
                properties: { id: p.id, title: `${pickText(p.title, lang)} — ${l.name}` },
              },
            ]
          : [],
      ),
    ),
  );

  useEffect(() => {
    if (!map) return;
    const data: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: JSON.parse(areaFeatures) as GeoJSON.Feature[],
    };
    const source = map.getSource('areas');
    if (source && 'setData' in source) {
      (source as { setData(d: GeoJSON.FeatureCollection): void }).setData(data);
      return;
    }
    if (data.features.length === 0) return;
    map.addSource('areas', { type: 'geojson', data });
    // Under the projects' dots when they are drawn already.
    const before = map.getLayer('projects') ? 'projects' : undefined;
    map.addLayer(
      {
        id: 'areas',
        type: 'fill',
        source: 'areas',
        paint: { 'fill-color': ['get', 'fill'], 'fill-opacity': 0.75 },
      },
      before,
    );
    map.addLayer(
      {
        id: 'areas-line',
        type: 'line',
        source: 'areas',
        paint: { 'line-color': '#5b5648', 'line-width': 1 },
      },
      before,
    );
  }, [map, areaFeatures]);

  useEffect(() => {
    if (!map) return;
    const data: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: JSON.parse(features) as GeoJSON.Feature[],
    };
    const source = map.getSource('projects');
    if (source && 'setData' in source) {
      (source as { setData(d: GeoJSON.FeatureCollection): void }).setData(data);
      return;
    }
    map.addSource('projects', { type: 'geojson', data });
    map.addLayer({
      id: 'projects',
      type: 'circle',
      source: 'projects',
      paint: {
        'circle-color': MARK,
        'circle-radius': 7,
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 2,
      },
    });
    map.on('click', 'projects', (event) => {
      const id = event.features?.[0]?.properties?.id as unknown;
      if (typeof id === 'string') open.current(id);
    });
    map.on('mouseenter', 'projects', () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', 'projects', () => (map.getCanvas().style.cursor = ''));
  }, [map, features]);

  return (
    <div className="public-map">
      <div ref={container} className="public-map-canvas" data-testid="public-map" />
      {failed ? <p role="status">{t('public.failed')}</p> : null}
      {level ? (
        <div className="public-areas">
          <div className="public-areas-controls">
            {levels.length > 1 ? (
              <fieldset>
                <legend>{t('public.areas.level')}</legend>
                {levels.map((l) => (
                  <label key={l.level}>
                    <input
                      type="radio"
                      name={`${id}-level`}
                      checked={l.level === levelName}
                      onChange={() => setLevelName(l.level)}
                    />
                    {t(`public.areas.${l.level}`)}
                  </label>
                ))}
              </fieldset>
            ) : null}
            <fieldset>
              <legend>{t('public.areas.colourBy')}</legend>
              <label>
                <input
                  type="radio"
                  name={`${id}-measure`}
                  checked={by === 'count'}
                  onChange={() => setMeasure('count')}
                />
                {t('public.areas.byCount')}
              </label>
              {currency ? (
                <label>
                  <input
                    type="radio"
                    name={`${id}-measure`}
                    checked={by === 'budget'}
                    onChange={() => setMeasure('budget')}
                  />
                  {t('public.areas.byBudget', { currency })}
                </label>
              ) : null}
            </fieldset>
          </div>
          <h2 id={`${id}-legend`} className="public-areas-legend-title">
            {t('public.areas.legend')}
          </h2>
          <ul className="public-areas-legend" aria-labelledby={`${id}-legend`} data-testid="areas-legend">
            {classes.map((c, i) => (
              <li key={`${c.from}-${c.to}`}>
                <span
                  className="public-areas-swatch"
                  style={{ background: fillOf(i, classes.length) }}
                  aria-hidden="true"
                />
                {rangeText(c)}
              </li>
            ))}
          </ul>
          <table className="public-areas-table" data-testid="areas-table">
            <caption>{t('public.areas.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('public.areas.area')}</th>
                <th scope="col">{t('public.areas.pcode')}</th>
                <th scope="col">{t('public.areas.projects')}</th>
                <th scope="col">{t('public.budget')}</th>
              </tr>
            </thead>
            <tbody>
              {[...areas]
                .sort((a, b) => valueOf(b) - valueOf(a) || a.name.localeCompare(b.name))
                .map((a) => (
                  <tr key={a.pcode}>
                    <th scope="row">{a.name}</th>
                    <td>{a.pcode}</td>
                    <td>{a.projects}</td>
                    <td>{budgetText(a.budget, lang)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          <p className="public-areas-note">{t('public.areas.note')}</p>
        </div>
      ) : null}
    </div>
  );
}

function budgetText(budget: Record<string, number>, lang: string): string {
  return Object.entries(budget)
    .map(([currency, value]) =>
      new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
        style: 'currency',
        currency,
        maximumFractionDigits: 0,
      }).format(value),
    )
    .join(' + ');
}
