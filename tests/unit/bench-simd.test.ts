import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../src/core/filters.js';
import type { FilterSpec } from '../../src/core/types.js';
import { checkPeerOutput, opencvGaussSize, peerPlans, rgbaMatrix, sampleIndices } from '../../bench/peers-plan.js';
import { roundRatio, SimdRuns, simdConfigs, simdSpecs, simdTargets } from '../../bench/simd.js';

describe('bench WebAssembly SIMD section: plan', () => {
  it('adds median r=8 and blur σ=4 only beside their filter, once', () => {
    expect(simdSpecs([defaultSpec('invert')])).toEqual([defaultSpec('invert')]);
    expect(simdSpecs([defaultSpec('median'), defaultSpec('blur')])).toEqual([
      { kind: 'median', radius: 3 },
      { kind: 'blur', sigma: 4 },
      { kind: 'median', radius: 8 },
    ]);
  });

  it('measures both kernels on 1 and N workers, the copy, ctx.filter where CSS has the filter, and the peers that have it', () => {
    const labels = (spec: FilterSpec, cores: number): string[] => simdConfigs(spec, cores, ['opencv', 'vips']).map((c) => c.label);
    expect(labels(defaultSpec('invert'), 2)).toEqual([
      'JS ×1',
      'SIMD ×1',
      'JS ×2',
      'SIMD ×2',
      'copy ×1',
      'copy ×2',
      'ctx.filter',
      'OpenCV.js',
      'wasm-vips',
    ]);
    expect(labels(defaultSpec('sobel'), 1)).toEqual(['JS ×1', 'SIMD ×1', 'copy ×1', 'OpenCV.js', 'wasm-vips']);
    expect(labels(defaultSpec('sharpen'), 2)).not.toContain('wasm-vips');
    expect(simdConfigs(defaultSpec('median'), 2, []).map((c) => c.label)).not.toContain('OpenCV.js');
  });

  it('maps the median to the same window and rank in both libraries', () => {
    const ops = (radius: number): unknown[] => peerPlans({ kind: 'median', radius }).map((p) => p.op);
    expect(ops(3)).toEqual([
      { lib: 'opencv', op: 'medianBlur', ksize: 7 },
      { lib: 'vips', op: 'rank', size: 7, index: 24 },
    ]);
    expect(ops(8)).toEqual([
      { lib: 'opencv', op: 'medianBlur', ksize: 17 },
      { lib: 'vips', op: 'rank', size: 17, index: 144 },
    ]);
    expect(opencvGaussSize(4)).toBe(25);
    expect(peerPlans({ kind: 'invert', amount: 0.5 })).toEqual([]);
    expect(rgbaMatrix([1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9, 0, 0, 0, 0, 1]);
  });

  it('checks a peer’s output: right size, not flat, near Tilelab’s', () => {
    const indices = sampleIndices(4, 4);
    expect(indices).toEqual([0, 1, 2, 3]);
    const ref = [10, 10, 10, 255, 50, 50, 50, 255, 90, 90, 90, 255, 130, 130, 130, 255];
    const size = { width: 2, height: 2 };
    expect(checkPeerOutput(ref, { ...size, bands: 4 }, size, indices, ref)).toMatchObject({ plausible: true, meanAbsDiff: 0 });
    // One grey band is compared with the reference's red channel.
    expect(checkPeerOutput([12, 48, 90, 130], { ...size, bands: 1 }, size, indices, ref)).toMatchObject({
      plausible: true,
      meanAbsDiff: 1,
    });
    expect(checkPeerOutput([0, 0, 0, 0], { ...size, bands: 1 }, size, indices, ref).reason).toMatch(/flat/);
    expect(checkPeerOutput([255, 0, 255, 0], { ...size, bands: 1 }, size, indices, ref).reason).toMatch(/differs/);
    expect(checkPeerOutput(ref, { width: 4, height: 1, bands: 4 }, size, indices, ref).reason).toMatch(/4×1/);
  });
});

describe('bench WebAssembly SIMD section: figures and targets', () => {
  const size = { megapixels: 12, width: 4000, height: 3000 };

  function median3(times: Record<string, number[]>, digest = (_label: string): string => 'a'): SimdRuns {
    const runs = new SimdRuns(simdConfigs({ kind: 'median', radius: 3 }, 2, ['opencv']));
    for (const c of runs.configs) {
      const d = c.kind === 'tilelab' ? digest(c.label) : null;
      runs.add(c.label, 1e6, false, d); // warm-up: digest kept, time not
      for (const ms of times[c.label] ?? [1, 1, 1]) runs.add(c.label, ms, true, d);
    }
    runs.checked('OpenCV.js', { width: 4000, height: 3000, bands: 4, min: 0, max: 255, meanAbsDiff: 0, plausible: true, reason: null });
    return runs;
  }

  it('pairs each round with the same round of the other configuration', () => {
    const row = median3({ 'JS ×1': [100, 200, 300], 'SIMD ×1': [10, 10, 10] }).row({ kind: 'median', radius: 3 }, size);
    expect(roundRatio(row, 'JS ×1', 'SIMD ×1')).toEqual({ median: 20, min: 10, max: 30 });
    expect(row.identical).toBe(true);
    expect(row.jsDigest).toBe('a');
  });

  it('judges the median targets from the ratios', () => {
    const row = median3({
      'JS ×1': [1000, 1000, 1000],
      'SIMD ×1': [50, 50, 50],
      'SIMD ×2': [30, 26, 27],
      'OpenCV.js': [120, 200, 100],
    }).row({ kind: 'median', radius: 3 }, size);
    const t = simdTargets([row], 2);
    const holds = (s: string): boolean | undefined => t.find((x) => x.target.includes(s))?.holds;
    expect(holds('same SHA-256')).toBe(true);
    expect(holds('≥ 10× the JavaScript kernel')).toBe(true);
    expect(holds('≥ 3× faster than OpenCV.js')).toBe(false); // 2.4×
    expect(holds('fastest peer')).toBe(true);
    expect(holds('≥ 1.70×')).toBe(true); // 50 / 27 = 1.85
  });

  it('a SIMD kernel that fails or disagrees misses the SHA-256 target and leaves no times', () => {
    const runs = median3({});
    runs.fail('SIMD ×1', 'RuntimeError: unreachable');
    const row = runs.row({ kind: 'median', radius: 3 }, size);
    expect(row.identical).toBe(false);
    expect(row.configs.find((c) => c.label === 'SIMD ×1')?.samplesMs).toEqual([]);
    const t = simdTargets([row], 2);
    const sha = t.find((x) => x.target.includes('SHA-256'));
    expect(sha?.holds).toBe(false);
    expect(sha?.value).toMatch(/failed: RuntimeError/);
    expect(t.find((x) => x.target.includes('JavaScript kernel'))?.holds).toBe(false);

    const differ = median3({}, (label) => (label === 'SIMD ×2' ? 'b' : 'a')).row({ kind: 'median', radius: 3 }, size);
    expect(differ.identical).toBe(false);
    expect(simdTargets([differ], 2).find((x) => x.target.includes('SHA-256'))?.value).toBe('DIFFERENT');
  });
});
