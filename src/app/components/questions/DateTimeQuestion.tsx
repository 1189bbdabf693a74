import { useState, type ReactNode } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { isRealDate } from '../../../core/i18n/dateParts';
import { useT } from '../../i18n/useT';
import { useQuestion } from '../../hooks/useQuestion';
import { DatePartsInput } from './DateParts';
import { fromDateTimeAnswer, toDateTimeAnswer } from './dateTimeAnswers';
import { QuestionFrame } from './QuestionParts';
import type { QuestionProps } from './types';

/**
 * dateTime: the day as DateParts.tsx types it (the browser's language never decides the order) and the time;
 * stored as ISO 8601 with the device's UTC offset. While incomplete, the parts are kept as typed (`2026-1-T`),
 * which is not a date-time: the form says so as it is typed.
 */
export function DateTimeQuestion({ question, path }: QuestionProps) {
  const q = useQuestion(question, path);
  const { control } = useFormContext();
  const { t } = useT();
  return (
    <QuestionFrame q={q} group>
      <Controller
        control={control}
        name={q.name}
        render={({ field }) => {
          // A complete answer in the device's local time; one still being typed, as it was typed.
          const raw = typeof field.value === 'string' ? field.value : '';
          const shown = fromDateTimeAnswer(raw) || raw;
          const [day = '', time = ''] = shown.split('T');
          return (
            <DateTimeParts initial={{ date: day, time: time.slice(0, 5) }} onChange={field.onChange}>
              {(set, time) => (
                <>
                  <DatePartsInput
                    q={q}
                    value={day}
                    onChange={(date) => set({ date })}
                    onBlur={field.onBlur}
                    inputRef={field.ref}
                  />
                  <div className="date-time">
                    <label htmlFor={`${q.ids.input}-time`}>{t('q.time')}</label>
                    <input
                      id={`${q.ids.input}-time`}
                      type="time"
                      readOnly={q.readOnly}
                      aria-required={q.aria['aria-required']}
                      aria-invalid={q.aria['aria-invalid']}
                      value={time}
                      onChange={(event) => set({ time: event.target.value })}
                      onBlur={field.onBlur}
                    />
                  </div>
                </>
              )}
            </DateTimeParts>
          );
        }}
      />
    </QuestionFrame>
  );
}

/** Holds the day and the time apart, and answers with both once both are there. */
function DateTimeParts({
  initial,
  onChange,
  children,
}: {
  initial: { date: string; time: string };
  onChange: (answer: string | undefined) => void;
  children: (set: (patch: { date?: string | undefined; time?: string }) => void, time: string) => ReactNode;
}) {
  const [parts, setParts] = useState<{ date?: string; time: string }>(initial);
  const set = (patch: { date?: string | undefined; time?: string }) => {
    const next = { ...parts, ...patch };
    setParts(next);
    const { date, time } = next;
    if (!date && !time) onChange(undefined);
    else if (date && isRealDate(date) && /^\d{2}:\d{2}/.test(time))
      onChange(toDateTimeAnswer(`${date}T${time}`));
    else onChange(`${date ?? ''}T${time}`);
  };
  return children(set, parts.time);
}

/** date: day, month and year fields in the interface language's order (DateParts.tsx); stored as ISO. */
export function DateQuestion({ question, path }: QuestionProps) {
  const q = useQuestion(question, path);
  const { control } = useFormContext();
  return (
    <QuestionFrame q={q} group>
      <Controller
        control={control}
        name={q.name}
        render={({ field }) => (
          <DatePartsInput
            q={q}
            value={field.value as unknown}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
          />
        )}
      />
    </QuestionFrame>
  );
}
