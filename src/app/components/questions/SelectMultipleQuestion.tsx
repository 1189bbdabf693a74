import { isAlwaysRequired } from '../../../core/forms/definition';
import { Controller, useFormContext } from 'react-hook-form';
import { choicesOf } from '../../../core/forms/definition';
import { pickText } from '../../../core/i18n/localized';
import { useT } from '../../i18n/useT';
import { describedBy, errorMessage, fieldIds } from './fieldIds';
import { FieldError, Hint, QuestionBox, RequiredMark } from './QuestionParts';
import type { QuestionProps } from './types';

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** select_multiple: checkboxes whose value is always a string[] (in the form's choice order). */
export function SelectMultipleQuestion({ form, question }: QuestionProps) {
  const { lang } = useT();
  const {
    control,
    formState: { errors },
  } = useFormContext();
  const ids = fieldIds(question.name);
  const hint = pickText(question.hint, lang);
  const error = errorMessage(errors, question.name);
  const choices = choicesOf(form, question);
  return (
    <QuestionBox invalid={Boolean(error)}>
      <fieldset aria-describedby={describedBy(ids, Boolean(hint), Boolean(error))}>
        <legend className="question-label">
          {pickText(question.label, lang)}
          <RequiredMark required={isAlwaysRequired(question)} />
        </legend>
        <Hint id={ids.hint} text={hint} />
        <Controller
          control={control}
          name={question.name}
          render={({ field }) => {
            const selected = asList(field.value);
            const toggle = (name: string, checked: boolean) => {
              const next = choices
                .map((c) => c.name)
                .filter((n) => (n === name ? checked : selected.includes(n)));
              field.onChange(next);
            };
            return (
              <div className="choices">
                {choices.map((choice, i) => (
                  <label className="choice" key={choice.name}>
                    <input
                      type="checkbox"
                      value={choice.name}
                      id={i === 0 ? ids.input : undefined}
                      ref={i === 0 ? field.ref : undefined}
                      checked={selected.includes(choice.name)}
                      aria-invalid={error ? true : undefined}
                      onChange={(event) => toggle(choice.name, event.target.checked)}
                      onBlur={field.onBlur}
                    />
                    <span>{pickText(choice.label, lang)}</span>
                  </label>
                ))}
              </div>
            );
          }}
        />
        <FieldError id={ids.error} message={error} />
      </fieldset>
    </QuestionBox>
  );
}
