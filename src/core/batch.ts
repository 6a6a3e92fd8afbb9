/**
 * A batch of photos through five stages, read → decode → filter → encode → save, one lane per
 * stage. The stages are injected, so this file decides only *when* each one runs: one photo at a
 * time ("One after another"), or overlapped ("Pipelined": photo k+1 is read and decoded while
 * photo k is filtered and photo k−1 is encoded and saved). Each stage keeps to one photo at a time
 * and to the queue's order in both schedules; only how many photos may be between read and save
 * differs. Pure: no DOM, no timers; the clock is injected.
 */
import { messageOf } from './errors.js';
import type { EpochMs, Ms } from './types.js';
import { epochMs, ms } from './types.js';

export const STAGES = ['read', 'decode', 'filter', 'encode', 'save'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  read: 'Read',
  decode: 'Decode',
  filter: 'Filter',
  encode: 'Encode',
  save: 'Save',
};

export type BatchSchedule = 'sequential' | 'pipelined';

export const SCHEDULE_LABELS: Readonly<Record<BatchSchedule, string>> = {
  sequential: 'One after another',
  pipelined: 'Pipelined',
};

/**
 * Photos a pipelined batch may hold between the start of their read and the end of their save:
 * one being read or decoded, one being filtered, one being encoded or saved. More would only
 * queue in front of the slowest stage (each stage takes one photo at a time) while holding its
 * pixels, so this is the backpressure that bounds memory (see `batchMemoryBytes`).
 */
export const MAX_IN_FLIGHT = 3;

/**
 * Bytes a photo holds while in flight, per pixel: its decoded RGBA and the filtered RGBA (4 + 4),
 * in a kernel memory the batch hands on to the photo after next, so a batch reserves only as many
 * as it has photos in flight.
 */
export const BYTES_PER_PIXEL_IN_FLIGHT = 8;

/**
 * Bytes per pixel of the work under way at any moment, whatever the number in flight: the photo
 * being decoded (the decoder's bitmap, the canvas its pixels are read through, and the read-back
 * strips until the decode worker's collector frees them: 4 + 4 + 4) and the photo being encoded
 * (its canvas, and the copy of it the encoder takes: 4 + 4). Each canvas is shrunk as soon as its
 * photo is through.
 */
export const BYTES_PER_PIXEL_WORKING = 20;

/**
 * The memory a batch of photos this size holds at most, whatever the number of photos: the planes
 * of `inFlight` photos, one decode and one encode (a 12 MP photo: 3 × 96 + 240 = 528 MB pipelined,
 * 336 MB one after another). The files' bytes and the saved output (a ZIP grows with the batch)
 * come on top. `npm run bench:batch` measures it against batches of different lengths.
 */
export const batchMemoryBytes = (width: number, height: number, inFlight: number = MAX_IN_FLIGHT): number =>
  width * height * (inFlight * BYTES_PER_PIXEL_IN_FLIGHT + BYTES_PER_PIXEL_WORKING);

/** How many photos a schedule lets between read and save. */
export const inFlightLimit = (schedule: BatchSchedule, maxInFlight: number = MAX_IN_FLIGHT): number =>
  schedule === 'sequential' ? 1 : Math.max(1, Math.floor(maxInFlight));

/** One stage of one photo, on the batch's clock. */
export interface BatchSpan {
  /** The photo's place in the batch, from 0. */
  readonly photo: number;
  readonly stage: Stage;
  readonly start: EpochMs;
  readonly end: EpochMs;
}

/**
 * What a batch needs of its AbortSignal (this part of the code has no DOM types): a real
 * AbortSignal is one, and the stages receive the very object passed in.
 */
export interface SignalLike {
  readonly aborted: boolean;
}

/**
 * The stages of a batch, each given the previous one's output. Each is called for one photo at
 * a time and in the queue's order; `signal` is the batch's, so a stage under way can stop early
 * (the filter stops within a tile). `save` resolves with the name the photo was saved under.
 */
