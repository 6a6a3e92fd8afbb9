/**
 * From the timed runs of `npm run bench:cores` to its figures: medians and min–max per worker
 * count, speedup and efficiency against one worker, the copy yardstick's bandwidth, and whether
 * every run of a filter gave the same pixels. Pure, so the tests can feed it made-up runs.
 */
import { median } from '../src/core/stats.js';
import type { FilterSpec } from '../src/core/filters.js';
import type { KernelChoice } from '../src/core/kernel-choice.js';

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export const spreadOf = (xs: readonly number[]): Spread => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

export interface CountResult {
  readonly workers: number;
  /** More workers than the available parallelism: they take turns on the cores. */
  readonly oversubscribed: boolean;
  readonly tilesPerWorker: number;
  /** Wall time of each kept run (the warm-up round is not here), in round order. */
  readonly samplesMs: readonly number[];
  readonly timeMs: Spread;
  /**
   * 1-worker time ÷ this time, each round against the 1-worker run of the same round (they ran
   * side by side), then median and min–max over the rounds. Null when 1 worker was not measured.
   */
  readonly speedup: Spread | null;
  /** Speedup ÷ workers. */
  readonly efficiency: Spread | null;
  /**
   * CPU time of the process ÷ wall time, per run: how many cores the run actually got. Below the
   * worker count (and the cores) means other processes had the rest, not that the code did not scale.
   */
  readonly coresUsed: Spread;
  /** Distinct SHA-256 digests of the destination over this count's runs, warm-up included: one when all agree. */
  readonly digests: readonly string[];
  /** The copy yardstick only: bytes read and written (2 × the plane) per second, in GB/s (10⁹ B/s). */
  readonly gbps?: Spread;
  /** Filters only: this median ÷ the copy's median at the same worker count. */
  readonly vsCopy?: number;
  /** SIMD jobs only: the JavaScript kernel's time ÷ this one, round by round at the same worker count (SIMD's speedup). */
  readonly vsJs?: Spread | null;
}

export interface JobResult {
  readonly kind: string;
  /** "Memory copy", "Median r=3px", … */
  readonly label: string;
  readonly spec: FilterSpec;
  /** The kernels the filter ran with; null for the copy yardstick, which has no kernel to choose. */
  readonly kernel: KernelChoice | null;
  /** Why the job stopped being measured (a kernel that traps); null when every run finished. Its counts then keep no times. */
  readonly error: string | null;
  /** True when every run at every worker count gave the same digest. */
  readonly identical: boolean;
  readonly digest: string | null;
  readonly counts: readonly CountResult[];
}

/** What one run left: its wall time, and the digest of the destination after it. */
interface Run {
  readonly ms: number;
  readonly cpuMs: number;
}

/** Every run of one job (a filter, or the copy), by worker count, in round order. */
export class JobRuns {
  private readonly runs = new Map<number, { kept: Run[]; digests: Set<string> }>();
  private failure: string | null = null;

  constructor(
    readonly spec: FilterSpec,
    readonly label: string,
    readonly kernel: KernelChoice | null = null,
  ) {}

  /** Stop measuring this job: its runs no longer pair round by round with the others'. */
  fail(error: string): void {
    this.failure ??= error;
  }

  get error(): string | null {
    return this.failure;
  }

  /** `kept` false for the warm-up round: its digest is checked, its time is not used. */
  add(workers: number, run: Run, digest: string, kept: boolean): void {
    let r = this.runs.get(workers);
    if (!r) this.runs.set(workers, (r = { kept: [], digests: new Set() }));
    r.digests.add(digest);
    if (kept) r.kept.push(run);
  }

  samples(workers: number): readonly number[] {
    return this.failure ? [] : (this.runs.get(workers)?.kept ?? []).map((r) => r.ms);
  }

  coresUsed(workers: number): readonly number[] {
    return this.failure ? [] : (this.runs.get(workers)?.kept ?? []).map((r) => r.cpuMs / r.ms);
  }

  digests(workers: number): string[] {
    return [...(this.runs.get(workers)?.digests ?? [])];
  }
}

export interface SummaryContext {
  readonly tiles: number;
  readonly cores: number;
  /** Bytes of one plane (width × height × 4). */
  readonly planeBytes: number;
}

/** Paired ratios base[i] / xs[i] over the rounds both have. */
const paired = (base: readonly number[], xs: readonly number[]): number[] =>
  xs.flatMap((x, i) => {
    const b = base[i];
    return b === undefined ? [] : [b / x];
  });

