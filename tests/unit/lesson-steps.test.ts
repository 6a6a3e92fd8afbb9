import { describe, expect, it } from 'vitest';
import { compareResult } from '../../src/core/compare.js';
import { machineCheck } from '../../src/core/evidence.js';
import { coresResult, memoryResult, scheduleResult, tilesResult, type ExperimentResults } from '../../src/core/experiments.js';
import { isLessonStep, LESSON_STEPS, runFirst, type LessonEvidence, type LessonStep } from '../../src/core/lesson-steps.js';
import type { RunRecord, RunSettings } from '../../src/core/record.js';
import { simdResult } from '../../src/core/simd-experiment.js';
import { ms } from '../../src/core/types.js';
import { decodeState, encodeState } from '../../src/ui/url-state.js';
import { record } from './evidence-fixtures.js';

/** Frame gaps of a quiet idle page, one a frame, and of one too few to judge. */
const QUIET = machineCheck(Array.from({ length: 60 }, () => 1000 / 60));
const UNKNOWN = machineCheck([]);

const EMPTY: LessonEvidence = {
  cores: 2,
  simd: true,
  simdWhyNot: '',
  runs: [],
  compare: null,
  experiments: {},
  idle: QUIET,
  photo: null,
  filter: { kind: 'median', radius: 3 },
};

const step = (id: string): LessonStep => {
  const s = LESSON_STEPS.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};

/** A finished run with the page-side figures the tests script. */
const run = (id: number, settings: Partial<RunSettings>, wall: number, gap: number, dropped = 0, longestTask = 0): RunRecord => ({
  ...record(id, settings, wall, gap),
  droppedFrames: dropped,
  longestTaskMs: ms(longestTask),
  slices: settings.mode === 'concurrent' ? 40 : 0,
});

const groups = <K>(pairs: readonly (readonly [K, readonly RunRecord[]])[]): Map<K, readonly RunRecord[]> => new Map(pairs);

/** Compare modes on two cores: three rounds each; Parallel ×2 near twice as fast as Blocking unless `close`. */
function compare(close = false, idle: readonly number[] = Array.from({ length: 60 }, () => 1000 / 60)) {
  let id = 100;
  const rounds = (s: Partial<RunSettings>, walls: readonly number[], gap: number) => walls.map((w) => record(++id, s, w, gap));
  return compareResult(
    groups([
      ['Blocking', rounds({ mode: 'blocking' }, [1000, 1010, 990], 1000)],
      ['Concurrent', rounds({ mode: 'concurrent' }, [1200, 1210, 1190], 20)],
      ['Parallel ×1', rounds({ mode: 'parallel', workers: 1 }, [1000, 1005, 995], 18)],
      ['Parallel ×2', rounds({ mode: 'parallel', workers: 2 }, close ? [980, 1030, 940] : [520, 515, 530], 18)],
    ]),
    2,
    idle,
  );
}

const EXPERIMENTS: ExperimentResults = {
  cores: coresResult(
    groups([
      [1, [record(1, { workers: 1 }, 1000), record(2, { workers: 1 }, 1010), record(3, { workers: 1 }, 990)]],
      [2, [record(4, { workers: 2 }, 520), record(5, { workers: 2 }, 525), record(6, { workers: 2 }, 515)]],
    ]),
    2,
  ),
  tiles: tilesResult(groups([[64, [record(7, { tileSize: 64 }, 300)]]])),
  schedule: scheduleResult(
    new Map([
      ['static', [record(8, { schedule: 'static' }, 700)]],
      ['dynamic', [record(9, { schedule: 'dynamic' }, 450)]],
    ] as const),
  ),
  memory: memoryResult(
    new Map([
      ['shared', [record(10, { memory: 'shared' }, 400)]],
      ['message', [{ ...record(11, { memory: 'message' }, 650), bytesCopied: 12_000_000 }]],
    ] as const),
  ),
  race: {
    kind: 'race',
    workers: 2,
    rounds: [
      {
        plain: { counting: 'plain', expected: 786_432, counted: 611_204, lost: 175_228, ms: 4 },
        atomic: { counting: 'atomic', expected: 786_432, counted: 786_432, lost: 0, ms: 9 },
      },
    ],
  },
  simd: simdResult(
    groups([
      ['JavaScript ×1', [800, 810, 790].map((w, k) => record(20 + k, { kernel: 'js', workers: 1 }, w))],
      ['WebAssembly SIMD ×1', [200, 205, 198].map((w, k) => record(30 + k, { kernel: 'simd', workers: 1 }, w))],
    ]),
    1,
    new Map(),
    'no SIMD',
  ),
};

