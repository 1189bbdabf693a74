import { describe, expect, it } from 'vitest';
import { requestLanguage } from '../../../src/server/http/language';

describe('requestLanguage', () => {
  it('is French when French comes before English, as the app picks from the browser', () => {
    expect(requestLanguage('fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(requestLanguage('fr-CA')).toBe('fr');
    expect(requestLanguage('de-DE,fr;q=0.5')).toBe('fr');
    expect(requestLanguage('en-US,fr;q=0.9')).toBe('en');
  });

  it('orders by q-value, skips q=0, and falls back to English', () => {
    expect(requestLanguage('en;q=0.5, fr;q=0.8')).toBe('fr');
    expect(requestLanguage('fr;q=0, en')).toBe('en');
    expect(requestLanguage('de, es')).toBe('en');
    expect(requestLanguage(undefined)).toBe('en');
    expect(requestLanguage('')).toBe('en');
  });
});
