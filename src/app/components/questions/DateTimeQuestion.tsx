import { Controller, useFormContext } from 'react-hook-form';
import { useQuestion } from '../../hooks/useQuestion';
import { DatePartsInput } from './DateParts';
import { fromDateTimeAnswer, toDateTimeAnswer } from './dateTimeAnswers';
import { QuestionFrame } from './QuestionParts';
import type { QuestionProps } from './types';

/** dateTime: the device's date-time picker; stored as ISO 8601 with the device's UTC offset. */
export function DateTimeQuestion({ question, path }: QuestionProps) {
  const q = useQuestion(question, path);
  const { control } = useFormContext();
  return (
    <QuestionFrame q={q}>
      <Controller
        control={control}
        name={q.name}
        render={({ field }) => (
          <input
            id={q.ids.input}
            ref={field.ref}
            type="datetime-local"
            readOnly={q.readOnly}
            {...q.aria}
            value={fromDateTimeAnswer(field.value)}
            onChange={(event) => field.onChange(toDateTimeAnswer(event.target.value))}
            onBlur={field.onBlur}
          />
        )}
      />
    </QuestionFrame>
  );
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
