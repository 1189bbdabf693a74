import { pickText } from '../../../core/i18n/localized';
import { useT } from '../../i18n/useT';
import type { QuestionProps } from './types';

/** A note: text shown to the agent, no answer. */
export function NoteItem({ question }: QuestionProps) {
  const { lang } = useT();
  const hint = pickText(question.hint, lang);
  return (
    <div className="note">
      <p className="note-text">{pickText(question.label, lang)}</p>
      {hint ? <p className="hint">{hint}</p> : null}
    </div>
  );
}
