import { lazy, Suspense } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { useQuestion } from '../../hooks/useQuestion';
import { useT } from '../../i18n/useT';
import { mapAppearance } from './mapAppearance';
import { asPointList } from './pointAnswers';
import { PointAdder } from './PointAdder';
import { QuestionFrame } from './QuestionParts';
import type { QuestionProps } from './types';

// MapLibre and the map's code load only when a map shows (a chunk of their own, off the agent's budget).
const GeoListMap = lazy(() => import('../../maps/MapWidgets').then((m) => ({ default: m.GeoListMap })));

/**
 * geotrace and geoshape: a list of points on a map (tapped, dragged, or recorded while walking, with the
 * length or area as it grows), and below it each point with its coordinates, removable, and a point added
 * from the device's location or typed (not with ODK's `hide-input`: the map only). A shape is closed by the
 * engine's rules, not here: the agent walks its edge.
 */
export function GeoListQuestion({ question, path }: QuestionProps) {
  const q = useQuestion(question, path);
  const { t } = useT();
  const { control } = useFormContext();
  const { hideInput } = mapAppearance(question.appearance);
  return (
    <QuestionFrame q={q} group>
      <Controller
        control={control}
        name={q.name}
        render={({ field }) => {
          const points = asPointList(field.value);
          const set = (next: typeof points) => field.onChange(next.length ? next : undefined);
          return (
            <div className="geolist">
              <Suspense fallback={<div className="map-frame" aria-busy="true" />}>
                <GeoListMap
                  label={q.label}
                  points={points}
                  onChange={set}
                  shape={question.type === 'geoshape'}
                  readOnly={q.readOnly}
                />
              </Suspense>
              <p className="geolist-count" aria-live="polite">
                {t('q.points', { count: points.length })}
              </p>
              {points.length && !hideInput ? (
                <ol className="geolist-points">
                  {points.map((p, i) => (
                    <li key={`${i}-${p.latitude}-${p.longitude}`}>
                      <span>
                        {p.latitude}, {p.longitude}
                        {p.accuracy !== undefined ? ` (± ${p.accuracy} m)` : ''}
                      </span>
                      <button
                        type="button"
                        className="button-small"
                        disabled={q.readOnly}
                        onClick={() => set(points.filter((_, j) => j !== i))}
                      >
                        {t('q.removePoint', { number: i + 1 })}
                        <span className="visually-hidden"> ({q.label})</span>
                      </button>
                    </li>
                  ))}
                </ol>
              ) : null}
              {q.readOnly || hideInput ? null : (
                <PointAdder
                  idPrefix={q.ids.input}
                  questionLabel={q.label}
                  inputRef={field.ref}
                  onAdd={(point) => set([...points, point])}
                />
              )}
            </div>
          );
        }}
      />
    </QuestionFrame>
  );
}
