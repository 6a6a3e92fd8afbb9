import { describe, expect, it } from 'vitest';
import { bottleneck, stageBusyShare, type BatchSchedule, type BatchSpan, type BatchSummary, type Stage } from '../../src/core/batch.js';
import { activeBars, batchBars, batchCaption, batchLaneLabels, filterLaneSpans } from '../../src/core/batch-report.js';
import { epochMs, ms, type Span } from '../../src/core/types.js';

const span = (photo: number, stage: Stage, start: number, end: number): BatchSpan => ({
  photo,
  stage,
  start: epochMs(start),
  end: epochMs(end),
});
const tile = (lane: number, tileNo: number, start: number, end: number): Span => ({
  lane,
  tile: tileNo,
  start: epochMs(start),
  end: epochMs(end),
});

/** A summary as runBatch makes it, from spans alone: every photo saved. */
function summary(schedule: BatchSchedule, spans: BatchSpan[], photos: number): BatchSummary {
  const totalMs = Math.max(...spans.map((s) => s.end)) - Math.min(...spans.map((s) => s.start));
  const saved = Array.from({ length: photos }, (_, index) => ({ index, photo: `p${index}.png`, savedAs: `p${index}-grayscale.png` }));
  return {
    schedule,
    maxInFlight: schedule === 'sequential' ? 1 : 3,
    total: photos,
    saved,
    skipped: [],
    unfinished: [],
    cancelled: false,
    spans,
    startedAt: epochMs(0),
    totalMs: ms(totalMs),
    busyShare: stageBusyShare(spans, totalMs),
    bottleneck: bottleneck(spans),
    photosPerMinute: (photos / totalMs) * 60_000,
    peakInFlight: 1,
  };
}

/** Two photos, each stage 10 ms but `slow` 40 ms: one after another, or pipelined so stages overlap. */
function sequential(slow: Stage): BatchSpan[] {
  const stages: Stage[] = ['read', 'decode', 'filter', 'encode', 'save'];
  const out: BatchSpan[] = [];
  let t = 0;
  for (const photo of [0, 1])
    for (const s of stages) {
      const d = s === slow ? 40 : 10;
      out.push(span(photo, s, t, t + d));
      t += d;
    }
  return out;
}

function pipelined(slow: Stage): BatchSpan[] {
  const stages: Stage[] = ['read', 'decode', 'filter', 'encode', 'save'];
  const out: BatchSpan[] = [];
  const free = new Map<Stage, number>();
  for (const photo of [0, 1]) {
    let t = 0;
    for (const s of stages) {
      const d = s === slow ? 40 : 10;
      const start = Math.max(t, free.get(s) ?? 0);
      out.push(span(photo, s, start, start + d));
      free.set(s, start + d);
      t = start + d;
    }
  }
  return out;
}

describe('filterLaneSpans', () => {
  it.each([
    { name: 'no tiles', tiles: [], want: [] },
    { name: 'one lane', tiles: [tile(0, 0, 5, 9), tile(0, 1, 9, 20)], want: [{ photo: 3, lane: 0, start: 5, end: 20 }] },
    {
      name: 'two lanes, out of order',
      tiles: [tile(1, 2, 8, 30), tile(0, 0, 4, 12), tile(1, 1, 6, 8), tile(0, 3, 12, 14)],
      want: [
        { photo: 3, lane: 0, start: 4, end: 14 },
        { photo: 3, lane: 1, start: 6, end: 30 },
      ],
    },
  ])('$name', ({ tiles, want }) => {
    expect(filterLaneSpans(3, tiles)).toEqual(want);
  });
});

describe('batchLaneLabels', () => {
  it.each([
    { lanes: 1, page: true, want: ['Read', 'Decode', 'Filter: page thread', 'Encode', 'Save'] },
    { lanes: 1, page: false, want: ['Read', 'Decode', 'Filter: worker', 'Encode', 'Save'] },
    { lanes: 3, page: false, want: ['Read', 'Decode', 'Filter: worker 1', 'Filter: worker 2', 'Filter: worker 3', 'Encode', 'Save'] },
    { lanes: 0, page: false, want: ['Read', 'Decode', 'Filter: worker', 'Encode', 'Save'] },
  ])('$lanes lanes, page thread $page', ({ lanes, page, want }) => {
    expect(batchLaneLabels(lanes, page)).toEqual(want);
  });
});

