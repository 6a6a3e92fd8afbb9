import { expect, test, type Page } from '@playwright/test';
import { samplePng } from '../fixtures.js';
import { onDisk } from './disk.js';

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });
const kernel = (page: Page) => page.getByLabel('Kernel', { exact: true });

async function run(
  page: Page,
  mode: 'Parallel' | 'Concurrent' | 'Blocking',
  kernelLabel: 'JavaScript' | 'WebAssembly SIMD',
): Promise<void> {
  await page.getByLabel('Mode', { exact: true }).selectOption({ label: mode });
  await kernel(page).selectOption({ label: kernelLabel });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText(/finished in [\d.]+ (ms|s)/);
}

test('the Kernel switch changes how tiles are computed in every mode, never the pixels', async ({ page }) => {
  await page.goto('/?filter=median&radius=2');
  await expect(status(page)).toContainText('Ready to run');
  await expect(kernel(page)).toHaveValue('simd');
  await expect(kernel(page).locator('option')).toHaveText(['JavaScript', 'WebAssembly SIMD']);
  await expect(page.locator('#kernel-hint')).toContainText('Same pixels either way');
  // A small photo: six runs, one of them the JavaScript kernel beside the page.
  await page.getByLabel('Choose photos', { exact: true }).setInputFiles(onDisk([{ name: 'small.png', buffer: samplePng(800, 533, 5) }]));
  await expect(status(page)).toContainText('small.png: 800 × 533 px');
  for (const mode of ['Parallel', 'Concurrent', 'Blocking'] as const)
    for (const k of ['WebAssembly SIMD', 'JavaScript'] as const) await run(page, mode, k);
  const table = page.locator('tl-runs-table tbody');
  await expect(table.locator('tr')).toHaveCount(6);
  await expect(table).toContainText('WebAssembly SIMD');
  await expect(table).toContainText('JavaScript');
  await expect(page.getByRole('list', { name: 'Do runs agree?' })).toContainText('Identical: all 6 runs');
  expect(new URL(page.url()).searchParams.get('kernel')).toBe('js');
});

test('without WebAssembly SIMD the Kernel control says why, and runs use JavaScript with the same pixels', async ({ page }) => {
  await page.addInitScript(() => {
    // A browser whose WebAssembly has no SIMD: validating any module that uses it fails.
    WebAssembly.validate = () => false;
  });
  await page.goto('/?filter=sobel&kernel=simd');
  await expect(status(page)).toContainText('Ready to run');
  await expect(page.locator('#kernel-hint')).toContainText('WebAssembly SIMD cannot run here, so every mode uses JavaScript');
  await expect(page.locator('#kernel-hint')).toContainText('has no SIMD');
  await expect(kernel(page)).toHaveValue('js');
  await expect(kernel(page).locator('option[value="simd"]')).toBeDisabled();
  for (const mode of ['Parallel', 'Blocking'] as const) {
    await page.getByLabel('Mode', { exact: true }).selectOption({ label: mode });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(status(page)).toContainText(/finished in [\d.]+ (ms|s)/);
  }
  const table = page.locator('tl-runs-table tbody');
  await expect(table.locator('tr')).toHaveCount(2);
  await expect(table).not.toContainText('WebAssembly SIMD');
  await expect(page.getByRole('list', { name: 'Do runs agree?' })).toContainText('Identical: all 2 runs');
});

test('where compiling WebAssembly is refused, the page says so and filters with JavaScript', async ({ page }) => {
  await page.addInitScript(() => {
    WebAssembly.compile = () =>
      Promise.reject(
        new WebAssembly.CompileError("Refused to compile or instantiate WebAssembly module because 'wasm-unsafe-eval' is not allowed"),
      );
  });
  await page.goto('/?filter=invert');
  await expect(status(page)).toContainText('Ready to run');
  await expect(page.locator('#kernel-hint')).toContainText('The browser refused to compile WebAssembly');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText(/finished in [\d.]+ (ms|s)/);
  await expect(page.locator('tl-runs-table tbody')).toContainText('JavaScript');
});

test('"One core, many pixels (SIMD)" compares both kernels on one worker and every core beside a plain copy', async ({ page }) => {
  await page.goto('/?filter=median&radius=3&tile=64');
  await expect(status(page)).toContainText('Ready to run');
  await page.getByLabel('Experiment', { exact: true }).selectOption({ label: 'One core, many pixels (SIMD)' });
  await expect(page.locator('tl-experiments p.caption')).toContainText('one instruction works on 16 bytes');
  await page.getByRole('button', { name: 'Run the SIMD comparison' }).click();
  await expect(status(page)).toContainText('One core, many pixels (SIMD) finished.', { timeout: 120_000 });
  const summary = page.locator('tl-experiments p.summary');
  await expect(summary).toContainText(
    /^Median r=3px, measured \(median, fastest–slowest\): JavaScript ×1 .*; WebAssembly SIMD ×1 .*; JavaScript ×2 .*; WebAssembly SIMD ×2 [^;]*\./,
  );
  await expect(summary).toContainText(
    /On one core, (SIMD ran [\d.]+× \([\d.]+×–[\d.]+×\) as fast as JavaScript: data parallelism|the repeats cannot tell)/,
  );
  const bars = page.locator('tl-experiments svg#simd');
  await expect(bars).toContainText('WebAssembly SIMD ×2');
  await expect(bars).toContainText('Plain copy ×2');
});
