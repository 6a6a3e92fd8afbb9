import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FREEZE_MS,
  MIN_IDLE_GAPS,
  MIN_REPEATS,
  UNMEASURED,
  formatSpread,
  machineCheck,
  rank,
  rankingText,
  smoothness,
  spreadOf,
  type Group,
} from '../../src/core/evidence.js';
import { wallSummary } from '../../src/ui/tl-wall-chart.js';
import { responsivenessSummary } from '../../src/ui/tl-meter.js';
import { record } from './evidence-fixtures.js';

describe('spread of repeats', () => {
  it('counts only finite values, and is NaN for none', () => {
    expect(spreadOf([3, NaN, 1, Infinity, 2])).toEqual({ median: 2, min: 1, max: 3, n: 3 });
    const none = spreadOf([NaN]);
    expect(none.n).toBe(0);
    expect([none.median, none.min, none.max].every(Number.isNaN)).toBe(true);
  });

  it.each([
    [[1200, 1310, 1230], '1.23 s (1.20–1.31 s, 3 runs)'],
    [[1230], '1.23 s (1 run)'],
    [[950, 1020, 990], '990 ms (950 ms–1.02 s, 3 runs)'],
    [[40, 40], '40 ms (2 runs, all 40 ms)'],
    [[], 'no runs'],
  ])('%o reads "%s"', (values, text) => {
    expect(formatSpread(spreadOf(values))).toBe(text);
  });

  it('takes the caller’s format', () => {
    expect(formatSpread(spreadOf([1, 3, 2]), (x) => `${x}×`)).toBe('2× (1×–3×, 3 runs)');
  });
});

describe('rank: a fastest only when the repeats separate it', () => {
  const g = (label: string, ...ms: number[]): Group => ({ label, ms });

  it('withholds the verdict when the ranges overlap', () => {
    const r = rank([g('Parallel ×2', 100, 140, 104), g('Concurrent', 120, 118, 125)]);
    expect(r).toEqual({ kind: 'too-close', labels: ['Parallel ×2', 'Concurrent'] });
    expect(rankingText(r)).toBe('Too close to call: the runs of Parallel ×2 and Concurrent vary more than they differ.');
  });

  it('names the fastest, and how much faster than the next, when every range is apart', () => {
    const r = rank([g('Blocking', 400, 410, 395), g('Parallel ×2', 210, 200, 205), g('Concurrent', 450, 440, 460)]);
    expect(r).toEqual({ kind: 'fastest', label: 'Parallel ×2', next: 'Blocking', ratio: 400 / 205 });
    expect(rankingText(r)).toBe('Fastest: Parallel ×2, 1.95× faster than Blocking.');
  });

  it('needs the difference to exceed the spread, not only ranges apart', () => {
    // Apart (130 < 131), but medians differ by 25 ms while A's own runs vary by 30 ms.
    expect(rank([g('A', 100, 110, 130), g('B', 131, 135, 140)]).kind).toBe('too-close');
    expect(rank([g('A', 100, 110, 120), g('B', 131, 135, 140)]).kind).toBe('fastest');
  });

  it('asks for repeats when any group has too few runs', () => {
    const r = rank([g('A', 100), g('B', 300, 310, 305)]);
    expect(r).toEqual({ kind: 'too-few', needed: MIN_REPEATS });
    expect(rankingText(r)).toBe(`Run each at least ${MIN_REPEATS} times to tell which is fastest.`);
  });

  it('ignores groups with nothing measured, and says when there is nothing to compare', () => {
    expect(rank([g('A', NaN), g('B', 1, 2, 3), g('C', 10, 11, 12)])).toMatchObject({ kind: 'fastest', label: 'B', next: 'C' });
    expect(rankingText(rank([g('A', 5, 6, 7), g('B')]))).toBe('Only A was measured, so there is nothing to compare it with.');
    expect(rankingText(rank([]))).toBe('Nothing to compare yet.');
  });

  it('lists only the groups that cannot be told apart from the fastest', () => {
    const r = rank([g('slow', 500, 510, 505), g('a', 100, 130, 110), g('b', 120, 125, 140)]);
    expect(r).toEqual({ kind: 'too-close', labels: ['a', 'b'] });
  });

  it('never names a fastest whose range overlaps another group’s', () => {
    // Groups at random offsets with random scatter, so that both verdicts occur.
    const group = fc
      .tuple(fc.integer({ min: 0, max: 2000 }), fc.array(fc.integer({ min: 0, max: 200 }), { minLength: MIN_REPEATS, maxLength: 6 }))
      .map(([at, scatter]) => scatter.map((d) => 100 + at + d));
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(group, { minLength: 2, maxLength: 5 }), (samples) => {
        const r = rank(samples.map((ms, i) => g(`g${i}`, ...ms)));
        seen.add(r.kind);
        if (r.kind !== 'fastest') return;
        const best = spreadOf(samples[Number(r.label.slice(1))] ?? []);
        for (const [i, ms] of samples.entries()) if (`g${i}` !== r.label) expect(Math.min(...ms)).toBeGreaterThan(best.max);
      }),
      { numRuns: 300 },
    );
    expect([...seen].sort()).toEqual(['fastest', 'too-close']);
  });
});

