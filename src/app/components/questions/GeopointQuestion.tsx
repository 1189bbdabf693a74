import { Controller, useFormContext } from 'react-hook-form';
import { useQuestion } from '../../hooks/useQuestion';
import { GeopointInputs } from './GeopointInputs';
import { QuestionFrame } from './QuestionParts';
import type { QuestionProps } from './types';

/**
 * geopoint: latitude, longitude and optional accuracy, typed or taken from the device's location, with the
 * question's `capture-accuracy` and `warning-accuracy` parameters.
 */
export function GeopointQuestion({ question, path }: QuestionProps) {
  const q = useQuestion(question, path);
  const { control } = useFormContext();
  return (
    <QuestionFrame q={q} group>
      <Controller
        control={control}
        name={q.name}
        render={({ field }) => (
          <GeopointInputs
            idPrefix={q.ids.input}
            questionLabel={q.label}
            required={q.required}
            readOnly={q.readOnly}
            invalid={Boolean(q.error)}
            value={field.value as unknown}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            parameters={question.parameters}
          />
        )}
      />
    </QuestionFrame>
  );
}
