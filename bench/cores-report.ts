/**
 * What `npm run bench:cores` writes: the JSON shape (`<out>.json`) and the markdown tables
 * (`<out>.md`, also printed), both from the same `CoresReport`.
 */
import { KERNELS, type KernelChoice } from '../src/core/kernel-choice.js';
import { formatMs } from '../src/core/stats.js';
import type { CountResult, JobResult, ScalingTarget, Spread } from './cores-results.js';

export interface Machine {
  /** `os.cpus()[0].model`. */
  readonly cpuModel: string;
  readonly logicalCpus: number;
  readonly availableParallelism: number;
  readonly totalMemGiB: number;
  readonly os: string;
  readonly node: string;
  readonly date: string;
  /** The whole plane copied in one `dst.set(src)` on the main thread (GB/s read + written): memory at its fastest. */
  readonly wholePlaneCopyGBps: number;
  /** 1, 5 and 15 minute load averages when the run started, before any worker: what else was running. */
  readonly loadAverageAtStart: readonly number[];
}

export interface CoresConfig {
  readonly width: number;
  readonly height: number;
  readonly megapixels: number;
  readonly image: string;
  /** SHA-256 of the painted source: the copy yardstick must reproduce it. */
  readonly srcDigest: string;
  readonly tileSize: number;
  readonly tiles: number;
  readonly schedule: 'dynamic';
  readonly repeats: number;
  readonly warmupRounds: number;
  readonly workerCounts: readonly number[];
  readonly filters: readonly string[];
  readonly kernels: readonly KernelChoice[];
  /** The WebAssembly module (scripts/wasm-kernels.mjs), when the SIMD kernels ran. */
  readonly wasm: { readonly hash: string; readonly bytes: number } | null;
}

export interface CoresReport {
  readonly machine: Machine;
  readonly config: CoresConfig;
  readonly copy: JobResult;
  /** Each filter once per kernel, JavaScript first. */
  readonly filters: readonly JobResult[];
  /** Per filter: whether every kernel, at every worker count, gave the one digest. */
  readonly kernelsAgree: readonly { readonly label: string; readonly agree: boolean; readonly digests: readonly string[] }[];
  readonly targets: readonly ScalingTarget[];
  readonly warnings: readonly string[];
  /** Wall time of the whole benchmark, start-up and painting included, in seconds. */
  readonly elapsedS: number;
}

const spreadText = (s: Spread | null | undefined, f: (n: number) => string, unit = ''): string =>
  s ? `${f(s.median)}${unit} (${f(s.min)}–${f(s.max)})` : '–';
const times = (s: Spread): string => `${formatMs(s.median)} (${formatMs(s.min)}–${formatMs(s.max)})`;
const fixed = (digits: number) => (n: number) => n.toFixed(digits);
const percent = (n: number): string => Math.round(n * 100).toString();
const workersText = (c: CountResult): string => (c.oversubscribed ? `${c.workers} (oversubscribed)` : `${c.workers}`);
const perWorker = (c: CountResult): string => (Number.isInteger(c.tilesPerWorker) ? `${c.tilesPerWorker}` : c.tilesPerWorker.toFixed(1));

function copyTable(copy: JobResult): string[] {
  return [
    '| workers | tiles per worker | time | GB/s (read + written) | speedup | efficiency | cores used |',
    '|---|---|---|---|---|---|---|',
    ...copy.counts.map(
      (c) =>
        `| ${workersText(c)} | ${perWorker(c)} | ${times(c.timeMs)} | ${spreadText(c.gbps, fixed(1))} | ` +
        `${spreadText(c.speedup, fixed(2), '×')} | ${spreadText(c.efficiency, percent, '%')} | ${spreadText(c.coresUsed, fixed(1))} |`,
    ),
  ];
}

const kernelText = (k: KernelChoice | null): string => (k ? KERNELS[k].short : '–');

function filterTable(filters: readonly JobResult[]): string[] {
  return [
    '| filter | kernel | workers | time | speedup | efficiency | time ÷ copy | JS ÷ SIMD | cores used |',
    '|---|---|---|---|---|---|---|---|---|',
    ...filters.flatMap((f) =>
      f.error
        ? [`| ${f.label} | ${kernelText(f.kernel)} | – | failed: ${f.error} | | | | | |`]
        : f.counts.map(
            (c) =>
              `| ${f.label} | ${kernelText(f.kernel)} | ${workersText(c)} | ${times(c.timeMs)} | ${spreadText(c.speedup, fixed(2), '×')} | ` +
              `${spreadText(c.efficiency, percent, '%')} | ${c.vsCopy === undefined ? '–' : c.vsCopy.toFixed(1)}× | ` +
              `${c.vsJs ? spreadText(c.vsJs, fixed(2), '×') : '–'} | ${spreadText(c.coresUsed, fixed(1))} |`,
          ),
    ),
  ];
}

