/**
 * Amdahl's law: with a serial fraction f, n workers take T(n) = T₁·(f + (1 − f)/n), so the
 * speedup can never pass 1/f. Fitting T(n) = a + b/n by least squares gives f = a/(a + b).
 */
export interface Timing {
  readonly workers: number;
  readonly ms: number;
}

export interface AmdahlFit {
  /** Serial fraction, 0…1. */
  readonly serialFraction: number;
  /** Fitted time on one worker. */
  readonly t1: number;
  /** Largest speedup the fit allows with unlimited workers (Infinity when f = 0). */
  readonly limit: number;
  /** Points used: one per worker count. */
  readonly points: number;
}

/** Predicted time for n workers under a fit. */
export const amdahlTime = (fit: AmdahlFit, n: number): number => fit.t1 * (fit.serialFraction + (1 - fit.serialFraction) / n);

/** Predicted speedup for n workers under a fit. */
export const amdahlSpeedup = (fit: AmdahlFit, n: number): number => 1 / (fit.serialFraction + (1 - fit.serialFraction) / n);

/**
 * Worker counts a fit shown on the page needs. Two counts always fit exactly (two unknowns, two
 * points), so they cannot show whether the law describes the runs at all, and every 1% of noise
 * in the two-worker time moves the serial fraction by 2 points. A third count is the first that
 * can disagree with the curve.
 */
export const AMDAHL_MIN_COUNTS = 3;

/**
 * Fit Amdahl's law to timings (several per worker count are fine). Null when fewer than two
 * worker counts were measured: one point cannot separate the serial part from the parallel one.
 * Callers that report the fit should ask for AMDAHL_MIN_COUNTS.
 */
export function fitAmdahl(timings: readonly Timing[]): AmdahlFit | null {
  const pts = timings.filter((t) => t.workers >= 1 && Number.isFinite(t.ms) && t.ms > 0);
  const counts = new Set(pts.map((t) => t.workers));
  if (counts.size < 2) return null;
  const xs = pts.map((t) => 1 / t.workers);
  const ys = pts.map((t) => t.ms);
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  let sxy = 0,
    sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += ((xs[i] ?? 0) - mx) * ((ys[i] ?? 0) - my);
    sxx += ((xs[i] ?? 0) - mx) ** 2;
  }
  let b = sxy / sxx;
  let a = my - b * mx;
  // Keep the fit physical: neither part may be negative.
  if (a < 0) {
    a = 0;
    b = pts.reduce((s, t) => s + t.ms / t.workers, 0) / pts.reduce((s, t) => s + 1 / t.workers ** 2, 0);
  }
  if (b < 0) {
    b = 0;
    a = my;
  }
  const t1 = a + b;
  const f = t1 > 0 ? a / t1 : 0;
  return { serialFraction: f, t1, limit: f > 0 ? 1 / f : Infinity, points: counts.size };
}

/** A worker count's repeats: the fastest and the slowest. */
export interface TimingRange {
  readonly workers: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/**
 * How far the serial fraction can move within the spread of the repeats: the fit repeated with
 * the fewest workers at the slow end of their range and every other count at the fast end (the
 * most favourable case, `low`), and the other way round (`high`). Null when there is no fit.
 */
export function serialFractionBounds(ranges: readonly TimingRange[]): { readonly low: number; readonly high: number } | null {
  const fewest = Math.min(...ranges.map((r) => r.workers));
  const at = (slowFirst: boolean): AmdahlFit | null =>
    fitAmdahl(ranges.map((r) => ({ workers: r.workers, ms: (r.workers === fewest) === slowFirst ? r.maxMs : r.minMs })));
  const low = at(true);
  const high = at(false);
  return low && high
    ? { low: Math.min(low.serialFraction, high.serialFraction), high: Math.max(low.serialFraction, high.serialFraction) }
    : null;
}
