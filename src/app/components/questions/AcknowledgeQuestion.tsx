import { Controller, useFormContext } from 'react-hook-form';
import { useQuestion } from '../../hooks/useQuestion';
import { acknowledgeAnswer } from './answerConversion';
import { FieldError, Hint, QuestionBox, RequiredMark } from './QuestionParts';
import type { QuestionProps } from './types';

/** acknowledge: one checkbox labelled by the question; ticked is the answer 'OK'. */
export function AcknowledgeQuestion({ question, path }: QuestionProps) {
  const q = useQuestion(question, path);
  const { control } = useFormContext();
  return (
    <QuestionBox invalid={Boolean(q.error)}>
      <Controller
        control={control}
        name={q.name}
        render={({ field }) => (
          <label className="choice acknowledge">
            <input
              type="checkbox"
              id={q.ids.input}
              ref={field.ref}
              disabled={q.readOnly}
              {...q.aria}
              checked={field.value === 'OK'}
              onChange={(event) => field.onChange(acknowledgeAnswer(event.target.checked))}
              onBlur={field.onBlur}
            />
            <span className="question-label">
              {q.label}
              <RequiredMark required={q.required} />
            </span>
          </label>
        )}
      />
      <Hint id={q.ids.hint} text={q.hint} />
      <FieldError id={q.ids.error} message={q.error} />
    </QuestionBox>
  );
}
