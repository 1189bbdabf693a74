import { lazy, Suspense, useState } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { useQuestion } from '../../hooks/useQuestion';
import { useT } from '../../i18n/useT';
import { GeopointInputs } from './GeopointInputs';
import { mapAppearance } from './mapAppearance';
import { QuestionFrame } from './QuestionParts';
import type { QuestionProps } from './types';

// MapLibre and the map's code load only when a map shows (a chunk of their own, off the agent's budget).
const GeopointMap = lazy(() => import('../../maps/MapWidgets').then((m) => ({ default: m.GeopointMap })));

/**
 * geopoint: latitude, longitude and optional accuracy, typed or taken from the device's location, with the
 * question's `capture-accuracy` and `warning-accuracy` parameters; on a map too, as ODK's appearances say
 * (mapAppearance.ts).
 */
export function GeopointQuestion({ question, path }: QuestionProps) {
  const q = useQuestion(question, path);
  const { t } = useT();
  const { control } = useFormContext();
  const look = mapAppearance(question.appearance);
  const [mapShown, setMapShown] = useState(look.mapAtOnce);
  // A point placed on the map: the fields start again from it.
  const [placed, setPlaced] = useState(0);
  return (
    <QuestionFrame q={q} group>
      <Controller
        control={control}
        name={q.name}
        render={({ field }) => (
          <>
            <GeopointInputs
              key={placed}
              idPrefix={q.ids.input}
              questionLabel={q.label}
              required={q.required}
              readOnly={q.readOnly}
              invalid={Boolean(q.error)}
              value={field.value as unknown}
              onChange={field.onChange}
              onBlur={field.onBlur}
              inputRef={field.ref}
              parameters={question.parameters}
              hideInputs={look.hideInput}
              locateAtOnce={look.locateAtOnce && field.value === undefined && !q.readOnly}
            />
            {look.mapAtOnce ? null : (
              <button
                type="button"
                className="button-secondary"
                aria-expanded={mapShown}
                onClick={() => setMapShown(!mapShown)}
              >
                {t(mapShown ? 'q.hideMap' : 'q.showMap')}
                <span className="visually-hidden"> ({q.label})</span>
              </button>
            )}
            {mapShown ? (
              <Suspense fallback={<div className="map-frame" aria-busy="true" />}>
                <GeopointMap
                  label={q.label}
                  value={field.value as unknown}
                  placement={look.placement}
                  readOnly={q.readOnly}
                  onChange={(point) => {
                    field.onChange(point);
                    setPlaced((n) => n + 1);
                  }}
                />
              </Suspense>
            ) : null}
          </>
        )}
      />
    </QuestionFrame>
  );
}
