import { useFlash } from '../hooks/useFlash';
import { useT } from '../i18n/useT';

/** The confirmation left by the previous page, if any. */
export function FlashMessage() {
  const { t } = useT();
  const flash = useFlash();
  if (!flash) return null;
  return (
    <p className="alert alert-success" role="status">
      {t(flash)}
    </p>
  );
}
