import { useState } from 'react';
import { useVerifyMany } from '../../hooks/useVerifyMany';
import { useT } from '../../i18n/useT';

type Feedback = { kind: 'done'; verified: number; skipped: number } | { kind: 'failed'; message: string };

/**
 * The selection's action (focal points and up): verify every selected submission at once, each saved as
 * the review panel saves one (repositories/verifyMany.ts), then say how many were verified and how many
 * were left as they were. The message is a live region, so a screen reader hears it.
 */
export function VerifyBar({
  selected,
  projectId,
  onDone,
  onClear,
}: {
  selected: ReadonlySet<string>;
  projectId: string;
  onDone: () => void;
  onClear: () => void;
}) {
  const { t } = useT();
  const verify = useVerifyMany();
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const count = selected.size;
  const run = async () => {
    setBusy(true);
    setFeedback(null);
    try {
      const outcome = await verify([...selected].map((id) => ({ id, projectId })));
      setFeedback({ kind: 'done', ...outcome });
      onDone();
    } catch (error) {
      setFeedback({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="data-actions">
      <span>{t('table.selected', { count })}</span>
      <button
        type="button"
        className="button-primary"
        disabled={busy || count === 0}
        onClick={() => void run()}
      >
        {busy ? t('table.verifying') : t('table.verify', { count })}
      </button>
      <button type="button" disabled={busy || count === 0} onClick={onClear}>
        {t('table.clear')}
      </button>
      <p role="status" className={feedback?.kind === 'done' ? 'alert alert-success' : undefined}>
        {feedback?.kind === 'done'
          ? `${t('table.verified', { count: feedback.verified })}${
              feedback.skipped > 0 ? ` ${t('table.skipped', { count: feedback.skipped })}` : ''
            }`
          : null}
      </p>
      {feedback?.kind === 'failed' ? (
        <p className="alert alert-error" role="alert">
          {t('table.failed', { message: feedback.message })}
        </p>
      ) : null}
    </div>
  );
}
