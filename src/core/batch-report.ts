/**
 * What the page shows of a batch, worked out apart from drawing: the lanes of its timeline (the
 * filter stage split into the lanes that filtered), the bars on them, and the caption that
 * reads the two schedules' numbers.
 */
import { STAGE_LABELS, type ActiveStage, type BatchSchedule, type BatchSpan, type BatchSummary, type Stage } from './batch.js';
import { formatMs, formatShare } from './stats.js';
import type { Span } from './types.js';
import { count } from './words.js';

/** One filter lane's share of one photo: from its first tile's start to its last tile's end. */
export interface FilterLaneSpan {
  readonly photo: number;
  readonly lane: number;
  readonly start: number;
  readonly end: number;
}

/** A bar of the batch timeline: a photo in one lane. */
export interface BatchBar {
  readonly lane: number;
  readonly photo: number;
  readonly stage: Stage;
  readonly start: number;
  readonly end: number;
  /** Still going: drawn to `now`, and it grows. */
  readonly underWay?: boolean;
}

/** Each lane's extent within a photo's filter run, from the run's tile spans; lanes that filtered nothing have none. */
export function filterLaneSpans(photo: number, tiles: readonly Span[]): FilterLaneSpan[] {
  const byLane = new Map<number, { start: number; end: number }>();
  for (const t of tiles) {
    const l = byLane.get(t.lane);
    byLane.set(t.lane, l ? { start: Math.min(l.start, t.start), end: Math.max(l.end, t.end) } : { start: t.start, end: t.end });
  }
  return [...byLane.entries()].sort(([a], [b]) => a - b).map(([lane, { start, end }]) => ({ photo, lane, start, end }));
}

/** The timeline's lanes, top to bottom: Read, Decode, one per filter lane, Encode, Save. */
export function batchLaneLabels(filterLanes: number, pageThread: boolean): string[] {
  const n = Math.max(1, Math.round(filterLanes));
  const filter = pageThread
    ? ['Filter: page thread']
    : Array.from({ length: n }, (_, i) => (n === 1 ? 'Filter: worker' : `Filter: worker ${i + 1}`));
  return [STAGE_LABELS.read, STAGE_LABELS.decode, ...filter, STAGE_LABELS.encode, STAGE_LABELS.save];
}

/** A stage's lane when `n` filter lanes sit between Decode and Encode. */
const laneOf = (stage: Stage, n: number): number => ({ read: 0, decode: 1, filter: 2, encode: 2 + n, save: 3 + n })[stage];

/**
 * The bars of a batch timeline. A photo's filter stage is drawn in the lanes that filtered it,
 * from its run's tiles; a photo whose run gave no tiles (it failed first) keeps its stage span
 * in the first filter lane, so every stage that ran is seen.
 */
export function batchBars(spans: readonly BatchSpan[], filterSpans: readonly FilterLaneSpan[], filterLanes: number): BatchBar[] {
  const n = Math.max(1, Math.round(filterLanes));
  const filtered = new Set(filterSpans.map((f) => f.photo));
  const bars: BatchBar[] = [];
  for (const s of spans) {
    if (s.stage === 'filter' && filtered.has(s.photo)) continue;
    bars.push({ lane: laneOf(s.stage, n), photo: s.photo, stage: s.stage, start: s.start, end: s.end });
  }
  for (const f of filterSpans)
    bars.push({ lane: 2 + Math.min(n - 1, Math.max(0, f.lane)), photo: f.photo, stage: 'filter', start: f.start, end: f.end });
  return bars;
}

/**
 * Bars for the stages under way, from their start to `now`. A photo being filtered gets a bar
 * in every filter lane: which lane filters which tile is known only when its run ends.
 */
export function activeBars(active: readonly ActiveStage[], now: number, filterLanes: number): BatchBar[] {
  const n = Math.max(1, Math.round(filterLanes));
  const end = (start: number): number => Math.max(start, now);
  return active.flatMap(({ photo, stage, start }) => {
    const lanes = stage === 'filter' ? Array.from({ length: n }, (_, i) => 2 + i) : [laneOf(stage, n)];
    return lanes.map((lane) => ({ lane, photo, stage, start, end: end(start), underWay: true }));
  });
}

const stageWord = (s: Stage): string => STAGE_LABELS[s].toLowerCase();

/** "reading", "filtering": a stage as the work it does, for sentences. */
export const STAGE_WORK: Readonly<Record<Stage, string>> = {
  read: 'reading',
  decode: 'decoding',
  filter: 'filtering',
  encode: 'encoding',
  save: 'saving',
};

export type BatchRuns = Partial<Record<BatchSchedule, BatchSummary>>;

/** Times faster, to two figures: "1.6×". */
const times = (x: number): string => `${x.toPrecision(2)}×`;

/**
 * Two sentences from the numbers: what overlapping gained (concurrency, which is not computing
 * on more cores), and which stage limits the pipeline. `pageThread`: the filter ran on the
 * page's own thread (the Concurrent or Blocking mode), where the overlap is with the browser's
 * decoding and encoding, off that thread.
 */
export function batchCaption(runs: BatchRuns, pageThread: boolean): string {
  const seq = runs.sequential;
  const pip = runs.pipelined;
  const limiting = pip ?? seq;
  if (!limiting || !limiting.saved.length) return 'No photo was saved, so there is nothing to compare yet.';
  const overlapOn = pageThread
    ? '; with the filter on the page’s one thread, reading, decoding and encoding still overlap with it, since the browser does them off that thread'
    : '';
  let first: string;
  if (seq?.saved.length && pip?.saved.length) {
    const ratio = pip.photosPerMinute / seq.photosPerMinute;
    const gained =
      ratio >= 1.05
        ? `pipelined saved ${times(ratio)} the photos per minute of one after another (${formatMs(pip.totalMs)} against ${formatMs(seq.totalMs)})`
        : `pipelined saved about as many photos per minute as one after another (${formatMs(pip.totalMs)} against ${formatMs(seq.totalMs)}, ${times(ratio)})`;
    first = `Overlapping the waiting stages with computing is concurrency: ${gained}, without a single extra core, which is what parallelism would add${overlapOn}.`;
  } else {
    const which = pip ? 'Pipelined' : 'One after another';
    first = `${which} saved ${count(limiting.saved.length, 'photo')} in ${formatMs(limiting.totalMs)}; compare both schedules to see what overlapping the waiting stages with computing (concurrency, not more cores) gains${overlapOn}.`;
  }
  const b = limiting.bottleneck;
  if (!b) return first;
  const share = formatShare(limiting.busyShare[b]);
  const why =
    b === 'filter'
      ? 'filtering dominates, so overlapping the rest gains little and only more cores (parallelism) or a faster kernel would speed it up'
      : `a pipeline goes no faster than its slowest stage, whatever the cores`;
  const second = `The ${stageWord(b)} stage was busy ${share} of the ${pip ? 'pipelined ' : ''}batch, more than any other, so ${STAGE_WORK[b]} limits the pipeline: ${why}.`;
  return `${first} ${second}`;
}
