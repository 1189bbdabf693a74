import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { ApiError, NetworkError } from '../api/errors';
import type { Translate } from '../i18n/types';

/**
 * How long to wait, as people say it: seconds under a minute, else whole minutes rounded up (a lock of 61 s
 * is "2 minutes": saying 1 would send the user back too early).
 */
export function waitText(ms: number, lang: UiLanguage): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const [amount, unit] = seconds < 60 ? [seconds, 'second'] : [Math.ceil(seconds / 60), 'minute'];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
}

/** How long the server asked to wait: its Retry-After, else `details.retryAfterSeconds`; null if neither. */
function retryAfterMs(error: ApiError): number | null {
  if (error.retryAfterMs !== null) return error.retryAfterMs;
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : null;
}

/** The sign-in page's message for a failed sign-in; a locked one says when to try again, and at what time. */
export function signInError(error: unknown, t: Translate, lang: UiLanguage, now = Date.now()): string {
  if (error instanceof NetworkError) return t('signIn.error.unreachable');
  if (error instanceof ApiError) {
    if (error.code === 'invalid_credentials' || error.status === 401)
      return t('signIn.error.invalidCredentials');
    if (error.status === 429) {
      const wait = retryAfterMs(error);
      if (wait === null) return t('signIn.error.rateLimited');
      const time = new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(now + wait);
      return t('signIn.error.rateLimitedUntil', { wait: waitText(wait, lang), time });
    }
    if (error.status >= 500 || error.status === 0) return t('signIn.error.unreachable');
    return t('signIn.error.other', { message: error.message });
  }
  return t('signIn.error.other', { message: error instanceof Error ? error.message : String(error) });
}
