import type { EpochMs, FilterSpec, MemoryModel, Ms, Rect, RunMode, Span } from './types.js';
import type { Schedule } from './run-tables.js';
import { describeSpec } from './filters.js';
import type { KernelChoice } from './kernel-choice.js';
import { MODES } from './modes.js';
import type { CompareResult } from './compare.js';
import type { ExperimentResults } from './experiments.js';

export interface PhotoInfo {
  /** Identifies the photo within this session (same photo, same key). */
  readonly key: string;
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** Time to decode the file into RGBA pixels. */
  readonly decodeMs: Ms;
}

export interface RunSettings {
  readonly filter: FilterSpec;
  readonly mode: RunMode;
  readonly memory: MemoryModel;
  /** Threads that filtered: the pool size in parallel mode, else 1 (the main thread). */
  readonly workers: number;
  /** How each tile is computed: JavaScript or WebAssembly SIMD (same bytes, different time). */
  readonly kernel: KernelChoice;
  readonly tileSize: number;
  readonly schedule: Schedule;
  /** Filter only inside this rectangle (the scheduling experiment's spotlight); null: everywhere. */
  readonly region: Rect | null;
}

export type RunOutcome = 'done' | 'cancelled' | 'failed';

/** What happened in one run: the truth behind every chart and every export. */
export interface RunRecord {
  readonly id: number;
  readonly photo: PhotoInfo;
  readonly settings: RunSettings;
  readonly outcome: RunOutcome;
  readonly error?: string;
  readonly tiles: number;
  readonly tilesDone: number;
  readonly startedAt: EpochMs;
  /** From the first tile handed out to the last one written. */
  readonly wallMs: Ms;
  /** Copying the result out of shared memory and hashing it; not part of wallMs. */
  readonly readbackMs: Ms;
  /** Longest main-thread task seen during the run (Long Tasks API, or measured slices). */
  readonly longestTaskMs: Ms;
  /** Sum of the main-thread long tasks during the run. */
  readonly longTaskTotalMs: Ms;
  /** Longest time the page made a frame wait during the run (the meter's probes, and long animation frames). */
  readonly longestFrameGapMs: Ms;
  /** Frames the page could not draw during the run (at 60 Hz), counted from the long waits: at least this many. */
  readonly droppedFrames: number;
  /**
   * Share of the wall time the page's own thread spent on the frames the page asked for during
   * the run (drawing tiles, the timeline, the meter's probes; their style, layout and paint), 0…1:
   * at least the page's cost, since work outside those frames is not counted. Filtering is not.
   */
  readonly pageBusyShare: number;
  /** Main-thread slices the run was cut into (concurrent mode), else 0. */
  readonly slices: number;
  readonly spans: readonly Span[];
  /** SHA-256 of the output RGBA pixels, hex; null if the run did not finish. */
  readonly digest: string | null;
  /** Bytes copied between threads (message passing), else 0. */
  readonly bytesCopied: number;
  /** Workers that failed during the run, in words; the run still finished if outcome is 'done'. */
  readonly faults: readonly string[];
}

/** What decides a run's output: photo, filter and spotlight. Runs that share it must give the same digest, whatever the mode. */
export const outputKey = (photoKey: string, s: Pick<RunSettings, 'filter' | 'region'>): string =>
  `${photoKey}|${JSON.stringify(s.filter)}|${JSON.stringify(s.region)}`;

export const agreementKey = (r: RunRecord): string => outputKey(r.photo.key, r.settings);

export interface Agreement {
  readonly key: string;
  readonly photo: string;
  readonly filter: string;
  readonly runs: number;
  readonly digests: readonly string[];
  readonly agree: boolean;
}

/** For each photo and filter with finished runs: do all their outputs match? */
export function agreements(records: readonly RunRecord[]): Agreement[] {
  const groups = new Map<string, { first: RunRecord; runs: number; digests: Set<string> }>();
  for (const r of records) {
    if (r.digest === null) continue;
    const k = agreementKey(r);
    const g = groups.get(k) ?? { first: r, runs: 0, digests: new Set<string>() };
    g.runs++;
    g.digests.add(r.digest);
    groups.set(k, g);
  }
  return [...groups].map(([key, { first, runs, digests }]) => {
    const { filter, region } = first.settings;
    const where = region ? ` in a ${region.w}×${region.h} px spotlight` : '';
    return {
      key,
      photo: first.photo.name,
      filter: `${describeSpec(filter)}${where}`,
      runs,
      digests: [...digests],
      agree: digests.size === 1,
    };
  });
}

