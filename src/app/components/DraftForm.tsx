import type { DraftRecord, FormRecord } from '../db/schema';
import { useFormEngine } from '../hooks/useFormEngine';
import { useSignedIn } from '../hooks/useSignedIn';
import { useT } from '../i18n/useT';
import { EngineForm } from './EngineForm';

/**
 * A draft filled with the form version it was started on (never the latest one: `form` is the draft's
 * own version). A version whose logic cannot run is reported instead of crashing the page; the page says it
 * is loading while the code of the rarer functions the form calls loads.
 */
export function DraftForm({ draft, form }: { draft: DraftRecord; form: FormRecord }) {
  const { t } = useT();
  const { session } = useSignedIn();
  const built = useFormEngine(form.definition, session.user.username, draft.lastSaved);
  if (!built) return <p>{t('app.loading')}</p>;
  if (built.error) {
    return (
      <p className="alert alert-error" role="alert">
        {t('fill.engineError', { message: built.error.message })}
      </p>
    );
  }
  return <EngineForm draft={draft} form={form} engine={built.engine} />;
}
