import type { ReactNode } from 'react';
import type { QuestionInfo } from '../../hooks/useQuestion';
import { LabelMedia } from './LabelMedia';

/** The visual "required" mark; the input itself carries aria-required. */
export function RequiredMark({ required }: { required: boolean | undefined }) {
  if (!required) return null;
  return (
    <span className="required-mark" aria-hidden="true">
      {' *'}
    </span>
  );
}

export function Hint({ id, text }: { id: string; text: string }) {
  if (!text) return null;
  return (
    <p className="hint" id={id}>
      {text}
    </p>
  );
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id}>
      {message}
    </p>
  );
}

export function QuestionBox({ invalid, children }: { invalid: boolean; children: ReactNode }) {
  return <div className={invalid ? 'question question-invalid' : 'question'}>{children}</div>;
}

/**
 * A question's frame: label (or legend, when the answer takes several inputs), hint, the inputs, and the
 * error message under them.
 */
export function QuestionFrame({
  q,
  group = false,
  children,
}: {
  q: QuestionInfo;
  /** Several inputs: a fieldset whose legend is the label. */
  group?: boolean;
  children: ReactNode;
}) {
  const title = (
    <>
      {q.label}
      <RequiredMark required={q.required} />
    </>
  );
  const body = (
    <>
      <LabelMedia media={q.media} alt={q.label} />
      <Hint id={q.ids.hint} text={q.hint} />
      {children}
      <FieldError id={q.ids.error} message={q.error} />
    </>
  );
  return (
    <QuestionBox invalid={Boolean(q.error)}>
      {group ? (
        <fieldset aria-describedby={q.describedBy}>
          <legend className="question-label">{title}</legend>
          {body}
        </fieldset>
      ) : (
        <>
          <label className="question-label" htmlFor={q.ids.input}>
            {title}
          </label>
          {body}
        </>
      )}
    </QuestionBox>
  );
}
