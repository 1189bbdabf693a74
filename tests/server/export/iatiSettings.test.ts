import { describe, expect, it } from 'vitest';
import { IATI_DEFAULTS } from '../../../src/core/export/iatiDefaults';
import { iatiSettings } from '../../../src/server/export/iatiSettings';

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
