/**
 * "Compare modes": every mode on the same photo and filter, the pool with one worker and with
 * one per core, in interleaved rounds. What the page may conclude from them is decided here,
 * from the spread of the rounds (see evidence.ts), never from a single run.
 */
import {
  formatSpread,
  listText,
  machineCheck,
  rank,
  rankingText,
  separated,
  smoothness,
  spreadOf,
  type MachineCheck,
  type Spread,
} from './evidence.js';
import { describeSpec } from './filters.js';
import { KERNELS } from './kernel-choice.js';
import { MODES, RUN_MODES, type ModeInfo } from './modes.js';
import type { RunRecord, RunSettings } from './record.js';
import { formatMs, formatShare } from './stats.js';
import { count } from './words.js';

/** Rounds the comparison runs, each configuration once per round. */
export const COMPARE_ROUNDS = 3;

export interface CompareConfig {
  /** "Blocking", "Parallel ×2": how the page names the configuration. */
  readonly label: string;
  readonly change: Pick<RunSettings, 'mode' | 'workers'>;
}

/** Each mode on the page's thread once; the pool with one worker and with one per core (once, on one core). Last offered first. */
export function compareConfigs(cores: number): CompareConfig[] {
  const out: CompareConfig[] = [];
  // The page's own thread first, then the pool: the order the lesson tells it.
  for (const mode of [...RUN_MODES].reverse()) {
    const counts = MODES[mode].usesPageThread ? [1] : [...new Set([1, Math.max(1, cores)])];
    for (const workers of counts) {
      const label = MODES[mode].usesPageThread ? MODES[mode].label : `${MODES[mode].label} ×${workers}`;
      // A page-thread mode ignores the worker count; given the cores, Auto picks every mode the same tiles.
      out.push({ label, change: { mode, workers: MODES[mode].usesPageThread ? Math.max(1, cores) : workers } });
    }
  }
  return out;
}

export interface CompareRow {
  readonly label: string;
  readonly mode: RunSettings['mode'];
  readonly workers: number;
  /** Each round's wall time, and their spread. */
  readonly wallMs: readonly number[];
  readonly wall: Spread;
  /** Each round's longest wait for a frame, and the share of its thread the page's own frames took. */
  readonly frameGap: Spread;
  readonly pageBusy: Spread;
  readonly runs: number;
}

export interface CompareResult {
  readonly kind: 'compare';
  /** What was compared: "Median r=3px on lake.jpg". */
  readonly subject: string;
  readonly cores: number;
  readonly rows: readonly CompareRow[];
  /** The idle page's frames, measured before the first round: is the machine quiet enough to judge? */
  readonly machine: MachineCheck;
  /** Were all finished runs' pixels identical? */
  readonly identical: boolean;
}

export function compareResult(
  byLabel: ReadonlyMap<string, readonly RunRecord[]>,
  cores: number,
  idleGapsMs: readonly number[],
): CompareResult {
  const rows: CompareRow[] = [];
  const digests = new Set<string>();
  let subject = '';
  for (const [label, records] of byLabel) {
    const done = records.filter((r) => r.outcome === 'done');
    const first = done[0];
    if (!first) continue;
    subject ||= `${describeSpec(first.settings.filter)} on ${first.photo.name} with the ${KERNELS[first.settings.kernel].label} kernels`;
    for (const r of done) if (r.digest) digests.add(r.digest);
    rows.push({
      label,
      mode: first.settings.mode,
      workers: first.settings.workers,
      wallMs: done.map((r) => r.wallMs),
      wall: spreadOf(done.map((r) => r.wallMs)),
      frameGap: spreadOf(done.map((r) => r.longestFrameGapMs)),
      pageBusy: spreadOf(done.map((r) => r.pageBusyShare)),
      runs: done.length,
    });
  }
  return { kind: 'compare', subject, cores, rows, machine: machineCheck(idleGapsMs), identical: digests.size <= 1 };
}

/** How many times faster `fast` is than `slow`: the medians' ratio, and the range the rounds allow. */
export function ratioRange(slow: Spread, fast: Spread): { median: number; low: number; high: number } {
  return { median: slow.median / fast.median, low: slow.min / fast.max, high: slow.max / fast.min };
}

const times = (r: { median: number; low: number; high: number }): string =>
  `${r.median.toFixed(2)}× (${r.low.toFixed(2)}–${r.high.toFixed(2)}× across the rounds)`;

