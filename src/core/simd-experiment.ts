/**
 * "One core, many pixels (SIMD)": the same filter with the JavaScript and the WebAssembly SIMD
 * kernels, on one worker and on every core, beside a plain copy of the image on as many workers.
 * Data parallelism (one instruction on 16 bytes) against task parallelism (cores on tiles), and
 * how the two multiply until moving the pixels is all that is left.
 */
import { ratioRange } from './compare.js';
import { formatSpread, MIN_REPEATS, separated, spreadOf, type Spread } from './evidence.js';
import { describeSpec } from './filters.js';
import { KERNELS, type KernelChoice } from './kernel-choice.js';
import type { RunRecord } from './record.js';
import { count } from './words.js';

export interface SimdVariant {
  readonly kernel: KernelChoice;
  readonly workers: number;
}

/** JavaScript ×1, WebAssembly SIMD ×1, then both on every core (just ×1 on one core). */
export function simdVariants(cores: number): SimdVariant[] {
  const counts = cores > 1 ? [1, cores] : [1];
  return counts.flatMap((workers) => (['js', 'simd'] as const).map((kernel) => ({ kernel, workers })));
}

export const simdLabel = (v: SimdVariant): string => `${KERNELS[v.kernel].label} ×${v.workers}`;

export interface SimdPoint extends SimdVariant {
  readonly label: string;
  readonly wall: Spread;
  readonly samplesMs: readonly number[];
}

export interface SimdResult {
  readonly kind: 'simd';
  readonly filter: string;
  readonly cores: number;
  readonly points: readonly SimdPoint[];
  /** A plain copy of the image (source to destination), per worker count: the memory's own speed. */
  readonly copy: readonly { readonly workers: number; readonly wall: Spread }[];
  /** Why the SIMD runs used JavaScript after all; null when they ran WebAssembly SIMD. */
  readonly unavailable: string | null;
}

/**
 * The result from the runs by variant label. A variant asked for SIMD whose records say they
 * ran JavaScript (no SIMD here, or no memory for it) is reported as unavailable, not as SIMD.
 */
export function simdResult(
  runs: ReadonlyMap<string, readonly RunRecord[]>,
  cores: number,
  copyMs: ReadonlyMap<number, readonly number[]>,
  unavailableReason: string,
): SimdResult {
  let filter = '';
  const points = simdVariants(cores).flatMap((v) => {
    const done = (runs.get(simdLabel(v)) ?? []).filter((r) => r.outcome === 'done');
    const first = done[0];
    if (!first) return [];
    filter ||= describeSpec(first.settings.filter);
    const samplesMs = done.map((r) => r.wallMs);
    return [{ ...v, label: simdLabel(v), wall: spreadOf(samplesMs), samplesMs }];
  });
  const fellBack = simdVariants(cores).some(
    (v) => v.kernel === 'simd' && (runs.get(simdLabel(v)) ?? []).some((r) => r.outcome === 'done' && r.settings.kernel !== 'simd'),
  );
  const copy = [...copyMs].sort((a, b) => a[0] - b[0]).map(([workers, ms]) => ({ workers, wall: spreadOf(ms) }));
  return { kind: 'simd', filter, cores, points, copy, unavailable: fellBack ? unavailableReason : null };
}

const x2 = (n: number): string => `${n.toFixed(n >= 10 ? 0 : 1)}×`;

/** "3.1× (2.8–3.4×)" when the repeats separate the two, else null. */
function speedup(slow: SimdPoint | undefined, fast: SimdPoint | undefined): string | null {
  if (!slow || !fast || slow.wall.n < MIN_REPEATS || fast.wall.n < MIN_REPEATS || !separated(slow.wall, fast.wall)) return null;
  const r = ratioRange(slow.wall, fast.wall);
  return `${x2(r.median)} (${x2(r.low)}–${x2(r.high)})`;
}

/** A filter is memory-bound with a kernel when it takes less than this many times a plain copy of the image. */
export const MEMORY_BOUND_FACTOR = 2.5;

export function simdSummary(r: SimdResult): string {
  if (r.unavailable) return `WebAssembly SIMD cannot run here, so there is nothing to compare: ${r.unavailable}`;
  const at = (kernel: KernelChoice, workers: number): SimdPoint | undefined =>
    r.points.find((p) => p.kernel === kernel && p.workers === workers);
  const measured = r.points.map((p) => `${p.label} ${formatSpread(p.wall)}`).join('; ');
  const n = Math.max(...r.points.map((p) => p.workers));
  const lines = [`${r.filter}, measured (median, fastest–slowest): ${measured}.`];
  const data = speedup(at('js', 1), at('simd', 1));
  lines.push(
    data
      ? `On one core, SIMD ran ${data} as fast as JavaScript: data parallelism.`
      : 'On one core, the repeats cannot tell SIMD from JavaScript apart.',
  );
  if (n > 1) {
    const task = speedup(at('js', 1), at('js', n));
    const both = speedup(at('js', 1), at('simd', n));
    lines.push(
      task
        ? `${count(n, 'core')} ran JavaScript ${task} as fast as one: task parallelism.`
        : `The repeats cannot tell JavaScript on ${count(n, 'core')} from one.`,
    );
    if (both) lines.push(`Both together: ${both} as fast as JavaScript on one core.`);
  }
  for (const p of r.points.filter((q) => q.kernel === 'simd')) {
    const copy = r.copy.find((c) => c.workers === p.workers);
    if (!copy || !Number.isFinite(copy.wall.median)) continue;
    const factor = p.wall.median / copy.wall.median;
    if (factor <= MEMORY_BOUND_FACTOR)
      lines.push(
        `With SIMD on ${count(p.workers, 'worker')} the filter took only ${factor.toFixed(1)}× the time of copying the image (${formatSpread(copy.wall)}): it is memory-bound, limited by moving the pixels rather than by computing them.`,
      );
  }
  return lines.join(' ');
}
