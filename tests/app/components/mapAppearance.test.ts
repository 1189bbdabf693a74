import { describe, expect, it } from 'vitest';
import { mapAppearance } from '../../../src/app/components/questions/mapAppearance';

describe("ODK's map appearances (as ODK Collect reads them)", () => {
  it('no appearance: coordinates and location, the map on demand, a point placeable there', () => {
    expect(mapAppearance(undefined)).toEqual({
      mapAtOnce: false,
      placement: true,
      locateAtOnce: false,
      hideInput: false,
    });
  });

  it('maps: the map at once with the device location found at once, nothing placed by hand', () => {
    expect(mapAppearance('maps')).toEqual({
      mapAtOnce: true,
      placement: false,
      locateAtOnce: true,
      hideInput: false,
    });
  });

  it('placement-map: the map at once, placed by hand, no location before it is asked for', () => {
    expect(mapAppearance('placement-map')).toEqual({
      mapAtOnce: true,
      placement: true,
      locateAtOnce: false,
      hideInput: false,
    });
    // Both words (as some forms have them): placement wins, as in Collect.
    expect(mapAppearance('maps placement-map')).toMatchObject({ placement: true, locateAtOnce: false });
  });

  it('hide-input: the map only', () => {
    expect(mapAppearance('hide-input')).toEqual({
      mapAtOnce: true,
      placement: true,
      locateAtOnce: false,
      hideInput: true,
    });
    expect(mapAppearance('maps hide-input')).toMatchObject({ placement: false, hideInput: true });
  });
});
