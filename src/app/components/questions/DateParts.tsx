import { useState } from 'react';
import { dateToParts, PART_ORDER, partsToDate, type DateParts } from '../../../core/i18n/dateParts';
import type { QuestionInfo } from '../../hooks/useQuestion';
import { useT } from '../../i18n/useT';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * A date as day, month (by name) and year, in the interface language's order, whatever language the
 * browser is set to (core/i18n/dateParts.ts). `onChange` gets the ISO answer, or the parts as typed while
 * they are not yet a date (the form flags those as they are typed).
 */
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
  const { t, lang } = useT();
  const [parts, setParts] = useState<DateParts>(() => dateToParts(value));
  const month = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' });
  const set = (patch: Partial<DateParts>) => {
    const next = { ...parts, ...patch };
    setParts(next);
    onChange(partsToDate(next));
  };
  // The fieldset around the parts (QuestionFrame `group`) is described by the hint and the error.
  const aria = { 'aria-required': q.aria['aria-required'], 'aria-invalid': q.aria['aria-invalid'] };
  return (
    <div className="date-parts">
      {PART_ORDER[lang].map((part, i) => {
        const id = i === 0 ? q.ids.input : `${q.ids.input}-${part}`;
        const common = { id, disabled: q.readOnly, onBlur, ref: i === 0 ? inputRef : undefined, ...aria };
        return (
          <div className={`date-${part}`} key={part}>
            <label htmlFor={id}>{t(`q.${part}`)}</label>
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