export interface BatchStages<P, R, D, F, E, S extends SignalLike = SignalLike> {
  read(photo: P, index: number, signal: S): Promise<R>;
  decode(read: R, index: number, signal: S): Promise<D>;
  filter(decoded: D, index: number, signal: S): Promise<F>;
  encode(filtered: F, index: number, signal: S): Promise<E>;
  save(encoded: E, index: number, signal: S): Promise<string>;
  /** The photo left the batch (saved, skipped or cancelled): what it still holds may go. */
  left?(index: number): void;
}

/** Where a photo is: waiting for its turn, in a stage, between stages, or finished. */
export type PhotoStatus = 'queued' | Stage | 'waiting' | 'saved' | 'skipped' | 'cancelled';

export interface BatchProgress {
  readonly total: number;
  readonly saved: number;
  readonly skipped: number;
  /** Every photo's status, in the queue's order. */
  readonly status: readonly PhotoStatus[];
  /** From the photos finished so far; null before the first is saved. */
  readonly timeLeftMs: Ms | null;
  readonly elapsedMs: Ms;
  /** The stages under way and when each started, for a live timeline's growing bars. */
  readonly active: readonly ActiveStage[];
}

export interface ActiveStage {
  readonly photo: number;
  readonly stage: Stage;
  readonly start: EpochMs;
}

export interface SavedPhoto {
  readonly index: number;
  /** The photo's own name. */
  readonly photo: string;
  /** What it was saved as. */
  readonly savedAs: string;
}

export interface SkippedPhoto {
  readonly index: number;
  readonly photo: string;
  /** The stage that failed. */
  readonly stage: Stage;
  readonly reason: string;
}

export interface BatchSummary {
  readonly schedule: BatchSchedule;
  readonly maxInFlight: number;
  readonly total: number;
  readonly saved: readonly SavedPhoto[];
  readonly skipped: readonly SkippedPhoto[];
  /** Photos a cancel stopped before they were saved: still in the queue, untouched. */
  readonly unfinished: readonly { readonly index: number; readonly photo: string }[];
  readonly cancelled: boolean;
  readonly spans: readonly BatchSpan[];
  readonly startedAt: EpochMs;
  readonly totalMs: Ms;
  /** Share of the total time each stage was busy, 0…1. */
  readonly busyShare: Readonly<Record<Stage, number>>;
  /** The stage busy longest: the one that limits a pipeline. */
  readonly bottleneck: Stage | null;
  /** Photos saved per minute of the whole batch; 0 if none. */
  readonly photosPerMinute: number;
  /** The most photos that were between read and save at once. */
  readonly peakInFlight: number;
}

export interface BatchOptions<S extends SignalLike = SignalLike> {
  readonly schedule: BatchSchedule;
  /** Pipelined only; sequential is always 1. */
  readonly maxInFlight?: number;
  /** Cancels the batch; handed to every stage. */
  readonly signal: S;
  /** The clock spans are measured on (the page's shared clock, or a test's). */
  readonly now: () => number;
  readonly onProgress?: (p: BatchProgress) => void;
  /** Each stage as it ends, for a live timeline. */
  readonly onSpan?: (s: BatchSpan) => void;
}

/** Time left, from the pace of the photos finished so far; null before any. */
export function timeLeftMs(elapsedMs: number, finished: number, remaining: number): Ms | null {
  if (finished <= 0) return null;
  return ms((elapsedMs / finished) * Math.max(0, remaining));
}

/** Busy time of each stage: the union of its spans, so overlapping spans are not counted twice. */
export function stageBusyMs(spans: readonly BatchSpan[]): Record<Stage, number> {
  const busy = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  for (const stage of STAGES) {
    const own = spans.filter((s) => s.stage === stage).sort((a, b) => a.start - b.start);
    let reach = -Infinity;
    for (const { start, end } of own) {
      const from = Math.max(start, reach);
      if (end > from) busy[stage] += end - from;
      reach = Math.max(reach, end);
    }
  }
  return busy;
}

