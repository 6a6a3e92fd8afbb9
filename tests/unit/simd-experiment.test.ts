import { describe, expect, it } from 'vitest';
import type { RunRecord, RunSettings } from '../../src/core/record.js';
import { simdSummary, simdVariants, type SimdResult } from '../../src/core/simd-experiment.js';
import type { KernelChoice } from '../../src/core/kernel-choice.js';
import { runExperiment } from '../../src/engine/experiments.js';
import { record, scriptedContext } from './evidence-fixtures.js';

interface Machine {
  readonly cores: number;
  /** Wall time of one run by kernel and workers, before noise. */
  readonly ms: (kernel: KernelChoice, workers: number) => number;
  /** Copy yardstick by workers. */
  readonly copyMs: (workers: number) => number;
  /** What a run asked for SIMD really ran (a page without SIMD runs JavaScript). */
  readonly ran?: KernelChoice;
  readonly noise?: readonly number[];
}

/** The SIMD experiment through the engine's own `runExperiment`, on a scripted machine; also the settings of every run, in order. */
async function simdOn(m: Machine): Promise<{ result: SimdResult; asked: RunSettings[]; copies: number[] }> {
  const asked: RunSettings[] = [];
  const copies: number[] = [];
  let i = 0;
  const runOne = (s: RunSettings): Promise<RunRecord> => {
    asked.push(s);
    const kernel = s.kernel === 'simd' ? (m.ran ?? 'simd') : 'js';
    const factor = m.noise?.[i % m.noise.length] ?? 1;
    return Promise.resolve(record(++i, { ...s, kernel }, m.ms(s.kernel, s.workers) * factor));
  };
  const ctx = scriptedContext(runOne, {
    base: record(0, { kernel: 'simd' }, 0).settings,
    cores: m.cores,
    copy: (workers) => {
      copies.push(workers);
      return Promise.resolve(m.copyMs(workers));
    },
    simdReason: 'This browser’s WebAssembly has no SIMD.',
  });
  const result = await runExperiment('simd', ctx);
  if (result.kind !== 'simd') throw new Error(`expected the SIMD result, got ${result.kind}`);
  return { result, asked, copies };
}

// JavaScript 1000 ms on one core; SIMD 8× that speed; cores scale perfectly; a copy takes 50 ms / workers.
const fast: Machine = {
  cores: 2,
  ms: (k, n) => (k === 'simd' ? 125 : 1000) / n,
  copyMs: (n) => 50 / n,
  noise: [1, 1.03, 0.98, 1.01],
};

describe('One core, many pixels (SIMD)', () => {
  it('runs JavaScript and SIMD on one worker and on every core, a warm-up round then three, taking turns', async () => {
    const { result, asked, copies } = await simdOn(fast);
    expect(simdVariants(2)).toEqual([
      { kernel: 'js', workers: 1 },
      { kernel: 'simd', workers: 1 },
      { kernel: 'js', workers: 2 },
      { kernel: 'simd', workers: 2 },
    ]);
    expect(asked).toHaveLength(4 * 4);
    expect(asked.every((s) => s.mode === 'parallel')).toBe(true);
    // Each round starts one variant later, so no variant always goes first.
    const firsts = [0, 4, 8, 12].map((k) => `${asked[k]?.kernel} ×${asked[k]?.workers}`);
    expect(new Set(firsts).size).toBe(4);
    expect(result.points.map((p) => [p.label, p.wall.n])).toEqual([
      ['JavaScript ×1', 3],
      ['WebAssembly SIMD ×1', 3],
      ['JavaScript ×2', 3],
      ['WebAssembly SIMD ×2', 3],
    ]);
    // The yardstick: a warm-up and three rounds on each worker count.
    expect(copies).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    expect(result.copy.map((c) => [c.workers, c.wall.median, c.wall.n])).toEqual([
      [1, 50, 3],
      [2, 25, 3],
    ]);
  });

  it('names data parallelism, task parallelism and both together when the repeats separate them', async () => {
    const text = simdSummary((await simdOn(fast)).result);
    expect(text).toMatch(/On one core, SIMD ran 8\.\d× \([\d.]+×–[\d.]+×\) as fast as JavaScript: data parallelism\./);
    expect(text).toMatch(/2 cores ran JavaScript 2\.\d× .* as fast as one: task parallelism\./);
    expect(text).toMatch(/Both together: 1[56]×/);
    // SIMD at 125 ms against a 50 ms copy is 2.5×: at the memory-bound line, and said so with the yardstick.
    expect(text).toMatch(/With SIMD on 1 worker the filter took only 2\.5× the time of copying the image \(50 ms/);
  });

  it('does not call a heavy filter memory-bound, and claims nothing the repeats cannot tell apart', async () => {
    const heavy: Machine = { cores: 2, ms: (k, n) => (k === 'simd' ? 900 : 1000) / n, copyMs: () => 50, noise: [1, 1.2, 0.85, 1.1, 0.9] };
    const text = simdSummary((await simdOn(heavy)).result);
    expect(text).toContain('On one core, the repeats cannot tell SIMD from JavaScript apart.');
    expect(text).not.toContain('memory-bound');
  });

  it('says SIMD is unavailable when the runs asked for it ran JavaScript', async () => {
    const { result } = await simdOn({ ...fast, ran: 'js' });
    expect(result.unavailable).toBe('This browser’s WebAssembly has no SIMD.');
    expect(simdSummary(result)).toBe(
      'WebAssembly SIMD cannot run here, so there is nothing to compare: This browser’s WebAssembly has no SIMD.',
    );
  });

  it('on one core, compares the kernels on one worker only', async () => {
    const { result } = await simdOn({ ...fast, cores: 1 });
    expect(result.points.map((p) => p.label)).toEqual(['JavaScript ×1', 'WebAssembly SIMD ×1']);
    expect(simdSummary(result)).not.toContain('task parallelism');
  });
});
