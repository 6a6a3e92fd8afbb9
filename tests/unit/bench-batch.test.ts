import { describe, expect, it } from 'vitest';
import type { BatchSchedule, Stage } from '../../src/core/batch.js';
import { defaultSpec } from '../../src/core/filters.js';
import { ms } from '../../src/core/types.js';
import {
  batchMarkdown,
  batchTargets,
  commonBottleneck,
  formatSpread,
  parseBatchArgs,
  pipelineCeiling,
  ratiosByRound,
  scheduleOrder,
  spread,
  summarizeFilter,
  whySentence,
  type BatchRun,
  heldBytes,
  LENGTH_SLACK,
  memoryTargets,
  type MemoryRun,
} from '../../bench/batch-plan.js';

const shares = (read: number, decode: number, filter: number, encode: number, save: number): Record<Stage, number> => ({
  read,
  decode,
  filter,
  encode,
  save,
});

const run = (
  round: number,
  schedule: BatchSchedule,
  totalMs: number,
  busy = shares(0, 0.3, 0.1, 0.5, 0.1),
  bottleneck: Stage = 'encode',
): BatchRun => ({
  round,
  schedule,
  totalMs: ms(totalMs),
  photosPerMinute: (10 / totalMs) * 60_000,
  busyShare: busy,
  bottleneck,
  peakInFlight: schedule === 'sequential' ? 1 : 3,
  saved: 10,
  savedBytes: 20_000_000,
  filterRunMs: 50,
  readbackMs: 40,
});

describe('bench:batch options', () => {
  it('defaults to the issue: 3 rounds of 10 photos, grayscale and median r=3, memory batches of 10 and 50 into a ZIP', () => {
    const o = parseBatchArgs([]);
    expect(o).toMatchObject({ rounds: 3, photos: 10, memoryPhotos: [10, 50], memorySinks: ['zip'], out: 'bench/batch-results' });
    expect(o.filters).toEqual([defaultSpec('grayscale'), defaultSpec('median')]);
    expect(o.filters[1]).toEqual({ kind: 'median', radius: 3 });
  });

  it.each([
    [['--rounds', '1', '--photos', '4', '--memory-photos', '6'], { rounds: 1, photos: 4, memoryPhotos: [6] }],
    [['--memory-photos', '50,20,50'], { memoryPhotos: [20, 50] }],
    [['--memory-photos', '0'], { memoryPhotos: [] }],
    [['--memory-sinks', 'count,zip'], { memorySinks: ['count', 'zip'] }],
    [['--memory-sinks', 'count,count'], { memorySinks: ['count'] }],
    [['--port', '5262', '--out', 'x/y'], { port: 5262, out: 'x/y' }],
    [['--note', 'loaded machine'], { note: 'loaded machine' }],
  ])('reads %j', (argv, expected) => {
    expect(parseBatchArgs(argv)).toMatchObject(expected);
  });

  it.each([
    [['--rounds', '0'], '--rounds wants a whole number ≥ 1'],
    [['--photos', '2.5'], '--photos wants a whole number ≥ 1'],
    [['--memory-photos', 'all'], '--memory-photos wants a whole number ≥ 0'],
    [['--memory-sinks', 'disk'], '--memory-sinks wants count, zip or both'],
    [['--filters', 'nope'], 'no filter "nope"'],
    [['--repeats', '3'], "Unknown option '--repeats'"],
  ])('refuses %j', (argv, message) => {
    expect(() => parseBatchArgs(argv)).toThrow(message);
  });
});

