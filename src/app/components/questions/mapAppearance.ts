/**
 * ODK's appearances of geo questions, as ODK Collect reads them:
 * - geopoint with no appearance: the device's location (or typed coordinates); the map on demand;
 * - `maps`: a map shows at once, with the device's location, found at once (no point placed by hand);
 * - `placement-map`: a map shows at once; the agent places the point by hand, or asks for the location
 *   (nothing located before they ask);
 * - `hide-input`: the map only, without the coordinate fields (a point is still placed, moved and read out
 *   without a pointer: see MapWidgets.tsx);
 * - geotrace and geoshape: always on a map, as in Collect.
 */
export interface MapAppearance {
  /** The map shows with the question (not only on demand). */
  mapAtOnce: boolean;
  /** The point may be placed by hand on the map. */
  placement: boolean;
  /** The device's location is asked for when the question shows with no answer. */
  locateAtOnce: boolean;
  /** No coordinate fields. */
  hideInput: boolean;
}

export function mapAppearance(appearance: string | undefined): MapAppearance {
  const words = (appearance ?? '').split(/\s+/);
  const maps = words.includes('maps');
  const placementMap = words.includes('placement-map');
  const hideInput = words.includes('hide-input');
  return {
    mapAtOnce: maps || placementMap || hideInput,
    placement: placementMap || !maps,
    locateAtOnce: maps && !placementMap,
    hideInput,
  };
}
