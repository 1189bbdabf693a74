import { useT } from '../i18n/useT';
import { focusMain } from './focusMain';

/**
 * "Skip to content": the first Tab stop of every page, before any banner and the header. The hash is the
 * router's, so the link moves the focus itself rather than following #main.
 */
export function SkipLink() {
  const { t } = useT();
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={(event) => {
        event.preventDefault();
        focusMain();
      }}
    >
      {t('nav.skip')}
    </a>
  );
}
