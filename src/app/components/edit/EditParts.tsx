import type { ReactNode } from 'react';
import { get, type FieldErrors } from 'react-hook-form';
import type { MessageKey } from '../../i18n/types';
import { useT } from '../../i18n/useT';

/** The DOM id of a field's message, for aria-describedby. */
export const errorIdOf = (path: string) => `edit-${path.replaceAll('.', '-')}-error`;

/** The message key of the field at `path`, if it has one. */
function messageAt(errors: FieldErrors, path: string): string | undefined {
  const found: unknown = get(errors, path);
  const message =
    typeof found === 'object' && found !== null ? (found as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : undefined;
}

/** The message of the field at `path` (or of a list, or `form` for the whole change), if it has one. */
export function FieldError({ errors, path }: { errors: FieldErrors; path: string }) {
  const { t } = useT();
  const message = messageAt(errors, path);
  if (message === undefined) return null;
  return (
    <span className="field-error" role="alert" id={errorIdOf(path)}>
      {t(message as MessageKey)}
    </span>
  );
}

/** aria attributes of an input whose field may have a message. */
export function invalidProps(errors: FieldErrors, path: string) {
  const invalid = messageAt(errors, path) !== undefined;
  return invalid ? { 'aria-invalid': true, 'aria-describedby': errorIdOf(path) } : {};
}

/** A labelled field: the label, the control, then its message. */
export function Field(props: { label: string; errors: FieldErrors; path: string; children: ReactNode }) {
  return (
    <label>
      {props.label}
      {props.children}
      <FieldError errors={props.errors} path={props.path} />
    </label>
  );
}

/** A list of the form (sectors, budget lines…): its items, its own message, and a button that adds one. */
export function ListFieldset(props: {
  legend: string;
  addLabel: string;
  onAdd: () => void;
  errors: FieldErrors;
  path: string;
  /** False hides the list's own message (a total that the user has since corrected). */
  showError?: boolean;
  children: ReactNode;
}) {
  return (
    <fieldset className="edit-list">
      <legend>{props.legend}</legend>
      {props.children}
      {props.showError === false ? null : <FieldError errors={props.errors} path={props.path} />}
      <button type="button" onClick={props.onAdd}>
        {props.addLabel}
      </button>
    </fieldset>
  );
}

/** One item of a list, with its remove button. */
export function ListItem({
  removeLabel,
  onRemove,
  children,
}: {
  removeLabel: string;
  onRemove: () => void;
  children: ReactNode;
}) {
  return (
    <div className="edit-item">
      {children}
      <button type="button" className="button-danger-quiet" onClick={onRemove}>
        {removeLabel}
      </button>
    </div>
  );
}

/** The end of every edit form: why the save failed, then save and cancel. */
export function EditActions(props: {
  errors: FieldErrors;
  failure: string | null;
  submitting: boolean;
  cancelHref: string;
}) {
  const { t } = useT();
  return (
    <>
      <FieldError errors={props.errors} path="form" />
      {props.failure ? (
        <p className="field-error" role="alert">
          {props.failure}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={props.submitting}>
          {t('edit.save')}
        </button>
        <a href={props.cancelHref}>{t('edit.cancel')}</a>
      </div>
    </>
  );
}
