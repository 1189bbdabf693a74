import { isAlwaysRequired } from '../../../core/forms/definition';
import { Controller, useFormContext } from 'react-hook-form';
import { pickText } from '../../../core/i18n/localized';
import { useT } from '../../i18n/useT';
import { errorMessage, fieldIds } from './fieldIds';
import { GeopointInputs } from './GeopointInputs';
import { FieldError, Hint, QuestionBox, RequiredMark } from './QuestionParts';
import type { QuestionProps } from './types';

/** geopoint: latitude, longitude and optional accuracy, typed or taken from the device's location. */
export function GeopointQuestion({ question }: QuestionProps) {
  const { lang } = useT();
  const {
    control,
    formState: { errors },
  } = useFormContext();
  const ids = fieldIds(question.name);
  const label = pickText(question.label, lang);
  const hint = pickText(question.hint, lang);
  const error = errorMessage(errors, question.name);
  return (
    <QuestionBox invalid={Boolean(error)}>
      <fieldset
        aria-describedby={[hint ? ids.hint : '', error ? ids.error : ''].join(' ').trim() || undefined}
      >
        <legend className="question-label">
          {label}
          <RequiredMark required={isAlwaysRequired(question)} />
        </legend>
        <Hint id={ids.hint} text={hint} />
        <Controller
          control={control}
          name={question.name}
          render={({ field }) => (
            <GeopointInputs
              idPrefix={ids.input}
              questionLabel={label}
              required={isAlwaysRequired(question)}
              invalid={Boolean(error)}
              value={field.value as unknown}
              onChange={field.onChange}
              onBlur={field.onBlur}
              inputRef={field.ref}
            />
          )}
        />
        <FieldError id={ids.error} message={error} />
      </fieldset>
    </QuestionBox>
  );
}
