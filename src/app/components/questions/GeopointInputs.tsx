import { useCallback, useEffect, useState, type Ref } from 'react';
import { accuracyThresholds, warnsAbout } from '../../../core/forms/geoAccuracy';
import { useGeolocation, type Position } from '../../hooks/useGeolocation';
import { useT } from '../../i18n/useT';

interface Texts {
  latitude: string;
  longitude: string;
  accuracy: string;
}

interface Props {
  idPrefix: string;
  questionLabel: string;
  required: boolean | undefined;
  readOnly: boolean;
  invalid: boolean;
  value: unknown;
  onChange: (value: unknown) => void;
  onBlur: () => void;
  inputRef: Ref<HTMLInputElement>;
  /** The question's parameters: `capture-accuracy` and `warning-accuracy` apply (see geoAccuracy.ts). */
  parameters: Record<string, string> | undefined;
  /** ODK's `hide-input`: no coordinate fields (the map shows the point). */
  hideInputs?: boolean;
  /** ODK's `maps`: the device's location is asked for as the question shows. */
  locateAtOnce?: boolean;
}

function toTexts(value: unknown): Texts {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const text = (n: unknown) => (typeof n === 'number' ? String(n) : '');
  return { latitude: text(v.latitude), longitude: text(v.longitude), accuracy: text(v.accuracy) };
}

function toNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text.replace(',', '.'));
}

/** undefined when nothing is typed; otherwise the (possibly incomplete) point, for the schema to judge. */
function toValue(texts: Texts): unknown {
  if (!texts.latitude && !texts.longitude && !texts.accuracy) return undefined;
  const point: Record<string, number | undefined> = {
    latitude: toNumber(texts.latitude),
    longitude: toNumber(texts.longitude),
  };
  const accuracy = toNumber(texts.accuracy);
  if (accuracy !== undefined) point.accuracy = accuracy;
  return point;
}

const STATUS_KEYS = {
  locating: 'q.locating',
  done: 'q.located',
  improving: 'q.improving',
  denied: 'q.locationDenied',
  unavailable: 'q.locationUnavailable',
  unsupported: 'q.locationUnsupported',
} as const;

export function GeopointInputs(props: Props) {
  const { t } = useT();
  const { onChange } = props;
  const [texts, setTexts] = useState<Texts>(() => toTexts(props.value));
  const update = (patch: Partial<Texts>) => {
    const next = { ...texts, ...patch };
    setTexts(next);
    onChange(toValue(next));
  };
  const onPosition = useCallback(
    (p: Position) => {
      const next = toTexts(p);
      setTexts(next);
      onChange(toValue(next));
    },
    [onChange],
  );
  const { capture, warning } = accuracyThresholds(props.parameters);
  const { state, locate } = useGeolocation(onPosition, capture);
  const { locateAtOnce } = props;
  useEffect(() => {
    if (locateAtOnce) locate();
    // Once, as the question shows.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  // What locating says: the accuracy found, or meanwhile the one awaited (`improving` needs `capture`).
  const message = state.status === 'idle' ? '' : t(STATUS_KEYS[state.status], { ...state, target: capture! });
  const fields: { key: keyof Texts; label: string }[] = [
    { key: 'latitude', label: t('q.latitude') },
    { key: 'longitude', label: t('q.longitude') },
    { key: 'accuracy', label: t('q.accuracy') },
  ];
  return (
    <div className="geopoint">
      {props.hideInputs ? null : (
        <div className="geopoint-inputs">
          {fields.map(({ key, label }) => (
            <div className="geopoint-field" key={key}>
              <label htmlFor={`${props.idPrefix}-${key}`}>
                <span className="visually-hidden">{props.questionLabel}, </span>
                {label}
              </label>
              <input
                id={`${props.idPrefix}-${key}`}
                ref={key === 'latitude' ? props.inputRef : undefined}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                readOnly={props.readOnly}
                value={texts[key]}
                aria-required={props.required && key !== 'accuracy' ? true : undefined}
                aria-invalid={props.invalid && key !== 'accuracy' ? true : undefined}
                onChange={(event) => update({ [key]: event.target.value })}
                onBlur={props.onBlur}
              />
            </div>
          ))}
        </div>
      )}
      <button
        type="button"
        className="button-secondary"
        onClick={locate}
        disabled={props.readOnly || state.status === 'locating'}
      >
        {t('q.useLocation')}
      </button>
      <p className="geopoint-status" role="status">
        {message}
        {warnsAbout(toNumber(texts.accuracy), warning)
          ? ` ${t('q.accuracyWarning', { limit: warning! })}`
          : ''}
      </p>
    </div>
  );
}
