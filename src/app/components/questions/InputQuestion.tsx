import { get, useFormContext } from 'react-hook-form';
import { useFill } from '../../hooks/useFill';
import { useQuestion } from '../../hooks/useQuestion';
import { emptyToUndefined, toNumberAnswer } from './answerConversion';
import { QuestionFrame } from './QuestionParts';
import type { QuestionProps } from './types';

function hasAppearance(appearance: string | undefined, word: string): boolean {
  return (appearance ?? '').split(/\s+/).includes(word);
}

/**
 * text, integer, decimal and time: one labelled input (dates: DateParts.tsx). Numbers are typed as text with a numeric
 * keyboard, so a decimal comma works everywhere; they are stored as numbers. Empty → no answer.
 */
export function InputQuestion({ question, path }: QuestionProps) {
  const q = useQuestion(question, path);
  const { register } = useFormContext();
  const { state } = useFill();
  const { type } = question;
  // With a trigger, the calculation only proposes a value when the trigger changes (useDraftEvaluation).
  if (question.calculation !== undefined && question.trigger === undefined) {
    // A calculation makes the question read-only (ODK): the engine recomputes its value after every change
    // (state.answers), so that is what shows; finalize computes it again for the submission.
    const value: unknown = get(state.answers, q.name);
    const shown = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    return (
      <QuestionFrame q={q}>
        <input type="text" id={q.ids.input} readOnly value={shown} {...q.aria} />
      </QuestionFrame>
    );
  }
  const numeric = type === 'integer' || type === 'decimal';
  const field = register(q.name, { setValueAs: numeric ? toNumberAnswer : emptyToUndefined });
  const common = { id: q.ids.input, readOnly: q.readOnly, ...q.aria, ...field };
  return (
    <QuestionFrame q={q}>
      {type === 'text' && hasAppearance(question.appearance, 'multiline') ? (
        <textarea rows={4} {...common} />
      ) : (
        <input
          type={type === 'time' ? 'time' : 'text'}
          inputMode={type === 'integer' ? 'numeric' : type === 'decimal' ? 'decimal' : undefined}
          autoComplete="off"
          {...common}
        />
      )}
    </QuestionFrame>
  );
}
