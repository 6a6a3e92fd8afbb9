/**
 * What `npm run bench:batch` measures and how it reads the figures, as pure functions: its
 * options, each round's order, the ratio of the two schedules taken within each round, the
 * ceiling a pipeline can reach from the stage times, and the markdown. No browser and no clock
 * here, so the tests can check them with tables.
 */
import { parseArgs } from 'node:util';
import { STAGES, SCHEDULE_LABELS, type BatchSchedule, type BatchSummary, type Stage } from '../src/core/batch.js';
import { describeSpec } from '../src/core/filters.js';
import { median, formatMs, formatShare } from '../src/core/stats.js';
import type { FilterSpec } from '../src/core/types.js';
import { count } from '../src/core/words.js';
import { rotate } from './cores-plan.js';
import { list, wholeNumber } from './args.js';
import { gib } from './memory.js';
import { benchFilters } from './plan.js';

/** The issue's target: pipelined at least this many times the throughput of one after another, for grayscale. */
export const PIPELINE_TARGET = 1.5;
/** The photos: 12 MP, 4:3, as a phone takes them. */
export const PHOTO = { width: 4000, height: 3000 } as const;
/** The quality the harness encodes its painted JPEGs at (tests/browser/batch-harness.ts). */
export const INPUT_JPEG_QUALITY = 0.9;
export const SCHEDULES: readonly BatchSchedule[] = ['sequential', 'pipelined'];
export type MemorySink = 'count' | 'zip';

export interface BatchBenchOptions {
  /** Rounds kept after the warm-up; each runs every filter under both schedules. */
  readonly rounds: number;
  /** Photos in each timed batch. */
  readonly photos: number;
  /** Photos in each memory batch, shortest first (several lengths show whether memory grows with the batch); none: no memory section. */
  readonly memoryPhotos: readonly number[];
  /** The sinks the memory batch is run with, each once. */
  readonly memorySinks: readonly MemorySink[];
  readonly filters: readonly FilterSpec[];
  /** The preview server's port; taken, the run fails at once. */
  readonly port: number;
  /** Writes `<out>.json` and `<out>.md`. */
  readonly out: string;
  /** A sentence for the results about the conditions of the run (e.g. what else the machine was doing); empty: none. */
  readonly note: string;
}

/** The command line of `npm run bench:batch`; an unknown option or a bad value is an error. */
export function parseBatchArgs(argv: readonly string[]): BatchBenchOptions {
  const { values: v } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      rounds: { type: 'string' },
      photos: { type: 'string' },
      'memory-photos': { type: 'string' },
      'memory-sinks': { type: 'string' },
      filters: { type: 'string' },
      port: { type: 'string' },
      out: { type: 'string' },
      note: { type: 'string' },
    },
  });
  const sinks = list(v['memory-sinks'] ?? 'zip').map((s): MemorySink => {
    if (s !== 'count' && s !== 'zip') throw new Error(`--memory-sinks wants count, zip or both, not "${s}"`);
    return s;
  });
  const filters = benchFilters(list(v.filters ?? 'grayscale,median'));
  if (!filters.length) throw new Error('--filters wants at least one filter');
  return {
    rounds: wholeNumber('rounds', v.rounds ?? '3', 1),
    photos: wholeNumber('photos', v.photos ?? '10', 1),
    memoryPhotos: [...new Set(list(v['memory-photos'] ?? '10,50').map((n) => wholeNumber('memory-photos', n, 0)))]
      .filter((n) => n > 0)
      .sort((a, b) => a - b),
    memorySinks: [...new Set(sinks)],
    filters,
    port: wholeNumber('port', v.port ?? '5185', 1),
    out: v.out ?? 'bench/batch-results',
    note: v.note ?? '',
  };
}

/** Round `round`'s order of the schedules: swapped every round, so neither always runs first. */
export const scheduleOrder = (round: number): BatchSchedule[] => rotate(SCHEDULES, round);

/** A median with the smallest and largest of what it was taken from. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function spread(values: readonly number[]): Spread {
  if (!values.length) return { median: NaN, min: NaN, max: NaN };
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** "1.62× (1.55×–1.70×)", or the value alone when every round gave the same. */
export function formatSpread(s: Spread, unit: (x: number) => string): string {
  const m = unit(s.median);
  const lo = unit(s.min);
  const hi = unit(s.max);
  return lo === hi ? m : `${m} (${lo}–${hi})`;
}

const times = (x: number): string => `${x.toFixed(2)}×`;
const perMinute = (x: number): string => x.toFixed(1);
const percent = (x: number): string => `${Math.round(x * 100)}%`;

/** One timed batch: the figures of its summary that the report uses, and what the bench adds. */
export interface BatchRun extends Pick<
  BatchSummary,
  'schedule' | 'totalMs' | 'photosPerMinute' | 'busyShare' | 'bottleneck' | 'peakInFlight'