/** Short label of a run's threads, e.g. "Parallel ×4" or "Blocking". */
export function runLabel(s: RunSettings): string {
  const { label, usesPageThread } = MODES[s.mode];
  if (usesPageThread) return label;
  return `${label} ×${s.workers}${s.memory === 'message' ? ' (messages)' : ''}`;
}

/** The machine a class member ran on, as the browser reports it: what makes results comparable. */
export interface DeviceInfo {
  /** `navigator.hardwareConcurrency`: logical cores the browser reports (it may round or cap them). */
  readonly cores: number;
  /** Browser name and version, e.g. "Chrome 131". */
  readonly browser: string;
  /** Operating system, where the browser says. */
  readonly platform: string;
  /** Could the WebAssembly SIMD kernels run? */
  readonly simd: boolean;
}

export type { ExperimentResults } from './experiments.js';

export const EXPORT_FORMAT = 'tilelab-results';
export const EXPORT_VERSION = 2;

/**
 * A JSON export: the device, every run, and the latest experiment results. Version 1 was the bare
 * list of runs; readers accept both.
 */
export interface ResultsExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly exportedAt: string;
  readonly device: DeviceInfo;
  readonly runs: readonly RunRecord[];
  readonly experiments: ExperimentResults;
  readonly compare: CompareResult | null;
}

export const resultsExport = (
  device: DeviceInfo,
  runs: readonly RunRecord[],
  experiments: ExperimentResults,
  compare: CompareResult | null,
  now: Date,
): ResultsExport => ({
  format: EXPORT_FORMAT,
  version: EXPORT_VERSION,
  exportedAt: now.toISOString(),
  device,
  runs,
  experiments,
  compare,
});

export const CSV_COLUMNS = [
  'id',
  'photo',
  'width',
  'height',
  'filter',
  'mode',
  'memory',
  'workers',
  'kernel',
  'tile_size',
  'schedule',
  'region',
  'outcome',
  'tiles',
  'tiles_done',
  'decode_ms',
  'wall_ms',
  'readback_ms',
  'longest_task_ms',
  'long_task_total_ms',
  'longest_frame_gap_ms',
  'dropped_frames',
  'page_busy_pct',
  'slices',
  'bytes_copied',
  'digest',
  'started_at',
  'device_cores',
  'browser',
  'platform',
  'simd',
] as const;

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (photo names come from users)
 * gets a leading apostrophe, as OWASP advises; numbers are written as they are.
 */
export const csvCell = (v: string | number | null): string => {
  const raw = v === null ? '' : String(v);
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** One line per run, with a header and the device on every line (so class files can be pasted together); spans are left to the JSON export. */
export function recordsToCsv(records: readonly RunRecord[], device: DeviceInfo | null = null): string {
  const machine = device ? [device.cores, device.browser, device.platform, device.simd ? 'yes' : 'no'] : ['', '', '', ''];
  const rows = records.map((r) =>
    [
      r.id,
      r.photo.name,
      r.photo.width,
      r.photo.height,
      describeSpec(r.settings.filter),
      r.settings.mode,
      r.settings.memory,
      r.settings.workers,
      r.settings.kernel,
      r.settings.tileSize,
      r.settings.schedule,
      r.settings.region ? `${r.settings.region.x} ${r.settings.region.y} ${r.settings.region.w} ${r.settings.region.h}` : '',
      r.outcome,
      r.tiles,
      r.tilesDone,
      round2(r.photo.decodeMs),
      round2(r.wallMs),
      round2(r.readbackMs),
      round2(r.longestTaskMs),
      round2(r.longTaskTotalMs),
      round2(r.longestFrameGapMs),
      r.droppedFrames,
      round2(r.pageBusyShare * 100),
      r.slices,
      r.bytesCopied,
      r.digest,
      new Date(r.startedAt).toISOString(),
      ...machine,
    ]
      .map(csvCell)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\n') + '\n';
}
