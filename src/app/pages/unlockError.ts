import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { NetworkError } from '../api/errors';
import type { Translate } from '../i18n/types';
import { signInError, waitText } from './signInError';

/**
 * What went wrong unlocking, said to the user: a wrong password, a wait (the device's throttle), a network
 * needed once, data that neither the password nor the server's secret opens. Needs vaultStrings.ts (and
 * signInStrings.ts for the server's answers).
 */
export function unlockError(error: unknown, t: Translate, lang: UiLanguage, now = Date.now()): string {
  const { code, retryAt } = error as { code?: unknown; retryAt?: unknown };
  const wait =
    typeof retryAt === 'number' && retryAt > now
      ? t('unlock.throttled', {
          wait: waitText(retryAt - now, lang),
          time: new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(retryAt),
        })
      : null;
  if (code === 'throttled') return wait ?? t('unlock.wrong');
  if (code === 'wrong_password') return wait ? `${t('unlock.wrong')} ${wait}` : t('unlock.wrong');
  if (code === 'vault_mismatch') return t('unlock.mismatch');
  if (error instanceof NetworkError) return t('unlock.online');
  if (code === 'invalid_credentials') return t('unlock.wrong');
  if (code !== undefined) return signInError(error, t, lang, now);
  return t('unlock.other', { message: error instanceof Error ? error.message : String(error) });
}