> {
  readonly round: number;
  /** Photos saved. */
  readonly saved: number;
  readonly savedBytes: number;
  /** Median over the photos of the filter run itself and of the hashing after it (both inside the filter stage). */
  readonly filterRunMs: number;
  readonly readbackMs: number;
}

/**
 * Pipelined throughput ÷ one-after-another throughput, round by round: both of a round ran
 * back to back, so a neighbour's load slows both alike. A round missing either schedule gives none.
 */
export function ratiosByRound(runs: readonly BatchRun[]): number[] {
  const rounds = [...new Set(runs.map((r) => r.round))].sort((a, b) => a - b);
  return rounds.flatMap((round) => {
    const of = (s: BatchSchedule) => runs.find((r) => r.round === round && r.schedule === s);
    const seq = of('sequential');
    const pipe = of('pipelined');
    return seq && pipe && seq.photosPerMinute > 0 ? [pipe.photosPerMinute / seq.photosPerMinute] : [];
  });
}

/**
 * The most a pipeline can gain over one after another, from the stage times of a batch run one
 * after another (where the stages' busy shares add up to the whole): the sum of the stages over
 * the longest, since a pipeline still passes every photo through its slowest stage one at a time.
 * A filter that takes 80% of the time caps the gain at 1 ÷ 0.8 = 1.25×.
 */
export function pipelineCeiling(sequentialShare: Readonly<Record<Stage, number>>): number {
  const shares = STAGES.map((s) => sequentialShare[s]);
  const longest = Math.max(...shares);
  return longest > 0 ? shares.reduce((a, b) => a + b, 0) / longest : NaN;
}

/** The stage most rounds named as the bottleneck; ties go to the later stage, as `bottleneck` does. */
export function commonBottleneck(stages: readonly (Stage | null)[]): Stage | null {
  let best: Stage | null = null;
  let bestCount = 0;
  for (const s of STAGES) {
    const n = stages.filter((x) => x === s).length;
    if (n > 0 && n >= bestCount) [best, bestCount] = [s, n];
  }
  return best;
}

export interface ScheduleSummary {
  readonly schedule: BatchSchedule;
  readonly totalMs: Spread;
  readonly photosPerMinute: Spread;
  /** Each stage's median busy share over the rounds. */
  readonly busyShare: Readonly<Record<Stage, number>>;
  readonly bottleneck: Stage | null;
  readonly peakInFlight: number;
}

export interface FilterSummary {
  readonly spec: FilterSpec;
  readonly schedules: readonly ScheduleSummary[];
  readonly ratio: Spread;
  /** From the one-after-another stage times: see `pipelineCeiling`. */
  readonly ceiling: number;
  /** Both schedules gave the same pixels (SHA-256 per photo) and the same files in every round. */
  readonly identical: boolean;
}

export function summarizeSchedule(schedule: BatchSchedule, runs: readonly BatchRun[]): ScheduleSummary {
  const own = runs.filter((r) => r.schedule === schedule);
  return {
    schedule,
    totalMs: spread(own.map((r) => r.totalMs)),
    photosPerMinute: spread(own.map((r) => r.photosPerMinute)),
    busyShare: Object.fromEntries(STAGES.map((s) => [s, median(own.map((r) => r.busyShare[s]))])) as Record<Stage, number>,
    bottleneck: commonBottleneck(own.map((r) => r.bottleneck)),
    peakInFlight: Math.max(0, ...own.map((r) => r.peakInFlight)),
  };
}

export function summarizeFilter(spec: FilterSpec, runs: readonly BatchRun[], identical: boolean): FilterSummary {
  const schedules = SCHEDULES.map((s) => summarizeSchedule(s, runs));
  const sequential = schedules[0];
  return {
    spec,
    schedules,
    ratio: spread(ratiosByRound(runs)),
    ceiling: sequential ? pipelineCeiling(sequential.busyShare) : NaN,
    identical,
  };
}

/**
 * Why the ratio is what it is, in one sentence from the figures: the filter's share of a batch
 * run one after another sets the ceiling; when the filter already uses every core, the stages
 * overlapped with it compete with it for those cores.
 */