const BLOCKING_RUN = run(1, { mode: 'blocking', kernel: 'js' }, 1580, 1600, 97, 1600);

interface Row {
  readonly id: string;
  readonly evidence: LessonEvidence;
  /** Every one of these must be in the conclusion … */
  readonly says: readonly string[];
  /** … and none of these. */
  readonly never?: readonly string[];
}

const rows: Row[] = [
  { id: 'photo', evidence: EMPTY, says: ['No photo yet'] },
  {
    id: 'photo',
    evidence: { ...EMPTY, photo: { key: 'p', name: 'lake.png', width: 1200, height: 800, decodeMs: ms(5) } },
    says: ['lake.png, 1200 × 800 px', 'Median r=3px', 'same pixels'],
    never: ['last run'],
  },
  {
    id: 'photo',
    evidence: { ...EMPTY, photo: record(1, {}, 0).photo, runs: [record(1, { mode: 'parallel', workers: 2 }, 320)] },
    says: ['Your last run on it: Parallel ×2, 320 ms for 1 tile.'],
  },
  { id: 'blocking', evidence: EMPTY, says: [runFirst('Run Blocking')] },
  // A parallel run is no evidence for the Blocking step.
  { id: 'blocking', evidence: { ...EMPTY, runs: [record(1, { mode: 'parallel' }, 300)] }, says: [runFirst('Run Blocking')] },
  {
    id: 'blocking',
    evidence: { ...EMPTY, runs: [BLOCKING_RUN] },
    says: ['Blocking held the page for 1.60 s: 97 frames dropped, longest task 1.60 s (the run took 1.58 s).', 'The page froze.'],
    never: ['SIMD'],
  },
  {
    // Too few idle frames: the long wait is reported, the freeze is not called.
    id: 'blocking',
    evidence: { ...EMPTY, idle: UNKNOWN, runs: [BLOCKING_RUN] },
    says: ['held the page for 1.60 s', 'cannot be called a freeze'],
    never: ['The page froze'],
  },
  {
    id: 'blocking',
    evidence: { ...EMPTY, runs: [BLOCKING_RUN, run(2, { mode: 'blocking', kernel: 'simd' }, 60, 70, 3, 65)] },
    says: ['held the page for 70 ms: 3 frames dropped, longest task 65 ms', 'used WebAssembly SIMD', 'short of a freeze'],
  },
  { id: 'concurrent', evidence: EMPTY, says: [runFirst('Run Concurrent')] },
  {
    id: 'concurrent',
    evidence: { ...EMPTY, runs: [run(2, { mode: 'concurrent', kernel: 'js' }, 1900, 30, 1)] },
    says: ['Concurrent took 1.90 s in 40 slices; the longest wait for a frame was 30 ms, 1 frame dropped.', 'stayed smooth'],
    never: ['Blocking'],
  },
  {
    // One run each: the page says how long each kept the page waiting, and that it cannot rank them.
    id: 'concurrent',
    evidence: { ...EMPTY, runs: [BLOCKING_RUN, run(2, { mode: 'concurrent', kernel: 'js' }, 1900, 30)] },
    says: ['Blocking, on the same photo, filter and kernel, kept the page waiting 1.60 s.', 'Run each at least 3 times'],
    never: ['Fastest'],
  },
  {
    // A Blocking run of another kernel is not the same job.
    id: 'concurrent',
    evidence: {
      ...EMPTY,
      runs: [run(1, { mode: 'blocking', kernel: 'simd' }, 80, 90), run(2, { mode: 'concurrent', kernel: 'js' }, 1900, 30)],
    },
    says: ['Concurrent took 1.90 s'],
    never: ['Blocking'],
  },
  { id: 'parallel', evidence: EMPTY, says: [runFirst('Compare the modes')] },
  {
    id: 'parallel',
    evidence: { ...EMPTY, compare: compare() },
    says: ['Parallel ×2 ran 1.92× (1.87–1.96× across the rounds) as fast as Blocking: 2 cores', 'stayed smooth', 'identical pixels'],
  },
  {
    id: 'parallel',
    evidence: { ...EMPTY, compare: compare(true) },
    says: ['Parallel ×2 and Blocking: too close to call'],
    never: ['as fast as'],
  },
  {
    // Late idle frames: no verdict on speed at all.
    id: 'parallel',
    evidence: {
      ...EMPTY,
      compare: compare(
        false,
        Array.from({ length: 60 }, () => 60),
      ),
    },
    says: ['the machine is busy, so verdicts are withheld'],
    never: ['as fast as', 'too close'],
  },
  { id: 'cores', evidence: EMPTY, says: [runFirst('Run the cores experiment')] },
  {
    id: 'cores',
    evidence: { ...EMPTY, experiments: EXPERIMENTS },
    says: ['1 worker 1.00 s (1.00×), 2 workers 520 ms (1.92×)', 'no serial fraction or speedup limit is given'],
  },
  { id: 'schedule', evidence: EMPTY, says: [runFirst('Run the scheduling experiment')] },
  {
    id: 'schedule',
    evidence: { ...EMPTY, experiments: EXPERIMENTS },
    says: ['static 700 ms', 'dynamic 450 ms', 'Run each at least 3 times'],
  },
  { id: 'memory', evidence: EMPTY, says: [runFirst('Run the memory experiment')] },
  {
    id: 'memory',
    evidence: { ...EMPTY, experiments: EXPERIMENTS },
    says: ['shared memory 400 ms, 0 MB copied', 'message passing 650 ms, 12 MB copied'],
  },
  { id: 'race', evidence: EMPTY, says: [runFirst('Run the race')] },
  {
    id: 'race',
    evidence: { ...EMPTY, experiments: EXPERIMENTS },
    says: ['Expected 786,432', 'counted 611,204', 'exactly the expected total'],
  },
  { id: 'simd', evidence: EMPTY, says: [runFirst('Run the SIMD experiment')] },
  { id: 'simd', evidence: { ...EMPTY, experiments: EXPERIMENTS }, says: ['On one core, SIMD ran 4.0× (3.9×–4.1×) as fast as JavaScript'] },
];

