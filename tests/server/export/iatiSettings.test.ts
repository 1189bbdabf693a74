import { describe, expect, it } from 'vitest';
import { IATI_DEFAULTS } from '../../../src/core/export/iatiDefaults';
import { iatiPublicUrl, iatiSettings } from '../../../src/server/export/iatiSettings';

describe('IATI settings from the environment', () => {
  it('keeps the defaults, takes valid codes and refuses others by name', () => {
    expect(iatiSettings({})).toEqual(IATI_DEFAULTS);
    expect(iatiSettings({ IATI_RECIPIENT_COUNTRY: 'NE', IATI_FLOW_TYPE: '', IATI_AID_TYPE: 'B03' })).toEqual({
      ...IATI_DEFAULTS,
      recipientCountry: 'NE',
      aidType: 'B03',
    });
    expect(() => iatiSettings({ IATI_RECIPIENT_COUNTRY: 'Mali' })).toThrow(/IATI_RECIPIENT_COUNTRY=Mali/);
    expect(() => iatiSettings({ IATI_DEFAULT_CURRENCY: 'xof' })).toThrow(/IATI_DEFAULT_CURRENCY/);
  });
});

describe('IATI_PUBLIC_URL', () => {
  it('is unset (no document links), an http(s) address without its trailing slash, or refused', () => {
    expect(iatiPublicUrl({})).toBeNull();
    expect(iatiPublicUrl({ IATI_PUBLIC_URL: '' })).toBeNull();
    expect(iatiPublicUrl({ IATI_PUBLIC_URL: 'https://terrain.example.org/' })).toBe(
      'https://terrain.example.org',
    );
    expect(iatiPublicUrl({ IATI_PUBLIC_URL: 'http://10.0.0.2:8080' })).toBe('http://10.0.0.2:8080');
    for (const bad of ['terrain.example.org', 'javascript:alert(1)', 'ftp://x.org', 'https://x.org/?a=1'])
      expect(() => iatiPublicUrl({ IATI_PUBLIC_URL: bad }), bad).toThrow(/IATI_PUBLIC_URL/);
  });
});
