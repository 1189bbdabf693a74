/**
 * ODK's accuracy parameters of a geopoint question, in metres (XLSForm `parameters` column):
 * - `capture-accuracy=5`: a position is accepted on its own once its accuracy is at or below 5 m; until
 *   then the device keeps listening and the agent may keep the best position so far;
 * - `warning-accuracy=20`: a position less accurate than 20 m is kept, with a warning.
 * `allow-mock-accuracy` (Collect's guard against mock-location apps) has no browser equivalent: a web page
 * cannot tell a mocked position from a real one, so it is read and has no effect.
 * A value that is not a positive number is ignored here (the converter reports it).
 */
export interface AccuracyThresholds {
  capture?: number;
  warning?: number;
}

/** Metres, when the text is a positive number (Number('') is 0, Number(undefined) NaN: neither is). */
const metres = (text: string | undefined) => {
  const n = Number(text);
  return n > 0 ? n : undefined;
};

export function accuracyThresholds(parameters: Record<string, string> | undefined): AccuracyThresholds {
  return {
    capture: metres(parameters?.['capture-accuracy']),
    warning: metres(parameters?.['warning-accuracy']),
  };
}

/** A position is accepted at once without `capture-accuracy`, otherwise once it is that accurate. */
export const acceptsPosition = (accuracy: number, capture: number | undefined): boolean =>
  accuracy <= (capture ?? Infinity);

/** Warn about a position less accurate than `warning-accuracy` (an unknown accuracy is not warned about). */
export const warnsAbout = (accuracy: number | undefined, warning: number | undefined): boolean =>
  (accuracy ?? 0) > (warning ?? Infinity);