describe('bench:batch figures', () => {
  it('swaps the schedules every round', () => {
    expect([0, 1, 2].map(scheduleOrder)).toEqual([
      ['sequential', 'pipelined'],
      ['pipelined', 'sequential'],
      ['sequential', 'pipelined'],
    ]);
  });

  it('takes the ratio within each round, and skips a round missing a schedule', () => {
    const runs = [
      run(0, 'sequential', 10_000),
      run(0, 'pipelined', 5_000),
      run(1, 'pipelined', 8_000),
      run(1, 'sequential', 10_000),
      run(2, 'sequential', 1),
    ];
    expect(ratiosByRound(runs)).toEqual([2, 1.25]);
  });

  it.each([
    [[3, 1, 2], { median: 2, min: 1, max: 3 }],
    [[4], { median: 4, min: 4, max: 4 }],
    [[], { median: NaN, min: NaN, max: NaN }],
  ])('spreads %j', (values, expected) => {
    expect(spread(values)).toEqual(expected);
  });

  it.each([
    [{ median: 1.62, min: 1.55, max: 1.7 }, '1.62× (1.55×–1.70×)'],
    [{ median: 1.5, min: 1.5, max: 1.5 }, '1.50×'],
  ])('formats %j', (s, text) => {
    expect(formatSpread(s, (x) => `${x.toFixed(2)}×`)).toBe(text);
  });

  it.each([
    // All stages equal: five stages in the time of one.
    [shares(0.2, 0.2, 0.2, 0.2, 0.2), 5],
    // The filter at 80% caps the gain at 1.25×.
    [shares(0, 0.1, 0.8, 0.1, 0), 1.25],
    [shares(0.05, 0.3, 0.1, 0.5, 0.05), 2],
  ])('a pipeline of stages %j gains at most %f×', (s, ceiling) => {
    expect(pipelineCeiling(s)).toBeCloseTo(ceiling, 10);
  });

  it('has no ceiling for a batch in which nothing ran', () => {
    expect(pipelineCeiling(shares(0, 0, 0, 0, 0))).toBeNaN();
  });

  it.each([
    [['encode', 'encode', 'decode'], 'encode'],
    [['decode', 'encode'], 'encode'],
    [['filter', null, null], 'filter'],
    [[null], null],
  ] as const)('the most common bottleneck of %j is %s', (stages, expected) => {
    expect(commonBottleneck(stages)).toBe(expected);
  });

  it('summarizes a filter: medians, the ratio, the ceiling from the one-after-another shares', () => {
    const grey = defaultSpec('grayscale');
    const f = summarizeFilter(
      grey,
      [
        run(0, 'sequential', 10_000, shares(0, 0.3, 0.1, 0.5, 0.1)),
        run(0, 'pipelined', 5_000, shares(0, 0.6, 0.2, 0.95, 0.2)),
        run(1, 'pipelined', 6_000, shares(0, 0.5, 0.2, 0.9, 0.2)),
        run(1, 'sequential', 9_000, shares(0, 0.3, 0.1, 0.5, 0.1)),
      ],
      true,
    );
    expect(f.ratio).toEqual({ median: 1.75, min: 1.5, max: 2 });
    expect(f.ceiling).toBe(2);
    expect(f.schedules.map((s) => [s.schedule, s.totalMs.median, s.peakInFlight])).toEqual([
      ['sequential', 9_500, 1],
      ['pipelined', 5_500, 3],
    ]);
    expect(f.schedules[1]?.busyShare.encode).toBeCloseTo(0.925, 10);
    expect(batchTargets([f]).map((t) => t.holds)).toEqual([true, true]);
    expect(whySentence(f, 2)).toContain('pipelined reaches 1.75×');
  });

  it('says why a filtering-bound batch stays near 1×, and holds grayscale alone to the 1.5× target', () => {
    const median = defaultSpec('median');
    const filterBound = shares(0, 0.05, 0.85, 0.08, 0.02);
    const f = summarizeFilter(
      median,
      [run(0, 'sequential', 10_000, filterBound, 'filter'), run(0, 'pipelined', 9_000, shares(0, 0.06, 0.95, 0.09, 0.02), 'filter')],
      true,
    );
    expect(whySentence(f, 2)).toMatch(
      /filter takes 85% .* close to 1× because filtering dominates: the filter already runs on all 2 cores/,
    );
    expect(batchTargets([f]).map((t) => t.target)).toEqual([
      'Median r=3px: both schedules give the same SHA-256 per photo and the same files',
    ]);
    const grey = summarizeFilter(defaultSpec('grayscale'), [run(0, 'sequential', 10_000), run(0, 'pipelined', 8_000)], false);
    expect(batchTargets([grey]).map((t) => t.holds)).toEqual([false, false]);
  });

  it('writes the tables with every filter, schedule and memory batch', () => {
    const grey = summarizeFilter(defaultSpec('grayscale'), [run(0, 'sequential', 10_000), run(0, 'pipelined', 5_000)], true);
    const memory = memoryRun({ sink: 'count', photos: 50, peakBytes: 2 ** 30 + 300 * 2 ** 20 });
    const md = batchMarkdown({
      command: 'npm run bench:batch',
      machineLine: 'Machine: test',
      loadLine: 'Load: test',
      note: 'Another benchmark ran meanwhile.',
      cores: 2,
      settingsLine: 'Batch: test',
      rounds: 1,
      photos: 10,
      filters: [grey],
      memory: [memory],
    });
    expect(md).toContain('**Note:** Another benchmark ran meanwhile.');
    expect(md).toContain('| Grayscale ×=1 | One after another | 10.0 s | 60.0 | 0% | 30% | 10% | 50% | 10% | encode | 1 |');
    expect(md).toContain('| Grayscale ×=1 | Pipelined | 5.00 s | 120.0 |');
    expect(md).toContain('| Grayscale ×=1 | 2.00× | 2.00× | yes |');
    expect(md).toContain(
      '| 50 × 12 MP | Grayscale ×=1 | counting (keeps nothing) | 20.0 s | 1.00 GiB | 1.29 GiB | 300 MiB | 300 MiB | 458 MiB | 0.66× | – / 1.00 GiB | 100 MiB | 3 |',
    );
    expect(md).toContain('| 50 photos (counting): peak − baseline − output ≤ stated 458 MiB | 300 MiB (0.66×) | yes |');
  });
});

