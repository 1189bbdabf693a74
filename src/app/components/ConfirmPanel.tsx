import { useEffect, useId, useRef } from 'react';
import { useT } from '../i18n/useT';

interface Props {
  question: string;
  detail?: string | undefined;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** An inline confirmation for actions done on purpose (delete, discard, sign out). Focus starts on Cancel. */
export function ConfirmPanel({ question, detail, confirmLabel, onConfirm, onCancel }: Props) {
  const { t } = useT();
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-labelledby={`${id}-q`}
      aria-describedby={detail ? `${id}-d` : undefined}
    >
      <p id={`${id}-q`} className="confirm-question">
        {question}
      </p>
      {detail ? (
        <p id={`${id}-d`} className="confirm-detail">
          {detail}
        </p>
      ) : null}
      <div className="confirm-actions">
        <button type="button" className="button-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" ref={cancelRef} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