describe('the wall-time chart names a fastest only from repeats', () => {
  // A scripted machine: both modes cost 100 ms; a burst of load lands on some runs.
  const load = [1.0, 1.3, 1.05, 1.0, 1.2, 1.02];
  const runs = load.map((f, i) => record(i + 1, { mode: i % 2 ? 'concurrent' : 'blocking' }, 100 * f));

  it('one run each asks for repeats instead of naming the luckier one', () => {
    const text = wallSummary(runs.slice(0, 2));
    expect(text).toContain('Blocking took 100 ms; Concurrent took 130 ms.');
    expect(text).toContain(`Run each at least ${MIN_REPEATS} times to tell which is fastest.`);
    expect(text).toContain('Compare modes');
    expect(text).not.toContain('Fastest');
  });

  it('three interleaved runs each that overlap are too close to call', () => {
    const text = wallSummary(runs);
    expect(text).toContain('Blocking took 105 ms (100–120 ms, 3 runs); Concurrent took 102 ms (100–130 ms, 3 runs).');
    expect(text).toContain('Too close to call');
    expect(text).not.toContain('Fastest');
  });

  it('separated runs name the fastest', () => {
    const apart = [100, 200, 102, 205, 101, 198].map((ms, i) => record(i + 1, { mode: i % 2 ? 'blocking' : 'parallel' }, ms));
    expect(wallSummary(apart)).toContain('Fastest: Parallel ×2, 1.98× faster than Blocking.');
  });

  it('a single label compares nothing', () => {
    expect(wallSummary([record(1, {}, 50), record(2, {}, 60)])).not.toMatch(/Fastest|Too close|Run each/);
  });
});

describe('is the machine quiet enough to judge?', () => {
  const frames = (n: number, ms: number) => Array<number>(n).fill(ms);

  it('a page that draws every idle frame on time is quiet', () => {
    const c = machineCheck([...frames(58, 16.7), 33.4, 16.6]);
    expect(c.busy).toBe(false);
    expect(c.text).toBe('The page’s own frames were on time while idle (90% within 17 ms): the machine is quiet enough to judge.');
  });

  it('late idle frames mean a busy machine, and say so', () => {
    const c = machineCheck([...frames(48, 16.7), ...frames(12, 48)]);
    expect(c.busy).toBe(true);
    expect(c.text).toBe('The page’s own frames were late while idle (90% within 48 ms): the machine is busy, so verdicts are withheld.');
  });

  it('one late frame in ten is still quiet; more is busy', () => {
    expect(machineCheck([...frames(54, 16.7), ...frames(6, 100)]).busy).toBe(false);
    expect(machineCheck([...frames(53, 16.7), ...frames(7, 100)]).busy).toBe(true);
  });

  it('too few idle frames cannot show a quiet machine', () => {
    const c = machineCheck(frames(MIN_IDLE_GAPS - 1, 16.7));
    expect(c.busy).toBe(true);
    expect(c.text).toContain('too few to tell whether the machine is quiet');
    expect(machineCheck(frames(MIN_IDLE_GAPS, 16.7)).busy).toBe(false);
  });

  it('judges against the display’s own frame', () => {
    expect(machineCheck(frames(60, 33.4)).busy).toBe(true);
    expect(machineCheck(frames(60, 33.4), 1000 / 30).busy).toBe(false);
  });
});

describe('smooth, froze or unclear', () => {
  const quiet = machineCheck(Array<number>(60).fill(16.7));
  const busy = machineCheck([...Array<number>(40).fill(16.7), ...Array<number>(20).fill(100)]);

  it.each([
    [16.7, 'smooth'],
    [50, 'smooth'],
    [51, 'unclear'],
    [FREEZE_MS - 1, 'unclear'],
    [FREEZE_MS, 'froze'],
    [2000, 'froze'],
    [NaN, 'unclear'],
  ] as const)('a quiet machine with a longest gap of %f ms: %s', (gap, verdict) => {
    expect(smoothness(gap, quiet).verdict).toBe(verdict);
  });

  it('on a busy machine a long gap is not called a freeze unless far beyond the idle lateness', () => {
    const s = smoothness(300, busy);
    expect(s.verdict).toBe('unclear');
    expect(s.text).toBe(
      'Some frames were late (no frame for 300 ms), but the page’s own frames were late even while idle (90% within 100 ms): the machine is busy, so this run cannot be called a freeze.',
    );
    expect(smoothness(399, busy).verdict).toBe('unclear');
    expect(smoothness(400, busy).verdict).toBe('froze');
    expect(smoothness(40, busy).verdict).toBe('smooth');
    expect(smoothness(120, busy).text).toContain('The machine is busy as well');
  });

  it('with too few idle frames no freeze is called; with none measured, fixed limits decide', () => {
    expect(smoothness(2000, machineCheck([16.7])).verdict).toBe('unclear');
    expect(smoothness(2000, UNMEASURED).verdict).toBe('froze');
    expect(smoothness(120, UNMEASURED).text).toBe(
      'Some frames were late (no frame for 120 ms): not smooth, but short of a freeze (250 ms).',
    );
  });

  it('the meter calls a blocking run a freeze, and a parallel run on a busy machine not', () => {
    const blocking = record(1, { mode: 'blocking' }, 2000, 2000);
    expect(responsivenessSummary(blocking)).toMatch(
      /^Blocking: longest wait for a frame 2\.00 s, .* The page froze\. No frame was drawn for 2\.00 s\.$/,
    );
    expect(responsivenessSummary(blocking, quiet)).toContain('where the idle page’s frames came 9 in 10 within 17 ms');
    const parallel = record(2, { mode: 'parallel' }, 900, 300);
    expect(responsivenessSummary(parallel, busy)).not.toContain('froze');
    expect(responsivenessSummary(record(3, { mode: 'concurrent' }, 900, 30), busy)).toContain('The page stayed smooth');
  });
});