/** A memory batch of 12 MP photos, 480 MB stated, 1 GiB baseline; what a test sets on top. */
function memoryRun(over: Partial<MemoryRun> & Pick<MemoryRun, 'sink' | 'photos' | 'peakBytes'>): MemoryRun {
  return {
    filter: defaultSpec('grayscale'),
    baselineBytes: 2 ** 30,
    samples: 400,
    processes: 7,
    baselinePssBytes: null,
    finalPssBytes: 2 ** 30,
    totalMs: 20_000,
    saved: over.photos,
    savedBytes: 100 * 2 ** 20,
    peakInFlight: 3,
    statedBytes: 480_000_000,
    inFlightLimit: 3,
    ...over,
  };
}

describe('bench:batch memory targets', () => {
  const MiB = 2 ** 20;
  const at = (sink: MemoryRun['sink'], photos: number, held: number): MemoryRun =>
    memoryRun({ sink, photos, peakBytes: 2 ** 30 + held * MiB + (sink === 'zip' ? 100 * MiB : 0) });

  it('leaves the ZIP, which grows with the batch, out of what a batch holds', () => {
    expect(heldBytes(at('zip', 50, 400))).toBe(400 * MiB);
    expect(heldBytes(at('count', 50, 400))).toBe(400 * MiB);
  });

  it('holds when every batch is within the stated amount and the longest holds no more than the shortest', () => {
    const t = memoryTargets([at('zip', 10, 400), at('zip', 50, 420)]);
    expect(t.map((x) => x.holds)).toEqual([true, true, true]);
    expect(t[2]?.target).toBe('ZIP: 50 photos hold no more than 10 (≤ 1.15×, output aside)');
    expect(t[2]?.value).toBe('420 MiB vs 400 MiB (1.05×)');
  });

  it('misses when a batch holds more than stated, or memory grows with the number of photos', () => {
    const t = memoryTargets([at('count', 10, 300), at('count', 50, 600)]);
    expect(t.map((x) => x.holds)).toEqual([true, false, false]);
    expect(t[1]?.value).toBe('600 MiB (1.31×)');
  });

  it('compares lengths per sink, and needs two lengths to compare', () => {
    expect(memoryTargets([at('count', 50, 300), at('zip', 50, 300)])).toHaveLength(2);
    expect(memoryTargets([at('count', 10, 300), at('zip', 50, 300)])).toHaveLength(2);
    expect(LENGTH_SLACK).toBeGreaterThan(1);
  });
});
