import { expect, test, type Page } from '@playwright/test';
import { encodePng } from '../fixtures.js';

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });

/** 10 000 × 10 000 px: a 100-megapixel photo, in bands of colour so it compresses well. */
function hundredMegapixels(): Buffer {
  const side = 10_000;
  const rgba = new Uint8Array(side * side * 4);
  for (let y = 0; y < side; y++) {
    const row = new Uint8Array(side * 4);
    for (let x = 0; x < side; x++) row.set([(x >> 6) & 255, (y >> 6) & 255, ((x + y) >> 7) & 255, 255], x * 4);
    rgba.set(row, y * side * 4);
  }
  return encodePng(side, side, rgba);
}

test('a 100-megapixel photo completes in every mode without crashing the tab', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await expect(status(page)).toContainText('Ready to run');
  let crashed = false;
  page.on('crash', () => (crashed = true));
  await page.getByLabel('Choose photos', { exact: true }).setInputFiles([{ name: 'huge.png', mimeType: 'image/png', buffer: hundredMegapixels() }]);
  await expect(status(page)).toContainText('huge.png: 10000 × 10000 px (100.0 MP)', { timeout: 60_000 });
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Invert' });
  await page.getByLabel('Tile size', { exact: true }).selectOption({ label: '512 px' });
  for (const mode of ['Parallel', 'Concurrent', 'Blocking'] as const) {
    await page.getByLabel('Mode', { exact: true }).selectOption({ label: mode });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(status(page)).toContainText(/finished in/, { timeout: 60_000 });
  }
  await expect(page.getByRole('list', { name: 'Do runs agree?' })).toContainText('Identical: all 3 runs of Invert ×=1 on huge.png');
  // Shown scaled down: the page keeps no full-size canvas of a photo this large.
  expect(await page.locator('tl-viewer canvas.after').evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([2048, 2048]);
  expect(crashed).toBe(false);
});
