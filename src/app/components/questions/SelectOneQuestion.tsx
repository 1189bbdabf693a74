import { isAlwaysRequired } from '../../../core/forms/definition';
import { useFormContext } from 'react-hook-form';
import { choicesOf } from '../../../core/forms/definition';
import { pickText } from '../../../core/i18n/localized';
import { useT } from '../../i18n/useT';
import { describedBy, errorMessage, fieldIds } from './fieldIds';
import { FieldError, Hint, QuestionBox, RequiredMark } from './QuestionParts';
import type { QuestionProps } from './types';

/** select_one: a group of radio buttons. */
export function SelectOneQuestion({ form, question }: QuestionProps) {
  const { lang } = useT();
  const {
    register,
    formState: { errors },
  } = useFormContext();
  const ids = fieldIds(question.name);
  const hint = pickText(question.hint, lang);
  const error = errorMessage(errors, question.name);
  const field = register(question.name);
  return (
    <QuestionBox invalid={Boolean(error)}>
      <fieldset aria-describedby={describedBy(ids, Boolean(hint), Boolean(error))}>
        <legend className="question-label">
          {pickText(question.label, lang)}
          <RequiredMark required={isAlwaysRequired(question)} />
        </legend>
        <Hint id={ids.hint} text={hint} />
        <div className="choices">
          {choicesOf(form, question).map((choice, i) => (
            <label className="choice" key={choice.name}>
              <input
                type="radio"
                value={choice.name}
                id={i === 0 ? ids.input : undefined}
                aria-invalid={error ? true : undefined}
                {...field}
              />
              <span>{pickText(choice.label, lang)}</span>
            </label>
          ))}
        </div>
        <FieldError id={ids.error} message={error} />
      </fieldset>
    </QuestionBox>
  );
}
