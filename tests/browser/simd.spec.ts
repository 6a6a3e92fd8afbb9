import { expect, test, type Page } from '@playwright/test';
import type { FilterSpec } from '../../src/core/types.js';

async function openHarness(page: Page, width: number, height: number): Promise<void> {
  await page.goto('/tests/browser/harness.html');
  await page.waitForFunction(() => document.body.dataset['ready'] === 'true');
  await page.evaluate(([w, h]) => window.tilelab.load(w, h), [width, height] as const);
}

test.describe('WebAssembly SIMD kernels in real Chromium', () => {
  const specs: FilterSpec[] = [
    { kind: 'median', radius: 3 },
    { kind: 'median', radius: 7 },
    { kind: 'blur', sigma: 4 },
    { kind: 'blur', sigma: 20 },
    { kind: 'sharpen', amount: 1.5, sigma: 2 },
    { kind: 'sobel' },
    { kind: 'grayscale', amount: 0.7 },
    { kind: 'sepia', amount: 1 },
    { kind: 'invert', amount: 1 },
    { kind: 'brightness', amount: 1.3 },
    { kind: 'contrast', amount: 0.6 },
  ];
  test('every filter gives the JavaScript kernel’s bytes in every mode and memory model', async ({ page }) => {
    await openHarness(page, 600, 400);
    const out = await page.evaluate(async (specs) => {
      const rows = [];
      for (const filter of specs) {
        const js = await window.tilelab.run({ filter, mode: 'blocking', kernel: 'js', tileSize: 128 });
        const runs = [
          await window.tilelab.run({ filter, mode: 'parallel', workers: 2, kernel: 'simd', tileSize: 100 }),
          await window.tilelab.run({ filter, mode: 'parallel', memory: 'message', workers: 2, kernel: 'simd', tileSize: 64 }),
          await window.tilelab.run({ filter, mode: 'concurrent', kernel: 'simd', tileSize: 256 }),
          await window.tilelab.run({ filter, mode: 'blocking', kernel: 'simd', tileSize: 1024 }),
        ];
        rows.push({
          filter,
          js: js.digest,
          runs: runs.map((r) => ({ digest: r.digest, kernel: r.settings.kernel, memory: r.settings.memory })),
        });
      }
      return rows;
    }, specs);
    for (const row of out) {
      expect(row.js, JSON.stringify(row.filter)).toMatch(/^[0-9a-f]{64}$/);
      for (const r of row.runs) expect(r, JSON.stringify(row.filter)).toMatchObject({ digest: row.js, kernel: 'simd' });
    }
  });

  test('a worker that dies mid-run is replaced, instantiates the kernels again, and the output is unchanged', async ({ page }) => {
    await openHarness(page, 1200, 800);
    const out = await page.evaluate(async () => {
      const filter = { kind: 'median', radius: 5 } as const;
      const clean = await window.tilelab.run({ filter, mode: 'parallel', workers: 2, kernel: 'simd', tileSize: 32 });
      const hurt = await window.tilelab.run(
        { filter, mode: 'parallel', workers: 2, kernel: 'simd', tileSize: 32 },
        { killWorker: { index: 1, afterTiles: 100 } },
      );
      const after = await window.tilelab.run({ filter, mode: 'parallel', workers: 2, kernel: 'simd', tileSize: 32 });
      return { clean, hurt, after };
    });
    expect(out.hurt.outcome).toBe('done');
    expect(out.hurt.faults).toHaveLength(1);
    expect(out.hurt.digest).toBe(out.clean.digest);
    expect(out.after.settings.kernel).toBe('simd');
    expect(new Set(out.after.spans.map((s) => s.lane))).toEqual(new Set([0, 1]));
    expect(out.after.digest).toBe(out.clean.digest);
  });
});
