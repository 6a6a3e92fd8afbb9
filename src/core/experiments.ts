import { AMDAHL_MIN_COUNTS, fitAmdahl, serialFractionBounds, type AmdahlFit } from './amdahl.js';
import { MIN_REPEATS, rank, rankingText, separated, spreadOf, type Group, type Spread } from './evidence.js';
import { idleShare, laneStats, type LaneStats } from './lanes.js';
import type { RaceResult } from './race.js';
import type { RunRecord } from './record.js';
import { median } from './stats.js';
import { count } from './words.js';
import type { SimdResult } from './simd-experiment.js';
import { formatMegabytes as mb } from './sizes.js';

export const EXPERIMENTS = ['cores', 'tiles', 'schedule', 'memory', 'race', 'simd'] as const;
export type Experiment = (typeof EXPERIMENTS)[number];

/** Finished runs only: their wall times and median; the run closest to the median stands for the group. */
function summarize(records: readonly RunRecord[]): { medianMs: number; samplesMs: number[]; typical: RunRecord | null } {
  const done = records.filter((r) => r.outcome === 'done');
  const samplesMs = done.map((r) => r.wallMs);
  const m = median(samplesMs);
  const typical = done.reduce<RunRecord | null>(
    (best, r) => (!best || Math.abs(r.wallMs - m) < Math.abs(best.wallMs - m) ? r : best),
    null,
  );
  return { medianMs: m, samplesMs, typical };
}

/** " Fastest: …" or " Too close to call: …" over the repeats; nothing when there is only one group. */
const verdict = (groups: readonly Group[]): string => (groups.length < 2 ? '' : ` ${rankingText(rank(groups))}`);

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const msText = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);

export interface CoresPoint {
  readonly workers: number;
  readonly medianMs: number;
  /** Fastest and slowest of the finished repeats. */
  readonly minMs: number;
  readonly maxMs: number;
  /** Median one-worker time ÷ median time here. */
  readonly speedup: number;
  /** The speedup's range over the repeats: slowest here against the fastest one-worker run, and the other way round. */
  readonly speedupLow: number;
  readonly speedupHigh: number;
  /** Finished runs. */
  readonly runs: number;
}

export interface CoresResult {
  readonly kind: 'cores';
  readonly cores: number;
  readonly points: readonly CoresPoint[];
  /** Amdahl's law fitted to worker counts up to the reported cores; null with fewer than AMDAHL_MIN_COUNTS of them. */
  readonly fit: AmdahlFit | null;
  /** How far the fitted serial fraction moves within the spread of the repeats; null without a fit. */
  readonly serialBounds: { readonly low: number; readonly high: number } | null;
}

/** "How many cores?": medians and spreads per worker count, speedup against one worker, Amdahl fit. */
export function coresResult(byWorkers: ReadonlyMap<number, readonly RunRecord[]>, cores: number): CoresResult {
  const rows = [...byWorkers].sort((a, b) => a[0] - b[0]).map(([workers, rs]) => ({ workers, ...spreadOf(summarize(rs).samplesMs) }));
  const base = rows.find((r) => r.workers === 1) ?? spreadOf([]);
  const points = rows.map((r) => ({
    workers: r.workers,
    medianMs: r.median,
    minMs: r.min,
    maxMs: r.max,
    speedup: base.median / r.median,
    speedupLow: base.min / r.max,
    speedupHigh: base.max / r.min,
    runs: r.n,
  }));
  const within = points.filter((p) => p.workers <= cores && Number.isFinite(p.medianMs));
  const fit = within.length >= AMDAHL_MIN_COUNTS ? fitAmdahl(within.map((p) => ({ workers: p.workers, ms: p.medianMs }))) : null;
  return { kind: 'cores', cores, points, fit, serialBounds: fit ? serialFractionBounds(within) : null };
}

/** Serial fractions below this (0.1%) print as 0.0%: the smallest a summary will name. */
const RESOLUTION = 0.001;
const times = (x: number): string => `${x >= 100 ? Math.round(x) : x.toFixed(1)}×`;

function fitText(workers: number, f: number, b: { readonly low: number; readonly high: number }): string {
  const head = `Amdahl's law fitted to 1–${count(workers, 'worker')}:`;
  if (b.low < RESOLUTION || f < RESOLUTION) {
    const below = Math.max(b.high, RESOLUTION);
    return `${head} the serial fraction is too small to measure here (below ${pct(below)}), so the speedup limit is at least ${times(1 / below)} and these runs cannot say how much higher.`;
  }
  const same = pct(b.low) === pct(b.high);
  const range = same ? '' : ` (${pct(b.low)}–${pct(b.high)} within the spread of the repeats)`;
  const limits = same ? '' : ` (${times(1 / b.high)}–${times(1 / b.low)} across that spread)`;
  return `${head} serial fraction ${pct(f)}${range}, so no number of workers could make this more than ${times(1 / f)} faster${limits}.`;
}