/**
 * One sentence on a pair: how `a` compares with `b` when the rounds separate them (with `why`
 * when `a` came out faster, as the lesson expects), "too close to call" with `close` when not.
 */
function pair(a: CompareRow, b: CompareRow, why: string, close: string): string {
  if (!separated(a.wall, b.wall)) return `${a.label} and ${b.label}: too close to call (their rounds vary more than they differ). ${close}`;
  const x = ratioRange(b.wall, a.wall);
  if (x.median >= 1) return `${a.label} ran ${times(x)} as fast as ${b.label}${why ? `: ${why}` : ''}.`;
  return `${a.label} took ${times(ratioRange(a.wall, b.wall))} as long as ${b.label}.`;
}

/** The verdicts under the chart, each from evidence or saying why there is none. */
export function compareVerdicts(r: CompareResult): string[] {
  const out: string[] = [];
  // On a busy machine the rounds measure the neighbours as much as the modes: no verdict on speed.
  if (r.machine.busy) out.push(r.machine.text);
  else out.push(...speedVerdicts(r));
  out.push(responsiveness(r));
  const parallel = r.rows.filter((x) => !MODES[x.mode].usesPageThread && Number.isFinite(x.pageBusy.median));
  if (parallel.length)
    out.push(
      `While the workers filtered, the page’s own frames (tiles, timeline, meter) took ${listText(parallel.map((x) => `${formatShare(x.pageBusy.median)} of its thread (${x.label})`))}.`,
    );
  out.push(
    r.identical
      ? 'Every run gave identical pixels (SHA-256).'
      : 'The runs did not all give the same pixels: that is a bug, please report it.',
  );
  return out;
}

/** Which configuration is fastest, and the three comparisons the lesson is about, each from evidence. */
function speedVerdicts(r: CompareResult): string[] {
  const find = (pred: (row: CompareRow, mode: ModeInfo) => boolean): CompareRow | undefined => r.rows.find((x) => pred(x, MODES[x.mode]));
  const blocking = find((_, m) => m.usesPageThread && !m.yieldsToPage);
  const concurrent = find((_, m) => m.usesPageThread && m.yieldsToPage);
  const one = find((x, m) => !m.usesPageThread && x.workers === 1);
  const many = find((x, m) => !m.usesPageThread && x.workers > 1);
  const out: string[] = [];
  out.push(rankingText(rank(r.rows.map((x) => ({ label: x.label, ms: x.wallMs })))));
  if (many && blocking)
    out.push(
      pair(
        many,
        blocking,
        `${count(many.workers, 'core')} filtered tiles at the same time (ideal: ${many.workers}×)`,
        'More cores did not show here; a busy machine or a very light filter can hide them.',
      ),
    );
  if (one && blocking) out.push(pair(one, blocking, '', 'The rounds cannot tell one worker from the page’s own thread.'));
  if (concurrent && blocking)
    out.push(pair(concurrent, blocking, '', 'The rounds cannot tell what stopping every slice to let the page draw costs.'));
  return out;
}

/** Which modes froze the page and which kept it smooth, from each mode's typical (median) longest frame gap. */
function responsiveness(r: CompareResult): string {
  const by = new Map<string, string[]>();
  for (const row of r.rows) {
    const v = smoothness(row.frameGap.median, r.machine).verdict;
    by.set(v, [...(by.get(v) ?? []), `${row.label} (${formatMs(row.frameGap.median)})`]);
  }
  const parts: string[] = [];
  const froze = by.get('froze');
  const smooth = by.get('smooth');
  const unclear = by.get('unclear');
  if (froze) parts.push(`${listText(froze)} froze the page`);
  if (smooth) parts.push(`${listText(smooth)} kept it smooth`);
  if (unclear) parts.push(`${listText(unclear)} had late frames, short of a clear freeze`);
  return `Longest wait for a frame, typical round: ${parts.join('; ')}.`;
}

/** The whole result as one paragraph, for screen readers and tests. */
export function compareSummary(r: CompareResult): string {
  const measured = r.rows.map((x) => `${x.label} ${formatSpread(x.wall)}`).join('; ');
  return `${r.subject}, measured (median, fastest–slowest round): ${measured}. ${compareVerdicts(r).join(' ')}`;
}
