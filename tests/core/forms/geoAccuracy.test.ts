import { describe, expect, it } from 'vitest';
import { acceptsPosition, accuracyThresholds, warnsAbout } from '../../../src/core/forms/geoAccuracy';

describe('geopoint accuracy parameters (capture-accuracy, warning-accuracy)', () => {
  it('reads positive metres from the parameters, ignoring the rest', () => {
    expect(accuracyThresholds({ 'capture-accuracy': '5', 'warning-accuracy': '20.5' })).toEqual({
      capture: 5,
      warning: 20.5,
    });
    expect(accuracyThresholds({ 'capture-accuracy': '0', 'warning-accuracy': 'far' })).toEqual({});
    expect(accuracyThresholds({ 'capture-accuracy': '-3', 'allow-mock-accuracy': 'true' })).toEqual({});
    expect(accuracyThresholds(undefined)).toEqual({});
  });

  it('accepts a position at or below capture-accuracy, and any position without it', () => {
    expect(acceptsPosition(5, 5)).toBe(true);
    expect(acceptsPosition(4.9, 5)).toBe(true);
    expect(acceptsPosition(5.1, 5)).toBe(false);
    expect(acceptsPosition(900, undefined)).toBe(true);
  });

  it('warns about a position less accurate than warning-accuracy', () => {
    expect(warnsAbout(20.1, 20)).toBe(true);
    expect(warnsAbout(20, 20)).toBe(false);
    expect(warnsAbout(3, 20)).toBe(false);
    expect(warnsAbout(500, undefined)).toBe(false);
    expect(warnsAbout(undefined, 20)).toBe(false);
  });
});