const countWord = (n: number): string => ['one', 'two', 'three', 'four', 'five'][n - 1] ?? String(n);

const spreadAt = (p: CoresPoint): Spread => ({ median: p.medianMs, min: p.minMs, max: p.maxMs, n: p.runs });

/**
 * What two worker counts (one and N) can show: the speedup with its spread and, with MIN_REPEATS
 * runs of each, whether N workers were told apart from one (`separated`, as for "Fastest") and
 * whether the range of speedups reaches the ideal N×. Not the serial fraction.
 */
function twoCountsText(top: CoresPoint, base: CoresPoint, cores: number): string {
  const n = top.workers;
  const range =
    top.runs > 1 && base.runs > 1
      ? ` (${top.speedupLow.toFixed(2)}–${top.speedupHigh.toFixed(2)}× across the repeats)`
      : ' (too few repeats to show its spread)';
  const ideal = top.speedupHigh < n ? 'short of the ideal' : top.speedupLow > n ? 'beyond the ideal' : 'as close to the ideal';
  const exact = top.speedupHigh < n || top.speedupLow > n ? '' : ' as the repeats can tell';
  const judged =
    top.runs < MIN_REPEATS || base.runs < MIN_REPEATS
      ? ''
      : !separated(spreadAt(base), spreadAt(top))
        ? ': not clearly faster than one worker, because the repeats vary more than that'
        : top.medianMs < base.medianMs
          ? `: clearly faster than one worker, and ${ideal} ${n}×${exact}`
          : ': clearly slower than one worker';
  return `On ${count(n, 'worker')} this ran ${top.speedup.toFixed(2)}× as fast as on one${range}${judged}. Two worker counts cannot separate the serial part from the parallel part: Amdahl's law needs at least ${countWord(AMDAHL_MIN_COUNTS)} worker counts within the cores (this device reports ${cores}), so no serial fraction or speedup limit is given. On a computer with more cores this experiment can measure them.`;
}

function coresVerdict(r: CoresResult): string {
  const within = r.points.filter((p) => p.workers <= r.cores && Number.isFinite(p.medianMs));
  const top = within.at(-1);
  if (r.fit && r.serialBounds && top) return fitText(top.workers, r.fit.serialFraction, r.serialBounds);
  const base = within.find((p) => p.workers === 1);
  if (!base || !top) return 'No one-worker run finished, so there is no speedup to report.';
  if (top.workers === 1)
    return `This device reports ${count(r.cores, 'core')}, so no two workers run at once here: there is no speedup to measure and nothing to fit Amdahl's law to.`;
  return twoCountsText(top, base, r.cores);
}

export function coresSummary(r: CoresResult): string {
  const measured = r.points.map((p) => `${count(p.workers, 'worker')} ${msText(p.medianMs)} (${p.speedup.toFixed(2)}×)`).join(', ');
  const over = r.points.some((p) => p.workers > r.cores)
    ? ` Beyond ${r.cores} workers (the cores this device reports) workers take turns on the same cores: oversubscription adds no speed.`
    : '';
  return `Measured: ${measured}. ${coresVerdict(r)}${over}`;
}

export interface TilesPoint {
  readonly tileSize: number;
  readonly tiles: number;
  readonly medianMs: number;
  /** Wall times of the finished repeats. */
  readonly samplesMs: readonly number[];
  readonly idleShare: number;
  readonly lanes: readonly LaneStats[];
}

export interface TilesResult {
  readonly kind: 'tiles';
  readonly points: readonly TilesPoint[];
}

export function tilesResult(bySize: ReadonlyMap<number, readonly RunRecord[]>): TilesResult {
  const points = [...bySize]
    .sort((a, b) => a[0] - b[0])
    .flatMap(([tileSize, rs]) => {
      const { medianMs, samplesMs, typical } = summarize(rs);
      if (!typical) return [];
      const lanes = laneStats(typical.spans, typical.settings.workers, typical.wallMs);
      return [{ tileSize, tiles: typical.tiles, medianMs, samplesMs, idleShare: idleShare(lanes), lanes }];
    });
  return { kind: 'tiles', points };
}

