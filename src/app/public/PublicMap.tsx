import { useEffect, useRef, useState } from 'react';
import type { PublicProject } from '../../core/public/publicProject';
import { pickText } from '../../core/i18n/localized';
import { useT } from '../i18n/useT';
import type { MapLibreMap } from '../maps/mapLibrary';

const MALI: [number, number, number, number] = [-12.3, 10.1, 4.3, 25.0];
const MARK = '#1d4d2f';

/** The public projects' places as dots; a dot opens its project. MapLibre loads with this component only. */
export function PublicMap({ projects, onOpen }: { projects: PublicProject[]; onOpen: (id: string) => void }) {
  const { t, lang } = useT();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [failed, setFailed] = useState(false);
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    let made: MapLibreMap | null = null;
    let gone = false;
    void import('../maps/mapLibrary')
      .then(({ createMap }) =>
        container.current
          ? createMap({ container: container.current, label: t('public.map'), bounds: MALI })
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
    </div>
  );
}