export function whySentence(f: FilterSummary, cores: number): string {
  const seq = f.schedules.find((s) => s.schedule === 'sequential');
  const pipe = f.schedules.find((s) => s.schedule === 'pipelined');
  if (!seq || !pipe) return '';
  const name = describeSpec(f.spec);
  const longest = STAGES.reduce((a, b) => (seq.busyShare[b] > seq.busyShare[a] ? b : a));
  const share = formatShare(seq.busyShare[longest]);
  const head = `${name}: one after another, ${longest} takes ${share} of the time, so a pipeline can gain at most ${times(f.ceiling)} (all stage times ÷ the longest)`;
  if (f.ratio.median >= PIPELINE_TARGET)
    return `${head}; pipelined reaches ${times(f.ratio.median)}: decoding and encoding run in workers of their own, so they overlap each other and the filter.`;
  if (longest === 'filter')
    return `${head}; pipelined reaches ${times(f.ratio.median)}, close to 1× because filtering dominates: the filter already runs on all ${count(cores, 'core')}, so decoding and encoding alongside it take cores from it and only the waiting is hidden.`;
  return `${head}; pipelined reaches ${times(f.ratio.median)}: ${pipe.bottleneck ?? 'no stage'} limits the pipeline, and on ${count(cores, 'core')} the overlapped stages share the same cores.`;
}

export interface MemoryRun {
  readonly sink: MemorySink;
  readonly photos: number;
  readonly filter: FilterSpec;
  /** Summed RSS of the browser's process tree before the batch (photos painted, workers started). */
  readonly baselineBytes: number;
  /** Highest summed RSS sampled between the batch's start and end. */
  readonly peakBytes: number;
  readonly samples: number;
  readonly processes: number;
  readonly baselinePssBytes: number | null;
  readonly finalPssBytes: number | null;
  readonly totalMs: number;
  readonly saved: number;
  readonly savedBytes: number;
  readonly peakInFlight: number;
  /** `batchMemoryBytes` at the pipelined in-flight limit: the memory the batch is said to hold at most, output aside. */
  readonly statedBytes: number;
  readonly inFlightLimit: number;
}

