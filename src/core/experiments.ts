import { fitAmdahl, type AmdahlFit } from './amdahl.js';
import { idleShare, laneStats, type LaneStats } from './lanes.js';
import type { RaceResult } from './race.js';
import type { RunRecord } from './record.js';
import { median } from './stats.js';

export const EXPERIMENTS = ['cores', 'tiles', 'schedule', 'memory', 'race'] as const;
export type Experiment = (typeof EXPERIMENTS)[number];

/** Finished runs only, with their median wall time; the run closest to it stands for the group. */
function summarize(records: readonly RunRecord[]): { medianMs: number; typical: RunRecord | null } {
  const done = records.filter((r) => r.outcome === 'done');
  const m = median(done.map((r) => r.wallMs));
  const typical = done.reduce<RunRecord | null>(
    (best, r) => (!best || Math.abs(r.wallMs - m) < Math.abs(best.wallMs - m) ? r : best),
    null,
  );
  return { medianMs: m, typical };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const msText = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);

export interface CoresPoint {
  readonly workers: number;
  readonly medianMs: number;
  readonly speedup: number;
  readonly runs: number;
}

export interface CoresResult {
  readonly kind: 'cores';
  readonly cores: number;
  readonly points: readonly CoresPoint[];
  /** Amdahl's law fitted to worker counts up to the reported cores. */
  readonly fit: AmdahlFit | null;
}

/** "How many cores?": medians per worker count, speedup against one worker, Amdahl fit. */
export function coresResult(byWorkers: ReadonlyMap<number, readonly RunRecord[]>, cores: number): CoresResult {
  const rows = [...byWorkers].sort((a, b) => a[0] - b[0]).map(([workers, rs]) => ({ workers, ...summarize(rs), runs: rs.length }));
  const base = rows.find((r) => r.workers === 1)?.medianMs ?? NaN;
  const points = rows.map((r) => ({ workers: r.workers, medianMs: r.medianMs, speedup: base / r.medianMs, runs: r.runs }));
  const fit = fitAmdahl(
    points.filter((p) => p.workers <= cores && Number.isFinite(p.medianMs)).map((p) => ({ workers: p.workers, ms: p.medianMs })),
  );
  return { kind: 'cores', cores, points, fit };
}

export function coresSummary(r: CoresResult): string {
  const measured = r.points
    .map((p) => `${p.workers} worker${p.workers === 1 ? '' : 's'} ${msText(p.medianMs)} (${p.speedup.toFixed(2)}×)`)
    .join(', ');
  const fit = r.fit
    ? ` Amdahl's law fitted to 1–${r.cores} workers: serial fraction ${pct(r.fit.serialFraction)}, so no number of workers could make this more than ${Number.isFinite(r.fit.limit) ? `${r.fit.limit.toFixed(1)}×` : 'unboundedly'} faster.`
    : '';
  const over = r.points.some((p) => p.workers > r.cores)
    ? ` Beyond ${r.cores} workers (the cores this device reports) workers take turns on the same cores: oversubscription adds no speed.`
    : '';
  return `Measured: ${measured}.${fit}${over}`;
}

export interface TilesPoint {
  readonly tileSize: number;
  readonly tiles: number;
  readonly medianMs: number;
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
      const { medianMs, typical } = summarize(rs);
      if (!typical) return [];
      const lanes = laneStats(typical.spans, typical.settings.workers, typical.wallMs);
      return [{ tileSize, tiles: typical.tiles, medianMs, idleShare: idleShare(lanes), lanes }];
    });
  return { kind: 'tiles', points };
}

export function tilesSummary(r: TilesResult): string {
  if (!r.points.length) return 'No finished runs.';
  const best = r.points.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
  const parts = r.points.map(
    (p) =>
      `${p.tileSize} px (${p.tiles} tiles) ${msText(p.medianMs)}, lanes idle ${pct(p.idleShare)} (${p.lanes.map((l) => `lane ${l.lane + 1} ${msText(l.idleMs)}`).join(', ')})`,
  );
  return `Measured: ${parts.join('; ')}. Fastest: ${best.tileSize} px tiles. Tiny tiles pay a cost per tile; huge tiles leave lanes idle at the end.`;
}

export interface ScheduleRun {
  readonly schedule: 'static' | 'dynamic';
  readonly medianMs: number;
  readonly typical: RunRecord;
  readonly lanes: readonly LaneStats[];
}

export interface ScheduleResult {
  readonly kind: 'schedule';
  readonly runs: readonly ScheduleRun[];
}

export function scheduleResult(bySchedule: ReadonlyMap<'static' | 'dynamic', readonly RunRecord[]>): ScheduleResult {
  const runs = [...bySchedule].flatMap(([schedule, rs]) => {
    const { medianMs, typical } = summarize(rs);
    return typical ? [{ schedule, medianMs, typical, lanes: laneStats(typical.spans, typical.settings.workers, typical.wallMs) }] : [];
  });
  return { kind: 'schedule', runs };
}

export function scheduleSummary(r: ScheduleResult): string {
  const parts = r.runs.map((s) => {
    const idle = s.lanes.map((l) => `lane ${l.lane + 1} idle ${msText(l.idleMs)}`).join(', ');
    return `${s.schedule} ${msText(s.medianMs)} (${idle})`;
  });
  return `Measured: ${parts.join('; ')}.`;
}

export interface MemoryRun {
  readonly memory: 'shared' | 'message';
  readonly medianMs: number;
  readonly bytesCopied: number;
}

export interface MemoryResult {
  readonly kind: 'memory';
  readonly runs: readonly MemoryRun[];
}

export function memoryResult(byMemory: ReadonlyMap<'shared' | 'message', readonly RunRecord[]>): MemoryResult {
  const runs = [...byMemory].flatMap(([memory, rs]) => {
    const { medianMs, typical } = summarize(rs);
    return typical ? [{ memory, medianMs, bytesCopied: typical.bytesCopied }] : [];
  });
  return { kind: 'memory', runs };
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

export function memorySummary(r: MemoryResult): string {
  return `Measured: ${r.runs.map((m) => `${m.memory === 'shared' ? 'shared memory' : 'message passing'} ${msText(m.medianMs)}, ${mb(m.bytesCopied)} copied`).join('; ')}.`;
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
  return `Expected ${expected.toLocaleString('en')} (one per pixel). With plain ++ the ${r.workers} workers counted ${plain.join(', ')}; with Atomics.add ${exact ? 'exactly the expected total every time' : 'a different total, which should never happen'}.`;
}

export type ExperimentResult = CoresResult | TilesResult | ScheduleResult | MemoryResult | RaceExperiment;
