/**
 * The guided lesson as data: each step says what to do (one action), what to watch, and what the
 * class's own measurements on this page conclude. Every number in a conclusion comes from a run or
 * a result of this session; every verdict is one the evidence in `evidence.ts` allows, and where it
 * does not, the step says "too close to call" or "the machine is busy" as the rest of the page does.
 */
import { ratioRange, type CompareResult, type CompareRow } from './compare.js';
import { rank, rankingText, separated, smoothness, type MachineCheck } from './evidence.js';
import {
  coresSummary,
  memorySummary,
  raceSummary,
  scheduleSummary,
  tilesSummary,
  type Experiment,
  type ExperimentResults,
} from './experiments.js';
import { describeSpec, type FilterSpec } from './filters.js';
import type { KernelChoice } from './kernel-choice.js';
import { MODES, type RunMode } from './modes.js';
import { outputKey, runLabel, type PhotoInfo, type RunRecord } from './record.js';
import { simdSummary } from './simd-experiment.js';
import { formatMs } from './stats.js';

/** What a step's one highlighted control does. */
export type LessonAction =
  | { readonly kind: 'photo' }
  | { readonly kind: 'run'; readonly mode: RunMode }
  | { readonly kind: 'compare' }
  | { readonly kind: 'experiment'; readonly experiment: Experiment };

/** Settings a step applies before its action runs; they stay when the lesson ends. */
export interface LessonPreset {
  readonly mode?: RunMode;
  readonly kernel?: KernelChoice;
}

/** Everything this page measured that a conclusion may cite. */
export interface LessonEvidence {
  readonly cores: number;
  /** The WebAssembly SIMD kernels can run here. */
  readonly simd: boolean;
  /** Why they cannot, in words; empty when they can. */
  readonly simdWhyNot: string;
  /** This session's runs, newest last. */
  readonly runs: readonly RunRecord[];
  readonly compare: CompareResult | null;
  readonly experiments: ExperimentResults;
  /** How the idle page's frames behaved: whether a long wait may be called a freeze. */
  readonly idle: MachineCheck;
  /** The photo on screen and the filter chosen, if any. */
  readonly photo: PhotoInfo | null;
  readonly filter: FilterSpec;
}

export interface LessonStep {
  readonly id: string;
  readonly title: string;
  readonly doText: string;
  readonly watchText: string;
  readonly action: LessonAction;
  /** The action button's text: its accessible name. */
  readonly button: string;
  readonly preset: LessonPreset;
  /** Why this step cannot be done on this device, or null when it can. */
  readonly unavailable: (e: LessonEvidence) => string | null;
  readonly conclude: (e: LessonEvidence) => string;
}

const always = (): null => null;

/** What a step says before its action has produced anything to cite. */
export const runFirst = (button: string): string => `Run the step first: press “${button}” and your measured result appears here.`;

/** The newest finished run in `mode`, if any. */
const newest = (runs: readonly RunRecord[], mode: RunMode): RunRecord | undefined =>
  runs.findLast((r) => r.outcome === 'done' && r.settings.mode === mode);

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Same photo, filter, spotlight and kernel: runs whose times may be compared. */
const sameJob = (a: RunRecord, b: RunRecord): boolean =>
  outputKey(a.photo.key, a.settings) === outputKey(b.photo.key, b.settings) && a.settings.kernel === b.settings.kernel;

function concludePhoto(e: LessonEvidence): string {
  const photo = e.photo;
  if (!photo) return 'No photo yet: choose one, or wait a moment for the sample to load.';
  const { name, width, height } = photo;
  const head = `Your photo: ${name}, ${width} × ${height} px, to be filtered with ${describeSpec(e.filter)}. Every mode gives exactly the same pixels from it; only the time and how the page feels change.`;
  const last = e.runs.findLast((r) => r.outcome === 'done' && r.photo.key === photo.key);
  return last
    ? `${head} Your last run on it: ${runLabel(last.settings)}, ${formatMs(last.wallMs)} for ${plural(last.tiles, 'tile')}.`
    : head;
}

function concludeBlocking(e: LessonEvidence, button: string): string {
  const r = newest(e.runs, 'blocking');
  if (!r) return runFirst(button);
  const held = `Blocking held the page for ${formatMs(r.longestFrameGapMs)}: ${plural(r.droppedFrames, 'frame')} dropped, longest task ${formatMs(r.longestTaskMs)} (the run took ${formatMs(r.wallMs)}).`;
  const kernel =
    r.settings.kernel === 'simd'
      ? ' That run used WebAssembly SIMD, which may finish too quickly to freeze the page; this step’s button runs JavaScript.'
      : '';
  return `${held} ${smoothness(r.longestFrameGapMs, e.idle).text}${kernel}`;
}

