import { useFill } from '../../hooks/useFill';
import { useT } from '../../i18n/useT';
import { LabelMedia } from './LabelMedia';
import type { QuestionProps } from './types';

/** A note: text shown to the agent (with `${x}` outputs), no answer. */
export function NoteItem({ question, path }: QuestionProps) {
  const { lang } = useT();
  const { state } = useFill();
  const hint = state.hint([...path], lang);
  const label = state.label([...path], lang) || question.name;
  return (
    <div className="note">
      <p className="note-text">{label}</p>
      <LabelMedia media={question.media} alt={label} />
      {hint ? <p className="hint">{hint}</p> : null}
    </div>
  );
}
