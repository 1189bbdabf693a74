import { isAlwaysRequired } from '../../../core/forms/definition';
import { useFormContext } from 'react-hook-form';
import { pickText } from '../../../core/i18n/localized';
import { useT } from '../../i18n/useT';
import { describedBy, errorMessage, fieldIds } from './fieldIds';
import { FieldError, Hint, QuestionBox, RequiredMark } from './QuestionParts';
import type { QuestionProps } from './types';

function toNumber(value: unknown): unknown {
  if (value === '' || value === null || value === undefined) return undefined;
  if (typeof value !== 'string') return value;
  const n = Number(value.replace(',', '.'));
  return Number.isNaN(n) ? value : n;
}

function emptyToUndefined(value: unknown): unknown {
  return value === '' || value === null ? undefined : value;
}

/** text, integer, decimal and date: one labelled input. Numbers are converted; empty → undefined. */
export function InputQuestion({ question }: QuestionProps) {
  const { lang } = useT();
  const {
    register,
    formState: { errors },
  } = useFormContext();
  const ids = fieldIds(question.name);
  const hint = pickText(question.hint, lang);
  const error = errorMessage(errors, question.name);
  const numeric = question.type === 'integer' || question.type === 'decimal';
  const type = numeric ? 'number' : question.type === 'date' ? 'date' : 'text';
  return (
    <QuestionBox invalid={Boolean(error)}>
      <label className="question-label" htmlFor={ids.input}>
        {pickText(question.label, lang)}
        <RequiredMark required={isAlwaysRequired(question)} />
      </label>
      <Hint id={ids.hint} text={hint} />
      <input
        id={ids.input}
        type={type}
        inputMode={
          question.type === 'integer' ? 'numeric' : question.type === 'decimal' ? 'decimal' : undefined
        }
        step={question.type === 'integer' ? 1 : numeric ? 'any' : undefined}
        min={question.min}
        max={question.max}
        aria-required={isAlwaysRequired(question) ? true : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, Boolean(hint), Boolean(error))}
        {...register(question.name, { setValueAs: numeric ? toNumber : emptyToUndefined })}
      />
      <FieldError id={ids.error} message={error} />
    </QuestionBox>
  );
}
