/**
 * Sizes as a person reads them, and the size a photo is downscaled to. One rule for every place
 * that prints megapixels or megabytes, so "0.46 MP" never shows as "0 MP" somewhere else.
 */

/**
 * Millions of something with sensible decimals: whole numbers from 10 ("12", "100"), two
 * significant digits below, without trailing zeros ("4.8", "0.46", "0.077", "2"), and "< 0.01" for what would read as zero.
 */
export function formatMillions(n: number): string {
  const m = n / 1e6;
  if (!Number.isFinite(m)) return '–';
  if (m === 0) return '0';
  if (m < 0.01) return '< 0.01';
  // Two significant digits, without trailing zeros ("1", not "1.0"); 9.96 becomes 10, a whole number.
  const two = Number(m.toPrecision(2));
  return String(two >= 10 ? Math.round(m) : two);
}

/** "12 MP", "0.46 MP" for a photo of `width` × `height` pixels. */
export const formatMegapixels = (width: number, height: number): string => `${formatMillions(width * height)} MP`;

/** "4.8 MB", "0.46 MB", "120 MB" for a count of bytes (decimal megabytes, as file sizes are shown). */
export const formatMegabytes = (bytes: number): string => `${formatMillions(bytes)} MB`;

export interface Limits {
  /** Longest side allowed, in pixels. */
  readonly side: number;
  /** Most pixels allowed. */
  readonly pixels: number;
}

/**
 * The largest size with (as nearly as whole pixels allow) the same aspect that fits `limits`.
 * The limiting side comes out exactly at its limit (a floating-point product such as
 * 65534.99999 is not floored to one pixel less), the other side is rounded to the nearest pixel,
 * and a pixel budget that rounding overstepped is given back a row or column at a time.
 */
export function fitInside(width: number, height: number, limits: Limits): { width: number; height: number } {
  if (width <= limits.side && height <= limits.side && width * height <= limits.pixels) return { width, height };
  const scale = Math.min(limits.side / width, limits.side / height, Math.sqrt(limits.pixels / (width * height)));
  const side = (n: number): number => Math.min(limits.side, Math.max(1, Math.round(n * scale)));
  let w = side(width);
  let h = side(height);
  while (w * h > limits.pixels && (w > 1 || h > 1)) {
    if ((w > 1 && w / h >= width / height) || h === 1) w--;
    else h--;
  }
  return { width: w, height: h };
}
