import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../../src/app/api/errors';
import '../../../src/app/i18n/signInStrings';
import { translator } from '../../../src/app/i18n/translate';
import { signInError, waitText } from '../../../src/app/pages/signInError';

// 14:30 in Bamako (UTC+0, the zone the tests run in).
const NOW = Date.parse('2026-12-06T14:30:00Z');
const locked = (retryAfterMs: number | null, details?: unknown) =>
  new ApiError(429, 'rate_limited', 'Too many failed sign-ins', details, retryAfterMs);

describe('the sign-in error message', () => {
  it('says when to try again after a 429, in minutes and at what time, in French and English', () => {
    expect(signInError(locked(5 * 60_000), translator('fr'), 'fr', NOW)).toBe(
      'Trop de tentatives de connexion. Réessayez dans 5 minutes (à 14:35).',
    );
    expect(signInError(locked(60_000), translator('en'), 'en', NOW)).toBe(
      'Too many sign-in attempts. Try again in 1 minute (at 2:31 PM).',
    );
  });

  it('rounds up to whole minutes, and says seconds under a minute', () => {
    // (Intl may put a no-break space between the number and its unit.)
    expect(
      [1, 30_000, 59_000, 60_000, 61_000, 3_600_000].map((ms) => waitText(ms, 'fr').replace(/\s/gu, ' ')),
    ).toEqual(['1 seconde', '30 secondes', '59 secondes', '1 minute', '2 minutes', '60 minutes']);
  });

  it('reads details.retryAfterSeconds when no Retry-After came through, and says "a moment" without either', () => {
    expect(signInError(locked(null, { retryAfterSeconds: 120 }), translator('fr'), 'fr', NOW)).toBe(
      'Trop de tentatives de connexion. Réessayez dans 2 minutes (à 14:32).',
    );
    expect(signInError(locked(null), translator('fr'), 'fr', NOW)).toBe(
      'Trop de tentatives. Patientez un moment puis réessayez.',
    );
  });

  it('keeps the other messages', () => {
    const t = translator('fr');
    expect(signInError(new ApiError(401, 'invalid_credentials', 'x'), t, 'fr')).toBe(
      "Nom d'utilisateur ou mot de passe incorrect.",
    );
    expect(signInError(new NetworkError(new Error('offline')), t, 'fr')).toMatch(/injoignable/);
  });
});
