import { expect, test, type Page } from '@playwright/test';
import { samplePng } from '../fixtures.js';

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });
const outcomes = (page: Page) => page.locator('tl-runs-table tbody tr td:nth-child(6)');

/** A run long enough to interrupt: median r=8 on the sample in 64 px tiles. */
async function longRun(page: Page, mode: 'Parallel' | 'Concurrent'): Promise<void> {
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Median (heavy)' });
  await page.getByLabel('Radius', { exact: true }).fill('8');
  await page.getByLabel('Tile size', { exact: true }).selectOption({ label: '64 px' });
  await page.getByLabel('Mode', { exact: true }).selectOption({ label: mode });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText(`${mode === 'Parallel' ? 'Parallel ×2' : mode}: filtering`);
  await expect(page.locator('tl-viewer .count')).not.toHaveText(/^0 \//);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(status(page)).toContainText('Ready to run');
});

for (const mode of ['Parallel', 'Concurrent'] as const) {
  test(`Cancel stops a ${mode.toLowerCase()} run part-way`, async ({ page }) => {
    await longRun(page, mode);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(status(page)).toContainText(/cancelled after (\d+) of 950 tiles/);
    const done = Number((await status(page).textContent())!.match(/after (\d+) of/)![1]);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(950);
    await expect(outcomes(page)).toHaveText([/^cancelled/]);
  });
}

test('starting a new run stops the current one, and its late record never overwrites the new result', async ({ page }) => {
  await longRun(page, 'Parallel');
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Invert' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText('Parallel ×2 finished in');
  await expect(outcomes(page)).toHaveText(['done', /^cancelled/]); // newest first
  await page.waitForTimeout(500);
  await expect(status(page)).toContainText('Parallel ×2 finished in');
  await expect(page.getByRole('button', { name: 'Download image' })).toBeEnabled();
});

test('choosing another photo stops the current run', async ({ page }) => {
  await page.getByLabel('Choose photos', { exact: true }).setInputFiles([{ name: 'next.png', mimeType: 'image/png', buffer: samplePng(400, 300, 3) }]);
  await expect(status(page)).toContainText('next.png: 400 × 300 px');
  await page.getByRole('list', { name: 'Photo queue' }).getByRole('button', { name: /Sample/ }).click();
  await expect(status(page)).toContainText('Ready to run');
  await longRun(page, 'Concurrent');
  await page.getByRole('list', { name: 'Photo queue' }).getByRole('button', { name: 'next.png' }).click();
  await expect(status(page)).toContainText('next.png: 400 × 300 px');
  await expect(outcomes(page)).toHaveText([/^cancelled/]);
});
