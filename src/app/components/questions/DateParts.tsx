import { useState } from 'react';
import { dateToParts, PART_ORDER, partsToDate, type DateParts } from '../../../core/i18n/dateParts';
import type { QuestionInfo } from '../../hooks/useQuestion';
import { useT } from '../../i18n/useT';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * A date as day, month (by name) and year, in the interface language's order, whatever language the
 * browser is set to (core/i18n/dateParts.ts). `onChange` gets the ISO date, or the parts as typed while
 * they are not yet a date (forms flag those). The first part gets `id`, the others `id-month`, `id-year`…;
 * the caller labels the whole (a fieldset's legend).
 */
export function DatePartsControl({
  id,
  value,
  onChange,
  onBlur,
  inputRef,
  disabled,
  aria,
}: {
  id: string;
  value: unknown;
  onChange: (date: string | undefined) => void;
  onBlur: () => void;
  /** react-hook-form's ref: where a failed submit puts the focus. */
  inputRef: (element: HTMLElement | null) => void;
  disabled?: boolean;
  aria: Record<string, unknown>;
}) {
  const { t, lang } = useT();
  const [parts, setParts] = useState<DateParts>(() => dateToParts(value));
  const month = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' });
  const set = (patch: Partial<DateParts>) => {
    const next = { ...parts, ...patch };
    setParts(next);
    onChange(partsToDate(next));
  };
  return (
    <div className="date-parts">
      {PART_ORDER[lang].map((part, i) => {
        const partId = i === 0 ? id : `${id}-${part}`;
        const common = { id: partId, disabled, onBlur, ref: i === 0 ? inputRef : undefined, ...aria };
        return (
          <div className={`date-${part}`} key={part}>
            <label htmlFor={partId}>{t(`q.${part}`)}</label>
            {part === 'month' ? (
              <select {...common} value={parts.month} onChange={(e) => set({ month: e.target.value })}>
                <option value="" />
                {MONTHS.map((m) => (
                  <option key={m} value={m}>
                    {month.format(Date.UTC(2000, m - 1, 1))}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                maxLength={part === 'year' ? 4 : 2}
                value={parts[part]}
                onChange={(e) => set({ [part]: e.target.value })}
              />
            )}
          </div>
        );
      })}
    </div>
  );
}

/** A date question of the agent's form (DatePartsControl). */
export function DatePartsInput({
  q,
  value,
  onChange,
  onBlur,
  inputRef,
}: {
  q: QuestionInfo;
  /** react-hook-form's ref: where finalizing puts the focus when the date has a problem. */
  inputRef: (element: HTMLElement | null) => void;
  value: unknown;
  onChange: (answer: string | undefined) => void;
  onBlur: () => void;
}) {
  // The fieldset around the parts (QuestionFrame `group`) is described by the hint and the error.
  const aria = { 'aria-required': q.aria['aria-required'], 'aria-invalid': q.aria['aria-invalid'] };
  return (
    <DatePartsControl
      id={q.ids.input}
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      inputRef={inputRef}
      disabled={q.readOnly}
      aria={aria}
    />
  );
}
