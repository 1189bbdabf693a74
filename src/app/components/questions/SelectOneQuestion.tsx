import { useFormContext } from 'react-hook-form';
import { pickText } from '../../../core/i18n/localized';
import { useOfferedChoices } from '../../hooks/useOfferedChoices';
import { useQuestion } from '../../hooks/useQuestion';
import { useT } from '../../i18n/useT';
import { emptyToUndefined } from './answerConversion';
import { QuestionFrame } from './QuestionParts';
import { LabelMedia } from './LabelMedia';
import type { QuestionProps } from './types';

/** select_one: radio buttons, or a drop-down list with appearance `minimal`. */
export function SelectOneQuestion({ question, path }: QuestionProps) {
  const { t, lang } = useT();
  const q = useQuestion(question, path);
  const { register } = useFormContext();
  const choices = useOfferedChoices(path, q.name);
  const field = register(q.name, { setValueAs: emptyToUndefined });
  if ((question.appearance ?? '').split(/\s+/).includes('minimal')) {
    return (
      <QuestionFrame q={q}>
        <select id={q.ids.input} disabled={q.readOnly} {...q.aria} {...field}>
          <option value="">{t('q.chooseOption')}</option>
          {choices.map((choice) => (
            <option key={choice.name} value={choice.name}>
              {pickText(choice.label, lang) || choice.name}
            </option>
          ))}
        </select>
      </QuestionFrame>
    );
  }
  return (
    <QuestionFrame q={q} group>
      <div className="choices">
        {choices.map((choice, i) => (
          <label className="choice" key={choice.name}>
            <input
              type="radio"
              value={choice.name}
              id={i === 0 ? q.ids.input : undefined}
              disabled={q.readOnly}
              aria-invalid={q.aria['aria-invalid']}
              {...field}
            />
            <span>{pickText(choice.label, lang) || choice.name}</span>
            <LabelMedia media={choice.media} alt={pickText(choice.label, lang) || choice.name} quiet />
          </label>
        ))}
      </div>
    </QuestionFrame>
  );
}
