import { expect, test, type Page } from '@playwright/test';
import { encodePng } from '../fixtures.js';
import { onDisk } from './disk.js';

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });

/** 10 000 × 10 000 px: a 100-megapixel photo, in bands of colour so it compresses well. */
function hundredMegapixels(): Buffer {
  const side = 10_000;
  const rgba = new Uint8Array(side * side * 4);
  for (let y = 0, i = 0; y < side; y++)
    for (let x = 0; x < side; x++, i += 4) {
      rgba[i] = (x >> 6) & 255;
      rgba[i + 1] = (y >> 6) & 255;
      rgba[i + 2] = ((x + y) >> 7) & 255;
      rgba[i + 3] = 255;
    }
  return encodePng(side, side, rgba);
}

/**
 * Wait until the status says `mode`'s run finished, for as long as the run makes progress: each
 * wait is for the next change of the status or the tile count. A run slowed down by a busy
 * machine takes as long as it needs (within the test's own timeout); one that stalls, or ends
 * any other way, fails at once with what the page said.
 */
async function finishes(page: Page, mode: 'Parallel' | 'Concurrent' | 'Blocking'): Promise<void> {
  const count = page.locator('tl-viewer .count');
  const finished = new RegExp(`^${mode}( ×\\d+)? finished in`);
  for (;;) {
    const said = (await status(page).textContent())?.trim() ?? '';
    const tiles = (await count.textContent()) ?? '';
    if (finished.test(said)) return;
    expect(said, `${mode} run ended another way`).not.toMatch(/cancelled|failed/);
    await expect(async () => {
      expect([(await status(page).textContent())?.trim() ?? '', (await count.textContent()) ?? '']).not.toEqual([said, tiles]);
    }, `${mode} run stalled at "${said}", ${tiles}`).toPass({ timeout: 60_000 });
  }
}

test('a 100-megapixel photo completes in every mode without crashing the tab', async ({ page }) => {
  // On a loaded 2-core machine the concurrent run alone, one idle slice at a time beside the
  // page drawing 400 tiles of 512 px, can take minutes (the whole test took 6 minutes at a load
  // average of 10). The limit is generous because a stall fails much sooner: every wait below
  // is for the next sign of progress.
  test.setTimeout(900_000);
  await page.goto('/');
  await expect(status(page)).toContainText('Ready to run', { timeout: 60_000 });
  let crashed = false;
  page.on('crash', () => (crashed = true));
  await page.getByLabel('Choose photos', { exact: true }).setInputFiles(onDisk([{ name: 'huge.png', buffer: hundredMegapixels() }]));
  // Decoding shows no progress to follow, so it gets a generous share of the test's time.
  await expect(status(page)).toContainText('huge.png: 10000 × 10000 px (100 MP)', { timeout: 180_000 });
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Invert' });
  await page.getByLabel('Tile size', { exact: true }).selectOption({ label: '512 px' });
  for (const mode of ['Parallel', 'Concurrent', 'Blocking'] as const) {
    await page.getByLabel('Mode', { exact: true }).selectOption({ label: mode });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    // Matched on the mode's own label, so the last run's status can never pass for this one's.
    await finishes(page, mode);
  }
  await expect(page.getByRole('list', { name: 'Do runs agree?' })).toContainText('Identical: all 3 runs of Invert ×=1 on huge.png');
  // Its planes fit a WebAssembly memory sized for them: every mode ran the SIMD kernels.
  await expect(page.locator('tl-runs-table tbody')).not.toContainText('JavaScript');
  await expect(page.locator('tl-runs-table tbody tr')).toHaveCount(3);
  await expect(page.locator('tl-runs-table tbody')).toContainText('WebAssembly SIMD');
  // Shown scaled down: the page keeps no full-size canvas of a photo this large.
  expect(await page.locator('tl-viewer canvas.after').evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([1200, 1200]);
  expect(crashed).toBe(false);
});