describe('the lesson’s conclusions cite only what this page measured', () => {
  it.each(rows.map((r, k) => [k, r.id, r] as const))('row %i: %s', (_, id, r) => {
    const text = step(id).conclude(r.evidence);
    for (const s of r.says) expect(text).toContain(s);
    for (const s of r.never ?? []) expect(text).not.toContain(s);
  });

  it('has a row with and without evidence for every step', () => {
    for (const s of LESSON_STEPS) {
      const mine = rows.filter((r) => r.id === s.id);
      expect(mine.some((r) => r.evidence === EMPTY)).toBe(true);
      expect(mine.some((r) => r.evidence !== EMPTY)).toBe(true);
    }
  });
});

describe('the lesson’s steps', () => {
  it('covers the lesson in order, each with one action and its own button', () => {
    expect(LESSON_STEPS.map((s) => s.id)).toEqual([
      'photo',
      'blocking',
      'concurrent',
      'parallel',
      'cores',
      'schedule',
      'memory',
      'race',
      'simd',
    ]);
    expect(new Set(LESSON_STEPS.map((s) => s.button)).size).toBe(LESSON_STEPS.length);
    expect(step('blocking').action).toEqual({ kind: 'run', mode: 'blocking' });
    expect(step('cores').action).toEqual({ kind: 'experiment', experiment: 'cores' });
  });

  it('runs Blocking with the JavaScript kernel, and says why', () => {
    expect(step('blocking').preset).toEqual({ mode: 'blocking', kernel: 'js' });
    expect(step('blocking').doText).toContain('WebAssembly SIMD');
  });

  it.each([
    [true, '', null],
    [false, 'this browser has no WebAssembly SIMD.', 'This step is skipped here: this browser has no WebAssembly SIMD.'],
  ])('the SIMD step where SIMD is %s', (simd, why, skipped) => {
    expect(step('simd').unavailable({ ...EMPTY, simd, simdWhyNot: why })).toBe(skipped);
    for (const s of LESSON_STEPS.filter((x) => x.id !== 'simd')) expect(s.unavailable({ ...EMPTY, simd, simdWhyNot: why })).toBeNull();
  });
});

describe('the lesson in the link', () => {
  const base = decodeState('', 2);
  it.each([1, 4, LESSON_STEPS.length])('step %i round-trips', (lesson) => {
    expect(encodeState({ ...base, lesson })).toContain(`lesson=${lesson}`);
    expect(decodeState(encodeState({ ...base, lesson }), 2).lesson).toBe(lesson);
  });

  it.each(['', 'lesson=', 'lesson=0', 'lesson=-2', 'lesson=2.5', 'lesson=abc', `lesson=${LESSON_STEPS.length + 1}`])(
    '%s opens no lesson',
    (query) => {
      expect(decodeState(query, 2).lesson).toBeUndefined();
      expect(encodeState(decodeState(query, 2))).not.toContain('lesson');
    },
  );

  it.each([
    [4, true],
    [0, false],
    [10, false],
    [1.5, false],
    [NaN, false],
  ])('isLessonStep(%d) is %s', (n, ok) => {
    expect(isLessonStep(n)).toBe(ok);
  });
});
