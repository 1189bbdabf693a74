import type { MessageKey } from '../i18n/types';

/** Clear words for a sync error code; never the raw message or a stack. */
export function syncErrorKey(code: string): MessageKey {
  switch (code) {
    case 'network':
    case 'offline':
    case 'timeout':
      return 'sync.error.network';
    case 'unauthenticated':
    case 'token_expired':
      return 'sync.error.auth';
    case 'forbidden':
      return 'sync.error.forbidden';
    case 'rate_limited':
      return 'sync.error.rateLimited';
    case 'internal':
    case 'server':
    case 'unavailable':
      return 'sync.error.server';
    default:
      return /^5\d\d$/.test(code) ? 'sync.error.server' : 'sync.error.other';
  }
}
