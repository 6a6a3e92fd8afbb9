import { describe, expect, it } from 'vitest';
import { describeSpec, makeSpec, cssFilterOf } from '../../src/core/filters.js';
import { agreements, recordsToCsv, runLabel, type RunRecord } from '../../src/core/record.js';
import { formatMs, median, niceTicks } from '../../src/core/stats.js';
import { epochMs, ms, type FilterSpec, type RunMode } from '../../src/core/types.js';
import { at } from './reference.js';
import { MODES } from '../../src/core/modes.js';

const record = (id: number, mode: RunMode, digest: string | null, filter: FilterSpec = { kind: 'sobel' }, photo = 'a'): RunRecord => ({
  id,
  photo: { key: photo, name: `${photo}.jpg`, width: 10, height: 5, decodeMs: ms(3) },
  settings: {
    filter,
    mode,
    memory: 'shared',
    workers: MODES[mode].usesPageThread ? 1 : 4,
    tileSize: 64,
    kernel: 'js',
    schedule: 'dynamic',
    region: null,
  },
  outcome: digest ? 'done' : 'cancelled',
  tiles: 1,
  tilesDone: digest ? 1 : 0,
  startedAt: epochMs(0),
  wallMs: ms(12.345),
  readbackMs: ms(1),
  longestTaskMs: ms(0),
  longTaskTotalMs: ms(0),
  longestFrameGapMs: ms(16.7),
  droppedFrames: 0,
  pageBusyShare: 0.02,
  slices: 0,
  spans: [],
  digest,
  bytesCopied: 0,
  faults: [],
});

describe('records', () => {
  it('agree when every finished run of a photo and filter has one digest', () => {
    const groups = agreements([
      record(1, 'blocking', 'aa'),
      record(2, 'parallel', 'aa'),
      record(3, 'concurrent', null),
      record(4, 'parallel', 'bb', { kind: 'median', radius: 2 }),
      record(5, 'blocking', 'cc', { kind: 'median', radius: 2 }),
      record(6, 'blocking', 'aa', { kind: 'sobel' }, 'b'),
    ]);
    expect(groups.map((g) => [g.photo, g.runs, g.agree])).toEqual([
      ['a.jpg', 2, true],
      ['a.jpg', 2, false],
      ['b.jpg', 1, true],
    ]);
    // A spotlight changes the output, so its runs are a group of their own.
    const spot = {
      ...record(7, 'parallel', 'dd'),
      settings: { ...record(7, 'parallel', 'dd').settings, region: { x: 0, y: 0, w: 4, h: 2 } },
    };
    const withSpot = agreements([record(1, 'blocking', 'aa'), spot]);
    expect(withSpot.map((g) => [g.filter, g.agree])).toEqual([
      ['Sobel edges', true],
      ['Sobel edges in a 4×2 px spotlight', true],
    ]);
  });

  it('export one CSV line per run with a header, quoting where needed', () => {
    const csv = recordsToCsv([
      record(1, 'parallel', 'ff', { kind: 'blur', sigma: 2 }),
      { ...record(2, 'blocking', null), photo: { key: 'q', name: 'my, "best".png', width: 1, height: 1, decodeMs: ms(0) } },
    ]);
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(at(lines, 0).split(',')).toContain('wall_ms');
    expect(lines[1]).toContain(',Gaussian blur σ=2px,parallel,shared,4,js,64,dynamic,,done,');
    expect(lines[1]).toContain(',12.35,');
    expect(lines[2]).toContain('"my, ""best"".png"');
  });

  it.each([
    ['parallel', 'Parallel ×4'],
    ['blocking', 'Blocking'],
    ['concurrent', 'Concurrent'],
  ] as const)('label %s as %s', (mode, label) => {
    expect(runLabel(record(1, mode, 'x').settings)).toBe(label);
  });
});

describe('filters', () => {
  it('clamp parameters to their slider ranges and fill defaults', () => {
    expect(makeSpec('blur', { sigma: 100 })).toEqual({ kind: 'blur', sigma: 32 });
    expect(makeSpec('median', { radius: 0 })).toEqual({ kind: 'median', radius: 1 });
    expect(makeSpec('sharpen', { amount: NaN })).toEqual({ kind: 'sharpen', amount: 1, sigma: 2 });
    expect(makeSpec('sobel', { amount: 2 })).toEqual({ kind: 'sobel' });
  });

  it.each([
    [{ kind: 'blur', sigma: 4 }, 'blur(4px)', 'Gaussian blur σ=4px'],
    [{ kind: 'sepia', amount: 0.5 }, 'sepia(0.5)', 'Sepia ×=0.5'],
    [{ kind: 'median', radius: 3 }, null, 'Median r=3px'],
  ] as [FilterSpec, string | null, string][])('%o has CSS %s and reads "%s"', (spec, css, text) => {
    expect(cssFilterOf(spec)).toBe(css);
    expect(describeSpec(spec)).toBe(text);
  });
});

describe('stats', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[], NaN],
  ])('median of %o is %f', (v, m) => {
    expect(median(v)).toBe(m);
  });
  it.each([
    [95, [0, 20, 40, 60, 80, 100]],
    [1000, [0, 200, 400, 600, 800, 1000]],
    [0.7, [0, 0.2, 0.4, 0.6, 0.8]],
    [0, [0, 1]],
  ])('ticks up to %f are %o', (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks);
  });
  it.each([
    [0.25, '0.3 ms'],
    [12.6, '13 ms'],
    [1234, '1.23 s'],
    [12345, '12.3 s'],
  ])('formats %f ms as %s', (v, s) => {
    expect(formatMs(v)).toBe(s);
  });
});