function pixelsLine(r: CoresReport): string {
  const bad = [r.copy, ...r.filters].filter((j) => !j.identical && !j.error);
  const failed = r.filters.filter((j) => j.error);
  const disagree = r.kernelsAgree.filter((k) => !k.agree);
  const lines: string[] = [];
  if (!bad.length && !disagree.length && !failed.length)
    lines.push(
      r.config.kernels.length > 1
        ? 'Pixels: every run of each filter gave the same SHA-256 of the destination, with either kernel, at every worker count.'
        : 'Pixels: every run of each filter gave the same SHA-256 of the destination, at every worker count.',
    );
  if (bad.length)
    lines.push(
      `Pixels DIFFER between runs of: ${bad.map((j) => `${j.label} ${kernelText(j.kernel)} (${j.counts.map((c) => `${c.workers}: ${c.digests.map((d) => d.slice(0, 12)).join('/')}`).join(', ')})`).join('; ')}.`,
    );
  const across = disagree.filter((k) => !failed.some((f) => f.label === k.label));
  if (across.length)
    lines.push(
      `Pixels DIFFER between kernels for: ${across.map((k) => `${k.label} (${k.digests.map((d) => d.slice(0, 12)).join('/')})`).join('; ')}.`,
    );
  if (failed.length)
    lines.push(`Failed, so not compared: ${failed.map((j) => `${j.label} ${kernelText(j.kernel)} (${j.error ?? ''})`).join('; ')}.`);
  return lines.join(' ');
}

function targetLines(r: CoresReport): string[] {
  if (!r.targets.length) return [];
  return [
    '',
    '| target | measured | holds |',
    '|---|---|---|',
    ...r.targets.map((t) => `| ${t.target} | ${t.value} | ${t.holds ? 'yes' : '**no**'} |`),
  ];
}

/** The markdown of a report: machine and setup, the copy yardstick, then every filter. */
export function coresMarkdown(r: CoresReport): string {
  const m = r.machine,
    c = r.config;
  return [
    '# npm run bench:cores',
    '',
    `Machine: ${m.cpuModel}, ${m.logicalCpus} logical CPUs, availableParallelism ${m.availableParallelism}, ` +
      `${m.totalMemGiB.toFixed(0)} GiB, ${m.os}, Node ${m.node}; ${m.date}; load average ${m.loadAverageAtStart.map((l) => l.toFixed(2)).join(' / ')} at start.`,
    `Image: ${c.width}×${c.height} (${c.megapixels.toFixed(1)} MP, ${c.image}); tile ${c.tileSize} px: ${c.tiles} tiles, claimed dynamically.`,
    `Kernels: ${c.kernels.map((k) => KERNELS[k].label).join(' and ')}` +
      (c.wasm
        ? ` (module ${c.wasm.hash}, ${c.wasm.bytes} bytes, compiled once and posted to every worker, which instantiates it at start-up on the one shared WebAssembly.Memory that holds both planes, each lane with its own scratch; the JavaScript kernels run on the same planes).`
        : '.'),
    `Median of ${c.repeats} round${c.repeats > 1 ? 's' : ''} after ${c.warmupRounds} warm-up round; each round runs every worker count of every filter, in an order that rotates by round. ` +
      'Speedup is against 1 worker in the same round; brackets are min–max over the rounds. ' +
      '"Cores used" is the CPU time of the whole process ÷ wall time: fewer than the workers (up to the cores) means other processes held the rest.',
    '',
    '**Memory copy** (the same workers and claim loop copying src to dst tile by tile, row by row: the memory traffic of a filter ' +
      `without its work; for scale, the whole plane in one \`dst.set(src)\` on the main thread: ${m.wholePlaneCopyGBps.toFixed(1)} GB/s):`,
    '',
    ...copyTable(r.copy),
    '',
    '**Filters** (default parameters; "time ÷ copy" near 1 means the filter is as fast as memory allows at that worker count; ' +
      '"JS ÷ SIMD" is the JavaScript kernel\'s time over the SIMD kernel\'s, round by round, at the same worker count):',
    '',
    ...filterTable(r.filters),
    ...targetLines(r),
    '',
    pixelsLine(r),
    ...(r.warnings.length ? ['', ...r.warnings.map((w) => `- Warning: ${w}`)] : []),
    '',
  ].join('\n');
}