function countResult(runs: JobRuns, workers: number, ctx: SummaryContext): CountResult {
  const samplesMs = runs.samples(workers);
  const ratios = runs.samples(1).length ? paired(runs.samples(1), samplesMs) : [];
  const speedup = ratios.length ? spreadOf(ratios) : null;
  return {
    workers,
    oversubscribed: workers > ctx.cores,
    tilesPerWorker: ctx.tiles / workers,
    samplesMs,
    timeMs: spreadOf(samplesMs),
    speedup,
    efficiency: speedup && { median: speedup.median / workers, min: speedup.min / workers, max: speedup.max / workers },
    coresUsed: spreadOf(runs.coresUsed(workers)),
    digests: runs.digests(workers),
  };
}

function jobResult(runs: JobRuns, counts: readonly CountResult[]): JobResult {
  const all = new Set(counts.flatMap((c) => c.digests));
  const [only] = all;
  return {
    kind: runs.spec.kind,
    label: runs.label,
    spec: runs.spec,
    kernel: runs.kernel,
    error: runs.error,
    identical: all.size === 1 && runs.error === null,
    digest: all.size === 1 ? (only ?? null) : null,
    counts,
  };
}

/** The copy yardstick's figures, with its bandwidth per worker count. */
export function summarizeCopy(runs: JobRuns, workerCounts: readonly number[], ctx: SummaryContext): JobResult {
  const gb = (2 * ctx.planeBytes) / 1e9;
  const counts = workerCounts.map((w) => {
    const c = countResult(runs, w, ctx);
    const rates = c.samplesMs.map((ms) => gb / (ms / 1000));
    return { ...c, gbps: spreadOf(rates) };
  });
  return jobResult(runs, counts);
}

/**
 * A filter's figures, each worker count also against the copy at the same count and, for the SIMD
 * kernel, against the same filter's JavaScript runs (`js`) of the same rounds.
 */
export function summarizeFilter(
  runs: JobRuns,
  workerCounts: readonly number[],
  ctx: SummaryContext,
  copy: JobResult,
  js: JobRuns | null = null,
): JobResult {
  const counts = workerCounts.map((w) => {
    const c = countResult(runs, w, ctx);
    const copyMs = copy.counts.find((k) => k.workers === w)?.timeMs.median ?? NaN;
    const vsJs = js ? paired(js.samples(w), c.samplesMs) : [];
    return { ...c, vsCopy: c.timeMs.median / copyMs, ...(js ? { vsJs: vsJs.length ? spreadOf(vsJs) : null } : {}) };
  });
  return jobResult(runs, counts);
}

/** The same filter (same parameters) with every kernel measured gave one digest: the kernels agree. */
export function kernelsAgree(jobs: readonly JobResult[]): { label: string; agree: boolean; digests: string[] }[] {
  const bySpec = new Map<string, JobResult[]>();
  for (const j of jobs) {
    const key = JSON.stringify(j.spec);
    bySpec.set(key, [...(bySpec.get(key) ?? []), j]);
  }
  return [...bySpec.values()].map((group) => {
    const digests = [...new Set(group.flatMap((j) => j.counts.flatMap((c) => c.digests)))];
    return {
      label: group[0]?.label ?? '?',
      agree: group.every((j) => j.identical) && digests.length === 1,
      digests,
    };
  });
}

/** The issue's target for the WebAssembly kernels' scaling: speedup from 1 to N workers ≥ 0.85·N, for median and blur. */
export const SCALING_TARGET = 0.85;

export interface ScalingTarget {
  readonly target: string;
  readonly value: string;
  readonly holds: boolean;
}

export function scalingTargets(filters: readonly JobResult[], cores: number): ScalingTarget[] {
  return filters
    .filter((f) => f.kernel === 'simd' && (f.kind === 'median' || f.kind === 'blur'))
    .map((f) => {
      const target = `${f.label}, WebAssembly SIMD: speedup from 1 to ${cores} workers ≥ ${(SCALING_TARGET * cores).toFixed(2)}× (0.85·N)`;
      if (f.error) return { target, value: `not measured (failed: ${f.error})`, holds: false };
      const s = f.counts.find((c) => c.workers === cores)?.speedup;
      if (!s) return { target, value: `not measured (needs 1 and ${cores} workers)`, holds: false };
      return {
        target,
        value: `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)}×)`,
        holds: s.median >= SCALING_TARGET * cores,
      };
    });
}
