import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSpec } from '../../src/core/filters.js';
import { TILE } from '../../bench/plan.js';
import { COPY_SPEC, parseCoresArgs, rotate, sizeOfMegapixels, workerCounts } from '../../bench/cores-plan.js';
import type { CoresReport } from '../../bench/cores-report.js';
import { JobRuns, kernelsAgree, scalingTargets, summarizeCopy, summarizeFilter } from '../../bench/cores-results.js';

describe('bench:cores plan', () => {
  it.each([
    [1, [1, 2]],
    [2, [1, 2, 4]],
    [3, [1, 2, 3, 6]],
    [4, [1, 2, 4, 8]],
    [6, [1, 2, 4, 6, 12]],
    [16, [1, 2, 4, 8, 16, 32]],
  ])('with %i cores measures workers %j', (cores, counts) => {
    expect(workerCounts(cores)).toEqual(counts);
  });

  it.each([
    [12, 4000, 3000],
    [24, 5657, 4243],
    [0.5, 816, 612],
  ])('paints %f MP as a 4:3 photo', (mp, width, height) => {
    expect(sizeOfMegapixels(mp)).toEqual({ width, height });
  });

  it('rotates each round so no worker count always goes first', () => {
    expect([0, 1, 2, 3].map((r) => rotate([1, 2, 4], r))).toEqual([
      [1, 2, 4],
      [2, 4, 1],
      [4, 1, 2],
      [1, 2, 4],
    ]);
  });

  it('defaults to 12 MP, TILE, 5 repeats, every filter; refuses what it cannot measure', () => {
    const d = parseCoresArgs([]);
    expect([d.width, d.height, d.tile, d.repeats, d.workers, d.out]).toEqual([4000, 3000, TILE, 5, null, 'bench/cores']);
    expect(d.kernels).toEqual(['js', 'simd']);
    expect(parseCoresArgs(['--kernels', 'simd']).kernels).toEqual(['simd']);
    expect(parseCoresArgs(['--kernels', 'simd,js,simd']).kernels).toEqual(['js', 'simd']);
    expect(parseCoresArgs(['--filters', 'median,grayscale', '--workers', '4,1,4', '--size', '640x480']).filters).toEqual([
      defaultSpec('median'),
      defaultSpec('grayscale'),
    ]);
    expect(parseCoresArgs(['--workers', '4,1,4']).workers).toEqual([1, 4]);
    for (const bad of [
      ['--workers', '0'],
      ['--filters', 'nope'],
      ['--size', '12'],
      ['--mp', '1', '--size', '2x2'],
      ['--repeat', '3'],
      ['--kernels', 'wasm'],
      ['--kernels', ''],
    ])
      expect(() => parseCoresArgs(bad)).toThrow();
  });

  it('pairs each round with the 1-worker run of the same round', () => {
    const runs = new JobRuns(COPY_SPEC, 'Memory copy');
    runs.add(1, { ms: 999, cpuMs: 999 }, 'a', false); // warm-up: its time is dropped, its digest checked
    [100, 120, 90].forEach((ms) => runs.add(1, { ms, cpuMs: ms }, 'a', true));
    [50, 80, 30].forEach((ms) => runs.add(2, { ms, cpuMs: 1.5 * ms }, 'a', true));
    const copy = summarizeCopy(runs, [1, 2], { tiles: 8, cores: 1, planeBytes: 1e8 });
    const [one, two] = copy.counts;
    expect(one?.speedup).toEqual({ median: 1, min: 1, max: 1 });
    expect(two?.speedup).toEqual({ median: 2, min: 1.5, max: 3 });
    expect(two?.efficiency?.median).toBe(1);
    expect(two?.oversubscribed).toBe(true);
    expect(two?.coresUsed).toEqual({ median: 1.5, min: 1.5, max: 1.5 });
    expect(one?.gbps?.median).toBe(2); // 2 × 100 MB in 100 ms
    expect(copy.identical).toBe(true);
    runs.add(2, { ms: 40, cpuMs: 40 }, 'b', false);
    expect(summarizeCopy(runs, [1, 2], { tiles: 8, cores: 1, planeBytes: 1e8 }).identical).toBe(false);
  });
});

