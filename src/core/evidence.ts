/**
 * Verdicts only from evidence. Every sentence on the page that names a winner ("Fastest"), says a
 * run froze or stayed smooth, or fits Amdahl's law is decided here, from the spread of repeated
 * runs and from how the page behaved while idle. When the evidence does not separate the
 * candidates, these functions say so ("too close to call", "the machine is busy") instead.
 */
import { formatMs, median } from './stats.js';
import { count } from './words.js';

/** The middle and the extremes of repeated measurements. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

/** Median, min and max of the finite values; `n` counts them. All NaN (and n = 0) for none. */
export function spreadOf(values: readonly number[]): Spread {
  const ok = values.filter((v) => Number.isFinite(v));
  if (!ok.length) return { median: NaN, min: NaN, max: NaN, n: 0 };
  return { median: median(ok), min: Math.min(...ok), max: Math.max(...ok), n: ok.length };
}

/** "1.20–1.31 s" when both ends share a unit, else "950 ms–1.02 s". */
function rangeText(lo: string, hi: string): string {
  const cut = (s: string): [string, string] => {
    const i = s.lastIndexOf(' ');
    return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i)];
  };
  const [a, unitA] = cut(lo);
  const [b, unitB] = cut(hi);
  return unitA === unitB ? `${a}–${b}${unitA}` : `${lo}–${hi}`;
}

/** "1.23 s (1.20–1.31 s, 3 runs)"; "1.23 s (1 run)"; "no runs". */
export function formatSpread(s: Spread, format: (ms: number) => string = formatMs): string {
  if (s.n === 0) return 'no runs';
  if (s.n === 1) return `${format(s.median)} (1 run)`;
  const lo = format(s.min);
  const hi = format(s.max);
  return lo === hi ? `${format(s.median)} (${s.n} runs, all ${lo})` : `${format(s.median)} (${rangeText(lo, hi)}, ${s.n} runs)`;
}