export function tilesSummary(r: TilesResult): string {
  if (!r.points.length) return 'No finished runs.';
  const ranking = verdict(r.points.map((p) => ({ label: `${p.tileSize} px tiles`, ms: p.samplesMs })));
  const parts = r.points.map(
    (p) =>
      `${p.tileSize} px (${count(p.tiles, 'tile')}) ${msText(p.medianMs)}, lanes idle ${pct(p.idleShare)} (${p.lanes.map((l) => `lane ${l.lane + 1} ${msText(l.idleMs)}`).join(', ')})`,
  );
  return `Measured: ${parts.join('; ')}.${ranking} Tiny tiles pay a cost per tile; huge tiles leave lanes idle at the end.`;
}

export interface ScheduleRun {
  readonly schedule: 'static' | 'dynamic';
  readonly medianMs: number;
  /** Wall times of the finished repeats. */
  readonly samplesMs: readonly number[];
  readonly typical: RunRecord;
  readonly lanes: readonly LaneStats[];
}

export interface ScheduleResult {
  readonly kind: 'schedule';
  readonly runs: readonly ScheduleRun[];
}

export function scheduleResult(bySchedule: ReadonlyMap<'static' | 'dynamic', readonly RunRecord[]>): ScheduleResult {
  const runs = [...bySchedule].flatMap(([schedule, rs]) => {
    const { medianMs, samplesMs, typical } = summarize(rs);
    return typical
      ? [{ schedule, medianMs, samplesMs, typical, lanes: laneStats(typical.spans, typical.settings.workers, typical.wallMs) }]
      : [];
  });
  return { kind: 'schedule', runs };
}

export function scheduleSummary(r: ScheduleResult): string {
  const parts = r.runs.map((s) => {
    const idle = s.lanes.map((l) => `lane ${l.lane + 1} idle ${msText(l.idleMs)}`).join(', ');
    return `${s.schedule} ${msText(s.medianMs)} (${idle})`;
  });
  const region = r.runs[0]?.typical.settings.region;
  const where = region ? ` Both schedules filtered in a ${region.w}×${region.h} px spotlight at ${region.x}, ${region.y}.` : '';
  return `Measured: ${parts.join('; ')}.${verdict(r.runs.map((s) => ({ label: `${s.schedule} scheduling`, ms: s.samplesMs })))}${where}`;
}

export interface MemoryRun {
  readonly memory: 'shared' | 'message';
  readonly medianMs: number;
  /** Wall times of the finished repeats. */
  readonly samplesMs: readonly number[];
  readonly bytesCopied: number;
}

export interface MemoryResult {
  readonly kind: 'memory';
  readonly runs: readonly MemoryRun[];
}

export function memoryResult(byMemory: ReadonlyMap<'shared' | 'message', readonly RunRecord[]>): MemoryResult {
  const runs = [...byMemory].flatMap(([memory, rs]) => {
    const { medianMs, samplesMs, typical } = summarize(rs);
    return typical ? [{ memory, medianMs, samplesMs, bytesCopied: typical.bytesCopied }] : [];
  });
  return { kind: 'memory', runs };
}

const memoryLabel = (m: MemoryRun): string => (m.memory === 'shared' ? 'shared memory' : 'message passing');

export function memorySummary(r: MemoryResult): string {
  const ranking = verdict(r.runs.map((m) => ({ label: memoryLabel(m), ms: m.samplesMs })));
  return `Measured: ${r.runs.map((m) => `${memoryLabel(m)} ${msText(m.medianMs)}, ${mb(m.bytesCopied)} copied`).join('; ')}.${ranking}`;
}

export interface RaceRound {
  readonly plain: RaceResult;
  readonly atomic: RaceResult;
}

export interface RaceExperiment {
  readonly kind: 'race';
  readonly workers: number;
  readonly rounds: readonly RaceRound[];
}

export function raceSummary(r: RaceExperiment): string {
  const first = r.rounds[0];
  if (!first) return 'No rounds yet.';
  const expected = first.plain.expected;
  const plain = r.rounds.map((x) => x.plain.counted.toLocaleString('en'));
  const exact = r.rounds.every((x) => x.atomic.counted === expected);
  return `Expected ${expected.toLocaleString('en')} (one per pixel). With plain ++ the ${count(r.workers, 'worker')} counted ${plain.join(', ')}; with Atomics.add ${exact ? 'exactly the expected total every time' : 'a different total, which should never happen'}.`;
}

export type ExperimentResult = CoresResult | TilesResult | ScheduleResult | MemoryResult | RaceExperiment | SimdResult;

/** The latest finished result of each experiment, by kind. */
export type ExperimentResults = { readonly [K in ExperimentResult['kind']]?: Extract<ExperimentResult, { kind: K }> };
