import { Controller, useFormContext } from 'react-hook-form';
import { useQuestion } from '../../hooks/useQuestion';
import { useT } from '../../i18n/useT';
import { QuestionFrame } from './QuestionParts';
import type { QuestionProps } from './types';

function param(parameters: Record<string, string> | undefined, key: string, fallback: number): number {
  const n = Number(parameters?.[key]);
  return parameters?.[key] !== undefined && Number.isFinite(n) ? n : fallback;
}

/** range: a slider from `start` to `end` by `step` (parameters; ODK's 1–10 by 1 by default), its value shown. */
export function RangeQuestion({ question, path }: QuestionProps) {
  const q = useQuestion(question, path);
  const { t } = useT();
  const { control } = useFormContext();
  const start = param(question.parameters, 'start', question.min ?? 1);
  const end = param(question.parameters, 'end', question.max ?? 10);
  const step = Math.abs(param(question.parameters, 'step', 1)) || 1;
  return (
    <QuestionFrame q={q}>
      <Controller
        control={control}
        name={q.name}
        render={({ field }) => {
          const answered = typeof field.value === 'number';
          return (
            <div className="range">
              <input
                id={q.ids.input}
                ref={field.ref}
                type="range"
                min={Math.min(start, end)}
                max={Math.max(start, end)}
                step={step}
                disabled={q.readOnly}
                {...q.aria}
                value={answered ? (field.value as number) : start}
                onChange={(event) => field.onChange(Number(event.target.value))}
                onBlur={field.onBlur}
              />
              <output htmlFor={q.ids.input} className="range-value">
                {answered ? t('q.rangeValue', { value: field.value as number }) : t('q.noAnswer')}
              </output>
            </div>
          );
        }}
      />
    </QuestionFrame>
  );
}