/** Each stage's busy time as a share of `totalMs`, 0…1 (all 0 for an empty batch). */
export function stageBusyShare(spans: readonly BatchSpan[], totalMs: number): Record<Stage, number> {
  const busy = stageBusyMs(spans);
  return Object.fromEntries(STAGES.map((s) => [s, totalMs > 0 ? busy[s] / totalMs : 0])) as Record<Stage, number>;
}

/**
 * The stage that limits the pipeline: the one busy longest, since every photo must pass it one at
 * a time. Null when nothing ran. Ties go to the later stage, which the others wait on.
 */
export function bottleneck(spans: readonly BatchSpan[]): Stage | null {
  const busy = stageBusyMs(spans);
  let best: Stage | null = null;
  for (const s of STAGES) if (busy[s] > 0 && (best === null || busy[s] >= busy[best])) best = s;
  return best;
}

/** The most photos between the start of their read and the end of their last stage at any instant. */
export function peakInFlight(spans: readonly BatchSpan[]): number {
  const life = new Map<number, { start: number; end: number }>();
  for (const s of spans) {
    const l = life.get(s.photo);
    life.set(s.photo, l ? { start: Math.min(l.start, s.start), end: Math.max(l.end, s.end) } : { start: s.start, end: s.end });
  }
  // Ends sort before starts at the same instant: a photo leaving makes room for the next.
  const events = [...life.values()].flatMap((l) => [
    { at: l.start, d: 1 },
    { at: l.end, d: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.d - b.d);
  let now = 0;
  let peak = 0;
  for (const e of events) peak = Math.max(peak, (now += e.d));
  return peak;
}

/** A promise and the functions that settle it. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Why a photo left the batch early. */
class Stop extends Error {
  constructor(
    readonly kind: 'skipped' | 'cancelled',
    readonly stage: Stage,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Run a batch. Resolves with the summary (never rejects for a photo's failure): a photo whose
 * stage fails is skipped and named with the reason, and the rest go on. On the signal's abort no
 * new stage starts, the stages under way get the abort through the signal, and what was saved
 * stays saved and is reported.
 */
export async function runBatch<P extends { readonly name: string }, R, D, F, E, S extends SignalLike>(
  photos: readonly P[],
  stages: BatchStages<P, R, D, F, E, S>,
  options: BatchOptions<S>,
): Promise<BatchSummary> {
  const { schedule, now, onProgress, onSpan, signal } = options;
  // Read afresh after every await: the compiler would keep a narrowed `signal.aborted` across one.
  const cancelled = (): boolean => signal.aborted;
  const limit = inFlightLimit(schedule, options.maxInFlight);
  const t0 = now();
  const spans: BatchSpan[] = [];
  const status: PhotoStatus[] = photos.map(() => 'queued');
  // A photo is in one stage at a time.
  const active = new Map<number, ActiveStage>();
  const saved: SavedPhoto[] = [];
  const skipped: SkippedPhoto[] = [];

  const report = (): void => {
    const elapsed = now() - t0;
    const finished = status.filter((s) => s === 'saved' || s === 'skipped').length;
    onProgress?.({
      total: photos.length,
      saved: saved.length,
      skipped: skipped.length,
      status: [...status],
      timeLeftMs: timeLeftMs(elapsed, saved.length, photos.length - finished),
      elapsedMs: ms(elapsed),
      active: [...active.values()].sort((a, b) => a.photo - b.photo),
    });
  };

  // Each stage is one lane taking photos in order: photo i enters a stage once photo i−1 left it.
  const laneFree = STAGES.map(() => photos.map(() => deferred()));
  // Photo i may start reading once photo i − limit has left the batch.
  const left = photos.map(() => deferred());

  async function step<I, O>(i: number, stage: Stage, input: I, run: (x: I, i: number, s: S) => Promise<O>): Promise<O> {
    if (cancelled()) throw new Stop('cancelled', stage, 'cancelled');
    status[i] = stage;
    const start = now();
    active.set(i, { photo: i, stage, start: epochMs(start) });
    report();
    let out: O;
    try {
      out = await run(input, i, signal);
    } catch (e) {
      throw cancelled() ? new Stop('cancelled', stage, 'cancelled') : new Stop('skipped', stage, messageOf(e));
    } finally {
      const span = { photo: i, stage, start: epochMs(start), end: epochMs(now()) };
      active.delete(i);
      spans.push(span);
      onSpan?.(span);
    }
    // A stage that finished as the batch was cancelled still counts, unless it was the last.
    if (cancelled() && stage !== 'save') throw new Stop('cancelled', stage, 'cancelled');
    status[i] = 'waiting';
    return out;
  }

  /** Wait for this photo's turn in a stage's lane, run it there, and free the lane for the next photo. */
  async function inLane<I, O>(i: number, k: number, stage: Stage, input: I, run: (x: I, i: number, s: S) => Promise<O>) {
    const lane = laneFree[k];
    await (i > 0 ? lane?.[i - 1]?.promise : undefined);
    try {
      return await step(i, stage, input, run);
    } finally {
      lane?.[i]?.resolve();
    }
  }

  /**
   * Free every lane this photo has not passed, so the photos behind it are not held up; each
   * only once the photo before it has left that lane, so the next photo never overtakes it there.
   */
  const release = (i: number): void => {
    for (const lane of laneFree) {
      const before = i > 0 ? lane[i - 1]?.promise : undefined;
      if (before) void before.then(() => lane[i]?.resolve());
      else lane[i]?.resolve();
    }
    left[i]?.resolve();
  };

  async function one(photo: P, i: number): Promise<void> {
    if (i >= limit) await left[i - limit]?.promise;
    try {
      const r = await inLane(i, 0, 'read', photo, (p, j, s) => stages.read(p, j, s));
      const d = await inLane(i, 1, 'decode', r, (x, j, s) => stages.decode(x, j, s));
      const f = await inLane(i, 2, 'filter', d, (x, j, s) => stages.filter(x, j, s));
      const e = await inLane(i, 3, 'encode', f, (x, j, s) => stages.encode(x, j, s));
      const name = await inLane(i, 4, 'save', e, (x, j, s) => stages.save(x, j, s));
      status[i] = 'saved';
      saved.push({ index: i, photo: photo.name, savedAs: name });
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      status[i] = e.kind;
      if (e.kind === 'skipped') skipped.push({ index: i, photo: photo.name, stage: e.stage, reason: e.reason });
    } finally {
      stages.left?.(i);
      release(i);
      report();
    }
  }

  report();
  await Promise.all(photos.map((p, i) => one(p, i)));
  const totalMs = now() - t0;
  const byIndex = <T extends { index: number }>(xs: T[]): T[] => xs.sort((a, b) => a.index - b.index);
  return {
    schedule,
    maxInFlight: limit,
    total: photos.length,
    saved: byIndex(saved),
    skipped: byIndex(skipped),
    unfinished: photos.flatMap((p, index) =>
      status[index] === 'cancelled' || status[index] === 'queued' ? [{ index, photo: p.name }] : [],
    ),
    cancelled: cancelled(),
    spans: [...spans].sort((a, b) => a.start - b.start || a.photo - b.photo),
    startedAt: epochMs(t0),
    totalMs: ms(totalMs),
    busyShare: stageBusyShare(spans, totalMs),
    bottleneck: bottleneck(spans),
    photosPerMinute: totalMs > 0 ? (saved.length / totalMs) * 60_000 : 0,
    peakInFlight: peakInFlight(spans),
  };
}
