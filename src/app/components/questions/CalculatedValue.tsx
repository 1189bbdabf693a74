import { get } from 'react-hook-form';
import { useFill } from '../../hooks/useFill';
import { useT } from '../../i18n/useT';
import { pathToId, pathToName } from './paths';
import type { QuestionProps } from './types';

function display(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return JSON.stringify(value);
}

/** A calculate with a label: its current value, read-only (the engine computes it after every change). */
export function CalculatedValue({ question, path }: QuestionProps) {
  const { t, lang } = useT();
  const { state } = useFill();
  const id = pathToId(path);
  const value = display(get(state.answers, pathToName(path)));
  const hint = state.hint([...path], lang);
  return (
    <div className="question calculated">
      <p className="question-label" id={`${id}-label`}>
        {state.label([...path], lang) || question.name}
      </p>
      {hint ? <p className="hint">{hint}</p> : null}
      <output className="calculated-value" id={id} aria-labelledby={`${id}-label`}>
        {value || t('q.noAnswer')}
      </output>
    </div>
  );
}
