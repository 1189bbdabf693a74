import type { ReactNode } from 'react';

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
