import { Controller, useFormContext } from 'react-hook-form';
import { useQuestion } from '../../hooks/useQuestion';
import { useT } from '../../i18n/useT';
import { asPointList } from './pointAnswers';
import { PointAdder } from './PointAdder';
import { QuestionFrame } from './QuestionParts';
import type { QuestionProps } from './types';

/**
 * geotrace and geoshape: a list of points, each the device's location or typed; no map yet (maps are a
 * lazy chunk of their own). A shape is closed by the engine's rules, not here: the agent walks its edge.
 */
export function GeoListQuestion({ question, path }: QuestionProps) {
  const q = useQuestion(question, path);
  const { t } = useT();
  const { control } = useFormContext();
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
              <p className="geolist-count" aria-live="polite">
                {t('q.points', { count: points.length })}
              </p>
              {points.length ? (
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
              {q.readOnly ? null : (
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