const mib = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MiB`;

export interface BatchReport {
  readonly command: string;
  readonly machineLine: string;
  readonly loadLine: string;
  /** Said right under the machine; empty: nothing. */
  readonly note: string;
  readonly cores: number;
  readonly settingsLine: string;
  readonly rounds: number;
  readonly photos: number;
  readonly filters: readonly FilterSummary[];
  readonly memory: readonly MemoryRun[];
}

export interface BatchTarget {
  readonly target: string;
  readonly value: string;
  readonly holds: boolean;
}

/** The issue's target (≥ 1.5× for grayscale) and the byte-identical output of both schedules. */
export function batchTargets(filters: readonly FilterSummary[]): BatchTarget[] {
  return filters.flatMap((f) => [
    ...(f.spec.kind === 'grayscale'
      ? [
          {
            target: `${describeSpec(f.spec)}: pipelined ≥ ${PIPELINE_TARGET}× the photos per minute of one after another`,
            value: formatSpread(f.ratio, times),
            holds: f.ratio.median >= PIPELINE_TARGET,
          },
        ]
      : []),
    {
      target: `${describeSpec(f.spec)}: both schedules give the same SHA-256 per photo and the same files`,
      value: String(f.identical),
      holds: f.identical,
    },
  ]);
}

/** What a memory batch held beyond its baseline, its output (the ZIP, which grows with the batch) aside. */
export const heldBytes = (m: MemoryRun): number => m.peakBytes - m.baselineBytes - (m.sink === 'zip' ? m.savedBytes : 0);

/** A longer batch may hold this much more than a shorter one and still count as bounded: RSS moves with the collectors. */
export const LENGTH_SLACK = 1.15;

/**
 * The memory targets: every batch within the stated amount (its output aside), and, per sink, the
 * longest batch holding no more than the shortest (within `LENGTH_SLACK`): memory that does not
 * grow with the number of photos.
 */
export function memoryTargets(memory: readonly MemoryRun[]): BatchTarget[] {
  const within = memory.map((m) => ({
    target: `${m.photos} photos (${m.sink === 'zip' ? 'ZIP' : 'counting'}): peak − baseline − output ≤ stated ${mib(m.statedBytes)}`,
    value: `${mib(heldBytes(m))} (${times(heldBytes(m) / m.statedBytes)})`,
    holds: heldBytes(m) <= m.statedBytes,
  }));
  const sinks = [...new Set(memory.map((m) => m.sink))];
  const growth = sinks.flatMap((sink) => {
    const runs = memory.filter((m) => m.sink === sink).sort((a, b) => a.photos - b.photos);
    const short = runs[0];
    const long = runs[runs.length - 1];
    if (!short || !long || short.photos === long.photos) return [];
    const ratio = heldBytes(long) / heldBytes(short);
    return [
      {
        target: `${sink === 'zip' ? 'ZIP' : 'counting'}: ${long.photos} photos hold no more than ${short.photos} (≤ ${times(LENGTH_SLACK)}, output aside)`,
        value: `${mib(heldBytes(long))} vs ${mib(heldBytes(short))} (${times(ratio)})`,
        holds: ratio <= LENGTH_SLACK,
      },
    ];
  });
  return [...within, ...growth];
}

export function batchMarkdown(r: BatchReport): string {
  const lines: string[] = [
    '# npm run bench:batch',
    '',
    `Command: \`${r.command}\``,
    '',
    r.machineLine,
    '',
    r.loadLine,
    '',
    ...(r.note ? [`**Note:** ${r.note}`, ''] : []),
    r.settingsLine,
    '',
    `Median of ${count(r.rounds, 'round')} after one warm-up batch per filter; each round runs every filter one after another and pipelined, in an order swapped every round; brackets are min–max over the rounds. Busy share: the time a stage had a photo in it, over the batch's total time (pipelined, the shares add up to more than 100%: that is the overlap).`,
    '',
    `| filter | schedule | total (${count(r.photos, 'photo')}) | photos per minute | ${STAGES.map((s) => `${s} busy`).join(' | ')} | bottleneck | most photos in flight |`,
    `|---|---|---|---|${STAGES.map(() => '---|').join('')}---|---|`,
  ];
  for (const f of r.filters)
    for (const s of f.schedules)
      lines.push(
        `| ${describeSpec(f.spec)} | ${SCHEDULE_LABELS[s.schedule]} | ${formatSpread(s.totalMs, formatMs)} | ${formatSpread(s.photosPerMinute, perMinute)} | ` +
          `${STAGES.map((st) => percent(s.busyShare[st])).join(' | ')} | ${s.bottleneck ?? '–'} | ${s.peakInFlight} |`,
      );
  lines.push(
    '',
    '| filter | pipelined ÷ one after another (photos per minute, within each round) | ceiling from the stage times | same output |',
    '|---|---|---|---|',
    ...r.filters.map(
      (f) => `| ${describeSpec(f.spec)} | ${formatSpread(f.ratio, times)} | ${times(f.ceiling)} | ${f.identical ? 'yes' : '**no**'} |`,
    ),
    '',
    ...r.filters.map((f) => `- ${whySentence(f, r.cores)}`),
    '',
    '| target | measured | holds |',
    '|---|---|---|',
    ...batchTargets(r.filters).map((t) => `| ${t.target} | ${t.value} | ${t.holds ? 'yes' : '**no**'} |`),
    '',
  );
  if (r.memory.length) {
    const stated = r.memory[0]?.statedBytes ?? 0;
    const limit = r.memory[0]?.inFlightLimit ?? 0;
    lines.push(
      '**Memory** of a pipelined batch: the summed resident set (RSS, /proc/<pid>/statm) of the browser’s whole process tree (browser, renderer with its workers, GPU and utility processes), sampled every 50 ms from the batch’s start to its end; each batch runs on a fresh page (a renderer of its own), and its baseline is taken after the photos are painted, a batch of small photos has started the workers and the page’s heap is collected. PSS counts shared pages once; it is read only outside the batch (slow). ' +
        `"Stated" is \`batchMemoryBytes\` at the pipelined in-flight limit: the planes of ${limit} photos in flight (8 bytes a pixel each, in kernel memories handed from photo to photo) and one decode and one encode under way (20 bytes a pixel), ${mib(stated)} for 12 MP photos; the output comes on top. The counting sink keeps no output (its bytes are only counted); the ZIP sink keeps the growing archive in memory, as the app does.`,
      '',
      '| photos | filter | sink | batch time | baseline RSS | peak RSS | peak − baseline | peak − baseline − output | stated | (peak − baseline − output) ÷ stated | PSS before / after | output | most photos in flight |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...r.memory.map(
        (m) =>
          `| ${m.photos} × 12 MP | ${describeSpec(m.filter)} | ${m.sink === 'zip' ? 'ZIP in memory' : 'counting (keeps nothing)'} | ${formatMs(m.totalMs)} | ` +
          `${gib(m.baselineBytes)} GiB | ${gib(m.peakBytes)} GiB | ${mib(m.peakBytes - m.baselineBytes)} | ${mib(heldBytes(m))} | ${mib(m.statedBytes)} | ` +
          `${times(heldBytes(m) / m.statedBytes)} | ${m.baselinePssBytes === null ? '–' : `${gib(m.baselinePssBytes)} GiB`} / ${m.finalPssBytes === null ? '–' : `${gib(m.finalPssBytes)} GiB`} | ` +
          `${mib(m.savedBytes)} | ${m.peakInFlight} |`,
      ),
      '',
      '| memory target | measured | holds |',
      '|---|---|---|',
      ...memoryTargets(r.memory).map((t) => `| ${t.target} | ${t.value} | ${t.holds ? 'yes' : '**no**'} |`),
      '',
    );
  }
  return lines.join('\n');
}
