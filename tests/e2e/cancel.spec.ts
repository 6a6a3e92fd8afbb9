import { expect, test, type Page } from '@playwright/test';
import { samplePng } from '../fixtures.js';
import { onDisk } from './disk.js';

// Every test first loads the app and decodes a 15 MP photo: on a loaded machine one took a
// minute in all, too close to the default 90 s.
test.describe.configure({ timeout: 180_000 });

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });
const outcomes = (page: Page) => page.locator('tl-runs-table tbody tr td:nth-child(7)');

/**
 * The sample painted at 4800 × 3200 px, four times its pixels: a heavy run on it lasts long
 * enough to interrupt even when every click is slow on a busy machine (on the sample itself a
 * parallel run finished before a Cancel click landed). Painted like the sample, not in simpler
 * patterns: the median's cost depends on the picture, and flat or regular areas are cheap.
 * Made once per file.
 */
const BIG = { width: 4800, height: 3200, tiles: 75 * 50 } as const;
let bigPng: Buffer | undefined;
const bigPhoto = (): Buffer => (bigPng ??= samplePng(BIG.width, BIG.height));

/**
 * A run long enough to interrupt: median r=8 on the big photo in 64 px tiles, with the JavaScript
 * kernels (the WebAssembly ones finish it in well under a second).
 */
async function longRun(page: Page, mode: 'Parallel' | 'Concurrent'): Promise<void> {
  await page.getByLabel('Kernel', { exact: true }).selectOption({ label: 'JavaScript' });
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Median (heavy)' });
  await page.getByLabel('Radius', { exact: true }).fill('8');
  await page.getByLabel('Tile size', { exact: true }).selectOption({ label: '64 px' });
  await page.getByLabel('Mode', { exact: true }).selectOption({ label: mode });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText(`${mode === 'Parallel' ? 'Parallel ×2' : mode}: filtering ${BIG.tiles} tiles`);
  await expect(page.locator('tl-viewer .count')).not.toHaveText(/^0 \//);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  // The sample is painted and decoded on first load, which a busy 2-core machine can stretch
  // well past the default wait; so can decoding the big photo.
  await expect(status(page)).toContainText('Ready to run', { timeout: 60_000 });
  await page.getByLabel('Choose photos', { exact: true }).setInputFiles(onDisk([{ name: 'big.png', buffer: bigPhoto() }]));
  await expect(status(page)).toContainText(`big.png: ${BIG.width} × ${BIG.height} px`, { timeout: 60_000 });
});

for (const mode of ['Parallel', 'Concurrent'] as const) {
  test(`Cancel stops a ${mode.toLowerCase()} run part-way`, async ({ page }) => {
    await longRun(page, mode);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(status(page)).toContainText(new RegExp(`cancelled after \\d+ of ${BIG.tiles} tiles`));
    const done = Number((await status(page).textContent())?.match(/after (\d+) of/)?.[1]);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(BIG.tiles);
    await expect(outcomes(page)).toHaveText([/^cancelled/]);
  });
}

test('starting a new run stops the current one, and its late record never overwrites the new result', async ({ page }) => {
  await longRun(page, 'Parallel');
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Invert' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText('Parallel ×2 finished in');
  // Both records in the table (newest first): the stopped run's record has been handled, and
  // the page adds a record to the table and updates the status in one step.
  await expect(outcomes(page)).toHaveText(['done', /^cancelled/]);
  await expect(status(page)).toContainText('Parallel ×2 finished in');
  await expect(page.getByRole('button', { name: 'Download image' })).toBeEnabled();
});

test('choosing another photo stops the current run', async ({ page }) => {
  await page.getByLabel('Choose photos', { exact: true }).setInputFiles(onDisk([{ name: 'next.png', buffer: samplePng(400, 300, 3) }]));
  await expect(status(page)).toContainText('next.png: 400 × 300 px');
  await page.getByRole('list', { name: 'Photo queue' }).getByRole('button', { name: 'big.png' }).click();
  await expect(status(page)).toContainText(`big.png: ${BIG.width} × ${BIG.height} px`, { timeout: 60_000 });
  await longRun(page, 'Concurrent');
  await page.getByRole('list', { name: 'Photo queue' }).getByRole('button', { name: 'next.png' }).click();
  await expect(status(page)).toContainText('next.png: 400 × 300 px');
  await expect(outcomes(page)).toHaveText([/^cancelled/]);
});