function concludeConcurrent(e: LessonEvidence, button: string): string {
  const r = newest(e.runs, 'concurrent');
  if (!r) return runFirst(button);
  const out = [
    `Concurrent took ${formatMs(r.wallMs)} in ${plural(r.slices, 'slice')}; the longest wait for a frame was ${formatMs(r.longestFrameGapMs)}, ${plural(r.droppedFrames, 'frame')} dropped.`,
    smoothness(r.longestFrameGapMs, e.idle).text,
  ];
  const like = (mode: RunMode): RunRecord[] => e.runs.filter((x) => x.outcome === 'done' && x.settings.mode === mode && sameJob(x, r));
  const blocking = like('blocking');
  const b = blocking.at(-1);
  if (b) {
    out.push(`Blocking, on the same photo, filter and kernel, kept the page waiting ${formatMs(b.longestFrameGapMs)}.`);
    const groups = [
      { label: 'Blocking', ms: blocking.map((x) => x.wallMs) },
      { label: 'Concurrent', ms: like('concurrent').map((x) => x.wallMs) },
    ];
    out.push(rankingText(rank(groups)));
  }
  return out.join(' ');
}

/** "Parallel ×4 ran 2.10× as fast as Blocking", only when the rounds separate the two. */
function parallelAgainstBlocking(many: CompareRow, blocking: CompareRow): string {
  if (!separated(many.wall, blocking.wall))
    return `${many.label} and ${blocking.label}: too close to call (their rounds vary more than they differ).`;
  const x = ratioRange(blocking.wall, many.wall);
  const range = `${x.median.toFixed(2)}× (${x.low.toFixed(2)}–${x.high.toFixed(2)}× across the rounds)`;
  if (x.median >= 1)
    return `${many.label} ran ${range} as fast as ${blocking.label}: ${many.workers} cores filtered tiles at the same time (ideal: ${many.workers}×).`;
  const y = ratioRange(many.wall, blocking.wall);
  return `${many.label} took ${y.median.toFixed(2)}× (${y.low.toFixed(2)}–${y.high.toFixed(2)}× across the rounds) as long as ${blocking.label}.`;
}

function concludeCompare(e: LessonEvidence, button: string): string {
  const r = e.compare;
  if (!r) return runFirst(button);
  const blocking = r.rows.find((x) => x.mode === 'blocking');
  const pool = r.rows.filter((x) => !MODES[x.mode].usesPageThread);
  const many = pool.reduce<CompareRow | undefined>((best, x) => (!best || x.workers > best.workers ? x : best), undefined);
  const out: string[] = [];
  if (r.machine.busy) out.push(r.machine.text);
  else if (many && blocking && many.workers > 1) out.push(parallelAgainstBlocking(many, blocking));
  else
    out.push(`This device reports ${plural(r.cores, 'core')}, so no two workers ran at once: there is no parallel speedup to show here.`);
  if (many) {
    const smooth = smoothness(many.frameGap.median, r.machine);
    out.push(
      `While ${many.label} ran, the longest wait for a frame was ${formatMs(many.frameGap.median)} in a typical round: ${smooth.verdict === 'smooth' ? 'the page stayed smooth' : smooth.verdict === 'froze' ? 'the page froze' : 'some frames were late'}.`,
    );
  }
  out.push(
    r.identical ? 'Every run gave identical pixels.' : 'The runs did not all give the same pixels: that is a bug, please report it.',
  );
  return out.join(' ');
}

/** The conclusion of an experiment step: that experiment's own summary, or a request to run it. */
function concludeExperiment(experiment: Experiment, button: string): (e: LessonEvidence) => string {
  return (e) => {
    const x = e.experiments;
    switch (experiment) {
      case 'cores':
        return x.cores ? coresSummary(x.cores) : runFirst(button);
      case 'tiles':
        return x.tiles ? tilesSummary(x.tiles) : runFirst(button);
      case 'schedule':
        return x.schedule ? scheduleSummary(x.schedule) : runFirst(button);
      case 'memory':
        return x.memory ? memorySummary(x.memory) : runFirst(button);
      case 'race':
        return x.race ? raceSummary(x.race) : runFirst(button);
      case 'simd':
        return x.simd ? simdSummary(x.simd) : runFirst(button);
    }
  };
}

function experimentStep(
  id: string,
  experiment: Experiment,
  button: string,
  text: Pick<LessonStep, 'title' | 'doText' | 'watchText'>,
  unavailable: LessonStep['unavailable'] = always,
): LessonStep {
  return {
    id,
    ...text,
    action: { kind: 'experiment', experiment },
    button,
    preset: {},
    unavailable,
    conclude: concludeExperiment(experiment, button),
  };
}

const RUN_BLOCKING = 'Run Blocking';
const RUN_CONCURRENT = 'Run Concurrent';
const COMPARE = 'Compare the modes';