/** The value at or below which a share `p` (0…1) of the values lie (nearest rank); NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
}

/** "A", "A and B", "A, B and C". */
export function listText(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

export interface Group {
  readonly label: string;
  readonly ms: readonly number[];
}

/** Which group is fastest, only when the evidence separates it from every other group. */
export type Ranking =
  | { readonly kind: 'fastest'; readonly label: string; readonly next: string; readonly ratio: number /* next median ÷ fastest median */ }
  | { readonly kind: 'too-close'; readonly labels: readonly string[] /* the groups that cannot be told apart from the fastest */ }
  | { readonly kind: 'too-few'; readonly needed: number /* repeats needed per group */ };

/**
 * Repeats each group needs before a winner is named. Three, not two: if two settings are in
 * truth equally fast, two runs of each still fall into separate ranges one time in three by
 * chance alone (and one time in five under the rule below); with three runs each that happens
 * about one time in twenty, while a real 10% difference over 3% noise is still found almost
 * every time.
 */
export const MIN_REPEATS = 3;

/**
 * Two groups are told apart when their ranges (min–max over the repeats) do not overlap and their
 * medians differ by more than the wider of the two ranges: the difference must exceed how much
 * the runs themselves vary.
 */
export function separated(a: Spread, b: Spread): boolean {
  if (a.n === 0 || b.n === 0) return false;
  const overlap = a.min <= b.max && b.min <= a.max;
  return !overlap && Math.abs(a.median - b.median) > Math.max(a.max - a.min, b.max - b.min);
}

/**
 * The fastest group (lowest median) is named only when it is separated from every other group;
 * otherwise 'too-close' lists it with every group it cannot be told apart from. Groups with no
 * finite sample are ignored. With fewer than two groups left there is nothing to compare, which
 * is reported as 'too-close' with the one label (or none). Every group needs MIN_REPEATS finite
 * samples, else 'too-few'.
 */
export function rank(groups: readonly Group[]): Ranking {
  const rows = groups.map((g) => ({ label: g.label, s: spreadOf(g.ms) })).filter((r) => r.s.n > 0);
  if (rows.length < 2) return { kind: 'too-close', labels: rows.map((r) => r.label) };
  if (rows.some((r) => r.s.n < MIN_REPEATS)) return { kind: 'too-few', needed: MIN_REPEATS };
  const [best, ...rest] = [...rows].sort((a, b) => a.s.median - b.s.median);
  const next = rest[0];
  if (!best || !next) return { kind: 'too-close', labels: rows.map((r) => r.label) };
  const close = rest.filter((r) => !separated(best.s, r.s));
  if (close.length) return { kind: 'too-close', labels: [best, ...close].map((r) => r.label) };
  return { kind: 'fastest', label: best.label, next: next.label, ratio: next.s.median / best.s.median };
}

/** The ranking as a sentence for the page. */
export function rankingText(r: Ranking): string {
  switch (r.kind) {
    case 'fastest':
      return `Fastest: ${r.label}, ${r.ratio.toFixed(2)}× faster than ${r.next}.`;
    case 'too-few':
      return `Run each at least ${count(r.needed, 'time')} to tell which is fastest.`;
    case 'too-close': {
      const [only] = r.labels;
      if (r.labels.length === 0) return 'Nothing to compare yet.';
      if (r.labels.length === 1) return `Only ${only ?? ''} was measured, so there is nothing to compare it with.`;
      return `Too close to call: the runs of ${listText(r.labels)} vary more than they differ.`;
    }
  }
}

/** One frame at 60 Hz, in ms. */
export const FRAME_MS = 1000 / 60;
/** Idle waits for a frame needed to judge the machine: one and a half seconds of the meter's probes. */
export const MIN_IDLE_GAPS = 30;
/**
 * A quiet page draws nearly every frame on time, and a frame missed now and then makes a gap of
 * two frames. When more than one idle gap in ten is longer than two frames, something else is
 * using the processor, and the page's own timings cannot be trusted to mean what they seem.
 */
export const BUSY_FRAMES = 2;

/** Is the machine quiet enough to judge? From frame gaps (ms) the page measured while idle (no run). */
export interface MachineCheck {
  readonly busy: boolean;
  readonly text: string;
  /** 90th percentile of the idle gaps, when enough were measured. */
  readonly idleP90Ms?: number;
}

/** What to assume when the idle page was not measured: not known to be busy, no idle baseline. */
export const UNMEASURED: MachineCheck = {
  busy: false,
  text: 'The page’s idle frames were not measured, so late frames are judged against fixed limits only.',
};

/** Busy when too few idle gaps were measured to tell, or when their 90th percentile exceeds BUSY_FRAMES frames. */
export function machineCheck(idleGapsMs: readonly number[], frameMs: number = FRAME_MS): MachineCheck {
  const gaps = idleGapsMs.filter((g) => Number.isFinite(g) && g >= 0);
  if (gaps.length < MIN_IDLE_GAPS) {
    return {
      busy: true,
      text: `Only ${gaps.length} idle frame${gaps.length === 1 ? ' was' : 's were'} measured, too few to tell whether the machine is quiet, so verdicts are withheld.`,
    };
  }
  const p90 = percentile(gaps, 0.9);
  if (p90 > BUSY_FRAMES * frameMs) {
    return {
      busy: true,
      idleP90Ms: p90,
      text: `The page’s own frames were late while idle (90% within ${formatMs(p90)}): the machine is busy, so verdicts are withheld.`,
    };
  }
  return {
    busy: false,
    idleP90Ms: p90,
    text: `The page’s own frames were on time while idle (90% within ${formatMs(p90)}): the machine is quiet enough to judge.`,
  };
}

export type Smoothness = 'froze' | 'smooth' | 'unclear';

/** Longest gap that still counts as smooth: three frames at 60 Hz, the 50 ms of a "long task". */
export const SMOOTH_MS = 50;
/** Shortest gap that can count as a freeze: a quarter of a second, when anyone sees the ball stop. */
export const FREEZE_MS = 250;
/** A freeze must also be this many times the idle page's 90th-percentile gap, so the machine alone cannot explain it. */
export const FREEZE_FACTOR = 4;

/**
 * "The page stayed smooth" when no gap between frames passed SMOOTH_MS: a busy machine only adds
 * lateness, so smoothness under load is still smoothness. "The page froze" only when the longest
 * gap reached FREEZE_MS and FREEZE_FACTOR × the idle 90th percentile. Without an idle baseline
 * FREEZE_MS alone decides, unless the check said busy (too few idle frames): then no freeze is
 * called. Anything between is 'unclear', and says whether the machine was busy.
 */
export function smoothness(longestGapMs: number, idle: MachineCheck): { readonly verdict: Smoothness; readonly text: string } {
  if (!Number.isFinite(longestGapMs)) return { verdict: 'unclear', text: 'No frames were measured during this run.' };
  if (longestGapMs <= SMOOTH_MS) return { verdict: 'smooth', text: `The page stayed smooth: every frame came within ${SMOOTH_MS} ms.` };
  const p90 = idle.idleP90Ms;
  const known = p90 !== undefined && Number.isFinite(p90);
  const gap = formatMs(longestGapMs);
  if (longestGapMs >= FREEZE_MS && (known ? longestGapMs >= FREEZE_FACTOR * p90 : !idle.busy)) {
    const baseline = known ? `, where the idle page’s frames came 9 in 10 within ${formatMs(p90)}` : '';
    return { verdict: 'froze', text: `The page froze. No frame was drawn for ${gap}${baseline}.` };
  }
  const late = known ? `the page’s own frames were late even while idle (90% within ${formatMs(p90)})` : '';
  if (longestGapMs < FREEZE_MS) {
    const note = !idle.busy
      ? ''
      : known
        ? ` The machine is busy as well: ${late}.`
        : ' Too few idle frames were measured to tell whether the machine is busy.';
    return {
      verdict: 'unclear',
      text: `Some frames were late (no frame for ${gap}): not smooth, but short of a freeze (${FREEZE_MS} ms).${note}`,
    };
  }
  const why = !known
    ? 'too few idle frames were measured to rule out a busy machine'
    : idle.busy
      ? `${late}: the machine is busy`
      : `that is less than ${FREEZE_FACTOR} times the idle page’s lateness (90% within ${formatMs(p90)})`;
  return { verdict: 'unclear', text: `Some frames were late (no frame for ${gap}), but ${why}, so this run cannot be called a freeze.` };
}
