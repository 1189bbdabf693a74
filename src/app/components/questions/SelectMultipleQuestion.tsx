import { Controller, useFormContext } from 'react-hook-form';
import { pickText } from '../../../core/i18n/localized';
import { useOfferedChoices } from '../../hooks/useOfferedChoices';
import { useQuestion } from '../../hooks/useQuestion';
import { useT } from '../../i18n/useT';
import { asStringList, toggleChoice } from './answerConversion';
import { QuestionFrame } from './QuestionParts';
import { LabelMedia } from './LabelMedia';
import type { QuestionProps } from './types';

/** select_multiple: checkboxes; the answer is a string[] in the choices' order ([] when none). */
export function SelectMultipleQuestion({ question, path }: QuestionProps) {
  const { lang } = useT();
  const q = useQuestion(question, path);
  const { control } = useFormContext();
  const choices = useOfferedChoices(path, q.name);
  const offered = choices.map((c) => c.name);
  return (
    <QuestionFrame q={q} group>
      <Controller
        control={control}
        name={q.name}
        render={({ field }) => {
          const selected = asStringList(field.value);
          return (
            <div className="choices">
              {choices.map((choice, i) => (
                <label className="choice" key={choice.name}>
                  <input
                    type="checkbox"
                    value={choice.name}
                    id={i === 0 ? q.ids.input : undefined}
                    ref={i === 0 ? field.ref : undefined}
                    disabled={q.readOnly}
                    checked={selected.includes(choice.name)}
                    aria-invalid={q.aria['aria-invalid']}
                    onChange={(event) =>
                      field.onChange(toggleChoice(offered, selected, choice.name, event.target.checked))
                    }
                    onBlur={field.onBlur}
                  />
                  <span>{pickText(choice.label, lang) || choice.name}</span>
                  <LabelMedia media={choice.media} alt={pickText(choice.label, lang) || choice.name} quiet />
                </label>
              ))}
            </div>
          );
        }}
      />
    </QuestionFrame>
  );
}