describe('batchBars', () => {
  const spans = [span(0, 'read', 0, 1), span(0, 'filter', 2, 10), span(0, 'save', 11, 12), span(1, 'filter', 10, 11)];
  it('puts each stage in its lane and splits a filtered photo into the lanes that filtered it', () => {
    const bars = batchBars(spans, filterLaneSpans(0, [tile(0, 0, 2, 6), tile(1, 1, 3, 9)]), 2);
    expect(bars.map((b) => [b.photo, b.stage, b.lane, b.start, b.end])).toEqual([
      [0, 'read', 0, 0, 1],
      [0, 'save', 5, 11, 12],
      // Photo 1's run gave no tiles: its stage span stays, in the first filter lane.
      [1, 'filter', 2, 10, 11],
      [0, 'filter', 2, 2, 6],
      [0, 'filter', 3, 3, 9],
    ]);
  });
  it('keeps a lane the record names beyond the lanes drawn in the last filter lane', () => {
    const bars = batchBars([span(0, 'filter', 0, 5)], [{ photo: 0, lane: 4, start: 0, end: 5 }], 2);
    expect(bars).toEqual([{ photo: 0, stage: 'filter', lane: 3, start: 0, end: 5 }]);
  });
});

describe('activeBars', () => {
  it.each([
    { name: 'nothing under way', active: [], want: [] },
    { name: 'a read grows to now', active: [{ photo: 1, stage: 'read' as const, start: epochMs(40) }], want: [[1, 'read', 0, 40, 100]] },
    {
      name: 'a filter under way fills every filter lane; a save sits after them',
      active: [
        { photo: 0, stage: 'save' as const, start: epochMs(90) },
        { photo: 1, stage: 'filter' as const, start: epochMs(60) },
      ],
      want: [
        [0, 'save', 5, 90, 100],
        [1, 'filter', 2, 60, 100],
        [1, 'filter', 3, 60, 100],
      ],
    },
    {
      name: 'a clock behind the start draws nothing backwards',
      active: [{ photo: 2, stage: 'encode' as const, start: epochMs(120) }],
      want: [[2, 'encode', 4, 120, 120]],
    },
  ])('$name', ({ active, want }) => {
    const bars = activeBars(active, 100, 2);
    expect(bars.map((b) => [b.photo, b.stage, b.lane, b.start, b.end])).toEqual(want);
    expect(bars.every((b) => b.underWay)).toBe(true);
  });
});

describe('batchCaption', () => {
  it.each<{ name: string; slow: Stage; page: boolean; has: string[]; not: string[] }>([
    {
      name: 'decode dominates: pipelining gains, decoding limits',
      slow: 'decode',
      page: false,
      has: [
        'concurrency',
        '1.3× the photos per minute',
        '120 ms against 160 ms',
        'without a single extra core',
        'decoding limits the pipeline',
        'slowest stage',
      ],
      not: ['page’s one thread'],
    },
    {
      name: 'filter dominates: the caption says why the gain is small',
      slow: 'filter',
      page: true,
      has: [
        'filtering limits the pipeline',
        'only more cores (parallelism)',
        'page’s one thread',
        'reading, decoding and encoding still overlap',
      ],
      not: [],
    },
  ])('$name', ({ slow, page, has, not }) => {
    const runs = { sequential: summary('sequential', sequential(slow), 2), pipelined: summary('pipelined', pipelined(slow), 2) };
    const text = batchCaption(runs, page);
    for (const h of has) expect(text).toContain(h);
    for (const n of not) expect(text).not.toContain(n);
    // Two sentences: the gain, and the stage that limits.
    expect(text.split(/(?<=\.) /)).toHaveLength(2);
  });

  it('about the same throughput is said as such', () => {
    const same = sequential('filter');
    const text = batchCaption({ sequential: summary('sequential', same, 2), pipelined: summary('pipelined', same, 2) }, false);
    expect(text).toContain('about as many photos per minute');
  });

  it('one schedule alone asks for the comparison', () => {
    expect(batchCaption({ pipelined: summary('pipelined', pipelined('encode'), 2) }, false)).toMatch(
      /^Pipelined saved 2 photos in .*compare both schedules/,
    );
  });

  it('nothing saved says so', () => {
    const s = { ...summary('pipelined', pipelined('read'), 2), saved: [] };
    expect(batchCaption({ pipelined: s }, false)).toBe('No photo was saved, so there is nothing to compare yet.');
  });
});
