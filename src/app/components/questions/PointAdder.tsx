import { useCallback, useState, type Ref } from 'react';
import { useGeolocation, type Position } from '../../hooks/useGeolocation';
import { useT } from '../../i18n/useT';
import { parsePoint, type Point } from './pointAnswers';

interface Props {
  idPrefix: string;
  questionLabel: string;
  inputRef: Ref<HTMLInputElement>;
  onAdd: (point: Point) => void;
}

/** Adds one point to a line or an area: the device's location, or a typed latitude and longitude. */
export function PointAdder({ idPrefix, questionLabel, inputRef, onAdd }: Props) {
  const { t } = useT();
  const [latitude, setLatitude] = useState('');
  const [longitude, setLongitude] = useState('');
  const [invalid, setInvalid] = useState(false);
  const onPosition = useCallback((p: Position) => onAdd(p), [onAdd]);
  const { state, locate } = useGeolocation(onPosition);
  const addTyped = () => {
    const point = parsePoint(latitude, longitude);
    setInvalid(!point);
    if (!point) return;
    onAdd(point);
    setLatitude('');
    setLongitude('');
  };
  const fields = [
    { key: 'latitude', label: t('q.latitude'), value: latitude, set: setLatitude },
    { key: 'longitude', label: t('q.longitude'), value: longitude, set: setLongitude },
  ];
  return (
    <div className="point-adder">
      <button
        type="button"
        className="button-secondary"
        onClick={locate}
        disabled={state.status === 'locating'}
      >
        {t('q.addLocation')}
        <span className="visually-hidden"> ({questionLabel})</span>
      </button>
      <p className="geopoint-status" role="status">
        {state.status === 'locating' ? t('q.locating') : ''}
        {state.status === 'denied' ? t('q.locationDenied') : ''}
        {state.status === 'unavailable' ? t('q.locationUnavailable') : ''}
        {state.status === 'unsupported' ? t('q.locationUnsupported') : ''}
      </p>
      <div className="geopoint-inputs">
        {fields.map((f, i) => (
          <div className="geopoint-field" key={f.key}>
            <label htmlFor={`${idPrefix}-${f.key}`}>
              <span className="visually-hidden">{questionLabel}, </span>
              {f.label}
            </label>
            <input
              id={`${idPrefix}-${f.key}`}
              ref={i === 0 ? inputRef : undefined}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={f.value}
              aria-invalid={invalid ? true : undefined}
              onChange={(event) => f.set(event.target.value)}
            />
          </div>
        ))}
      </div>
      {invalid ? <p className="field-error">{t('q.pointInvalid')}</p> : null}
      <button type="button" onClick={addTyped}>
        {t('q.addPoint')}
        <span className="visually-hidden"> ({questionLabel})</span>
      </button>
    </div>
  );
}