export const LESSON_STEPS: readonly LessonStep[] = [
  {
    id: 'photo',
    title: 'A photo and a filter',
    doText:
      'Keep the sample photo, or press “Choose a photo” (you can also drop one on the page). Then pick a Filter beside the photo: Median is the heavy one.',
    watchText: 'The photo: every run cuts it into tiles and filters them one by one, and you see each tile arrive.',
    action: { kind: 'photo' },
    button: 'Choose a photo',
    preset: {},
    unavailable: always,
    conclude: concludePhoto,
  },
  {
    id: 'blocking',
    title: 'Blocking freezes the page',
    doText: `Press “${RUN_BLOCKING}”, then try to type in the box under the photo. The step switches to the JavaScript kernel: with WebAssembly SIMD (the default) the run on the sample ends too soon to freeze the page.`,
    watchText:
      'The ball under the photo stops and your typing waits: the page’s only thread is busy filtering. The timeline shows one lane, one solid block.',
    action: { kind: 'run', mode: 'blocking' },
    button: RUN_BLOCKING,
    preset: { mode: 'blocking', kernel: 'js' },
    unavailable: always,
    conclude: (e) => concludeBlocking(e, RUN_BLOCKING),
  },
  {
    id: 'concurrent',
    title: 'Concurrent takes turns and stays responsive',
    doText: `Press “${RUN_CONCURRENT}” and type in the box under the photo again while it runs.`,
    watchText:
      'The ball keeps moving and your letters appear: the same one thread filters a few tiles, then lets the page draw. The timeline’s single lane has gaps where the page ran.',
    action: { kind: 'run', mode: 'concurrent' },
    button: RUN_CONCURRENT,
    preset: { mode: 'concurrent', kernel: 'js' },
    unavailable: always,
    conclude: (e) => concludeConcurrent(e, RUN_CONCURRENT),
  },
  {
    id: 'parallel',
    title: 'Parallel on every core',
    doText: `Press “${COMPARE}”: the page runs Blocking, Concurrent, Parallel on one worker and Parallel on every core, a warm-up round and then three rounds.`,
    watchText:
      'The “Compare modes” chart below the photo: each bar is a median, its whisker spans the fastest to the slowest round. In the timeline, the parallel lanes fill at the same time.',
    action: { kind: 'compare' },
    button: COMPARE,
    preset: {},
    unavailable: always,
    conclude: (e) => concludeCompare(e, COMPARE),
  },
  experimentStep('cores', 'cores', 'Run the cores experiment', {
    title: 'How many cores? Amdahl’s law',
    doText:
      'Press “Run the cores experiment”: the page filters the photo with 1, 2, 3… up to twice as many workers as the device reports cores, three times each.',
    watchText:
      'The “How many cores?” chart under Experiments: the measured speedup against the ideal line, and where it stops rising once every core is busy.',
  }),
  experimentStep('schedule', 'schedule', 'Run the scheduling experiment', {
    title: 'Load imbalance and scheduling',
    doText:
      'Press “Run the scheduling experiment”: the filter runs only inside a spotlight (the sky, unless you drag a new one on the photo), so some tiles cost far more than others. A static schedule and a dynamic one take turns.',
    watchText:
      'The two timelines under Experiments: with a static schedule some lanes finish early and stand idle; with a dynamic one whoever is free takes the next tile.',
  }),
  experimentStep('memory', 'memory', 'Run the memory experiment', {
    title: 'Shared memory vs messages',
    doText:
      'Press “Run the memory experiment”: the same run with every worker reading the one shared photo, and with every tile copied to a worker and back.',
    watchText: 'The time and the megabytes copied, side by side: shared memory copies nothing.',
  }),
  experimentStep('race', 'race', 'Run the race', {
    title: 'The race',
    doText:
      'Press “Run the race”: every worker counts the photo’s pixels by brightness into one shared table, first with a plain ++, then with Atomics.add.',
    watchText:
      'The totals: with a plain ++ two workers can both read 41 and both write 42, so counts are lost and the total changes every round; Atomics.add is exact.',
  }),
  experimentStep(
    'simd',
    'simd',
    'Run the SIMD experiment',
    {
      title: 'One core, many pixels: SIMD',
      doText:
        'Press “Run the SIMD experiment”: the JavaScript and WebAssembly SIMD kernels, on one worker and on every core, beside a plain copy of the image.',
      watchText:
        'The chart under Experiments: SIMD against JavaScript on one core is data parallelism; every core against one is task parallelism; together they multiply.',
    },
    (e) => (e.simd ? null : `This step is skipped here: ${e.simdWhyNot || 'WebAssembly SIMD cannot run in this browser.'}`),
  ),
];

/** A step number from a link (1-based), if it names one of the steps. */
export const isLessonStep = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= LESSON_STEPS.length;
