import { useT } from '../i18n/useT';

/** The end of both indicator forms (value, review): why the last save failed, then save and cancel. */
export function IndicatorFormActions({
  failure,
  submitting,
  onDone,
}: {
  failure: string | null;
  submitting: boolean;
  onDone: () => void;
}) {
  const { t } = useT();
  return (
    <>
      {failure ? (
        <p className="field-error" role="alert">
          {failure}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {t('ind.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('ind.cancel')}
        </button>
      </div>
    </>
  );
}
