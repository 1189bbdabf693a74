import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../../src/app/api/errors';
import '../../../src/app/i18n/signInStrings';
import '../../../src/app/i18n/vaultStrings';
import { translator } from '../../../src/app/i18n/translate';
import { unlockError } from '../../../src/app/pages/unlockError';
import { VaultError } from '../../../src/app/vault/unlock';

// 14:30 in Bamako (UTC+0, the zone the tests run in).
const NOW = Date.parse('2026-12-06T14:30:00Z');

describe('the unlock error message', () => {
  const t = translator('fr');
  // Intl may put a no-break space between the number and its unit.
  const said = (error: unknown) => unlockError(error, t, 'fr', NOW).replace(/\s/gu, ' ');
  it('says a wrong password, and when the device lets the next try in', () => {
    expect(unlockError(new VaultError('wrong_password', 'x'), t, 'fr', NOW)).toBe('Mot de passe incorrect.');
    expect(said(new VaultError('wrong_password', 'x', NOW + 30_000))).toBe(
      'Mot de passe incorrect. Trop d’essais. Réessayez dans 30 secondes (à 14:30).',
    );
    expect(said(new VaultError('throttled', 'x', NOW + 120_000))).toBe(
      'Trop d’essais. Réessayez dans 2 minutes (à 14:32).',
    );
  });

  it('says when the network is needed once, and when the data does not open', () => {
    expect(unlockError(new NetworkError(new TypeError('Failed to fetch')), t, 'fr', NOW)).toMatch(
      /la connexion au réseau est nécessaire une fois/,
    );
    expect(unlockError(new VaultError('vault_mismatch', 'x'), t, 'fr', NOW)).toMatch(
      /Contactez votre superviseur/,
    );
    expect(unlockError(new ApiError(401, 'invalid_credentials', 'x'), t, 'fr', NOW)).toBe(
      'Mot de passe incorrect.',
    );
    expect(said(new ApiError(429, 'rate_limited', 'x', undefined, 60_000))).toBe(
      'Trop de tentatives de connexion. Réessayez dans 1 minute (à 14:31).',
    );
  });
});
