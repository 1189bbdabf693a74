import type { SaveState } from '../hooks/useDraftAutosave';
import { useT } from '../i18n/useT';

/** "Saving…" / "Saved" next to a draft, announced politely. */
export function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useT();
  const text =
    state === 'saving'
      ? t('fill.saving')
      : state === 'saved'
        ? t('fill.saved')
        : state === 'error'
          ? t('fill.saveError')
          : '';
  return (
    <p className={`save-indicator save-${state}`} role="status" aria-live="polite">
      {text}
    </p>
  );
}
