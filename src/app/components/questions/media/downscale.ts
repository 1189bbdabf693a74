/**
 * Photos are made smaller on the device before they are stored (GUIDE §2, ODK's `max-pixels`): the long
 * side is brought down to `max-pixels`, keeping the proportions. When the form sets no `max-pixels` we use
 * 2048 px (about 3 Mpx at 4:3, plenty for a survey photo, and a tenth of a 12 Mpx original's bytes).
 */
export const DEFAULT_MAX_PIXELS = 2048;

export function maxPixelsOf(parameters: Record<string, string> | undefined): number {
  const raw = parameters?.['max-pixels'];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_PIXELS;
}

/** The size to draw an image at so that its long side is at most `maxPixels`; never enlarged. */
export function downscaledSize(
  width: number,
  height: number,
  maxPixels: number,
): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= maxPixels || long === 0) return { width, height };
  const scale = maxPixels / long;
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}