describe('bench:cores kernels', () => {
  const ctx = { tiles: 8, cores: 2, planeBytes: 1e8 };
  const spec = defaultSpec('median');
  const filled = (kernel: 'js' | 'simd', times: Record<number, number[]>, digest = 'a'): JobRuns => {
    const runs = new JobRuns(spec, 'Median r=3px', kernel);
    for (const [w, ms] of Object.entries(times)) for (const t of ms) runs.add(Number(w), { ms: t, cpuMs: t }, digest, true);
    return runs;
  };

  it('compares SIMD with the JavaScript runs of the same rounds, and judges 0.85·N for median and blur', () => {
    const copy = summarizeCopy(filled('js', { 1: [1, 1], 2: [1, 1] }), [1, 2], ctx);
    const js = filled('js', { 1: [1000, 1200], 2: [500, 600] });
    const simd = summarizeFilter(filled('simd', { 1: [100, 100], 2: [60, 50] }), [1, 2], ctx, copy, js);
    expect(simd.counts[0]?.vsJs).toEqual({ median: 11, min: 10, max: 12 });
    expect(simd.counts[1]?.speedup?.median).toBeCloseTo(1.83, 2);
    expect(scalingTargets([simd], 2)).toEqual([expect.objectContaining({ holds: true })]);
    const slow = summarizeFilter(filled('simd', { 1: [100, 100], 2: [80, 90] }), [1, 2], ctx, copy);
    expect(scalingTargets([slow], 2)[0]?.holds).toBe(false);
    expect(scalingTargets([summarizeFilter(js, [1, 2], ctx, copy)], 2)).toEqual([]); // JavaScript is not held to it
    expect(kernelsAgree([summarizeFilter(js, [1, 2], ctx, copy), simd])).toEqual([{ label: 'Median r=3px', agree: true, digests: ['a'] }]);
  });

  it('a kernel that fails keeps no times and does not agree', () => {
    const copy = summarizeCopy(filled('js', { 1: [1] }), [1], ctx);
    const runs = filled('simd', { 1: [100] });
    runs.fail('unreachable');
    const failed = summarizeFilter(runs, [1], ctx, copy);
    expect(failed).toMatchObject({ error: 'unreachable', identical: false });
    expect(failed.counts[0]?.samplesMs).toEqual([]);
    expect(scalingTargets([failed], 2)[0]?.value).toMatch(/failed: unreachable/);
    const js = summarizeFilter(filled('js', { 1: [1000] }, 'b'), [1], ctx, copy);
    expect(kernelsAgree([js, summarizeFilter(filled('simd', { 1: [100] }, 'c'), [1], ctx, copy)])[0]?.agree).toBe(false);
  });
});

describe('npm run bench:cores (smoke: tiny image, no timing goals)', () => {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-cores-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes JSON and markdown with every filter, kernel and worker count, and identical pixels with either kernel', async () => {
    const out = join(dir, 'cores');
    // Invert and contrast: transfer filters, whose WebAssembly kernel exists today.
    const args = [
      '--workers',
      '1,2',
      '--repeats',
      '1',
      '--mp',
      '0.5',
      '--filters',
      'invert,contrast',
      '--kernels',
      'js,simd',
      '--out',
      out,
    ];
    await promisify(execFile)('npm', ['run', '--silent', 'bench:cores', '--', ...args], { timeout: 60_000 });
    const report = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as CoresReport;
    const md = readFileSync(`${out}.md`, 'utf8');
    expect(md).toContain('| Invert ×=1 | JS | 2 |');
    expect(md).toContain('| Invert ×=1 | SIMD | 2 |');
    expect(md).toContain('with either kernel');

    expect(report.machine.availableParallelism).toBe(os.availableParallelism());
    expect(report.machine.node).toBe(process.version);
    expect(report.machine.wholePlaneCopyGBps).toBeGreaterThan(0);
    expect(report.config).toMatchObject({
      workerCounts: [1, 2],
      repeats: 1,
      filters: ['invert', 'contrast'],
      kernels: ['js', 'simd'],
      tileSize: TILE,
    });
    expect(report.config.wasm?.bytes).toBeGreaterThan(0);
    expect(report.filters.map((f) => [f.kind, f.kernel])).toEqual([
      ['invert', 'js'],
      ['invert', 'simd'],
      ['contrast', 'js'],
      ['contrast', 'simd'],
    ]);
    const jobs = [report.copy, ...report.filters];
    for (const job of jobs) {
      expect(job.error).toBeNull();
      expect(job.identical).toBe(true);
      expect(job.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(job.counts.map((c) => c.workers)).toEqual([1, 2]);
      for (const c of job.counts) {
        expect(c.samplesMs).toHaveLength(1);
        for (const t of [...c.samplesMs, c.timeMs.median, c.timeMs.min, c.timeMs.max]) {
          expect(Number.isFinite(t)).toBe(true);
          expect(t).toBeGreaterThan(0);
        }
        expect(c.digests).toEqual([job.digest]);
        expect(c.coresUsed.median).toBeGreaterThan(0);
        expect(c.tilesPerWorker).toBe(report.config.tiles / c.workers);
      }
      expect(job.counts[0]?.speedup).toEqual({ median: 1, min: 1, max: 1 });
      expect(job.counts[0]?.efficiency?.median).toBe(1);
      expect(job.counts[1]?.efficiency?.median).toBeCloseTo((job.counts[1]?.speedup?.median ?? NaN) / 2);
    }
    // Either kernel gives the same pixels; the SIMD runs are also compared with the JavaScript ones of the same rounds.
    expect(report.kernelsAgree).toEqual([
      { label: 'Invert ×=1', agree: true, digests: [report.filters[0]?.digest] },
      { label: 'Contrast ×=1.5', agree: true, digests: [report.filters[2]?.digest] },
    ]);
    for (const f of report.filters) expect(f.digest).toBe(report.filters.find((g) => g.kind === f.kind && g.kernel === 'js')?.digest);
    for (const c of report.filters.filter((f) => f.kernel === 'simd').flatMap((f) => f.counts)) expect(c.vsJs?.median).toBeGreaterThan(0);
    // The copy reproduces the painted source; every filter is compared with it.
    expect(report.copy.digest).toBe(report.config.srcDigest);
    for (const c of report.copy.counts) expect(c.gbps?.median).toBeGreaterThan(0);
    for (const c of report.filters.flatMap((f) => f.counts)) expect(Number.isFinite(c.vsCopy)).toBe(true);
  }, 60_000);
});
