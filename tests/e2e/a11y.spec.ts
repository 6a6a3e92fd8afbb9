import { expect, test, type Page } from '@playwright/test';
import { samplePng } from '../fixtures.js';
import { onDisk } from './disk.js';

// axe-core runs at 1280×720, 768×1024 and 390×844 in layout.spec.ts, on the screens it checks
// (first screen, after a run, after Compare modes, after the scheduling experiment).

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });

async function smallPhoto(page: Page, width: number, height: number): Promise<void> {
  await page
    .getByLabel('Choose photos', { exact: true })
    .setInputFiles(onDisk([{ name: 'small.png', buffer: samplePng(width, height, 5) }]));
  await expect(status(page)).toContainText(`small.png: ${width} × ${height} px`);
}

test('the spotlight is set from the keyboard, and the scheduling experiment filters inside it', async ({ page }) => {
  await page.goto('/');
  await expect(status(page)).toContainText('Ready to run', { timeout: 60_000 });
  await smallPhoto(page, 480, 320);
  await page.getByLabel('Experiment', { exact: true }).selectOption({ label: 'Static vs dynamic scheduling' });
  const spot = page.getByRole('application', { name: 'Spotlight on the photo' });
  // By default the sky: the top two-fifths of the photo.
  await expect(page.locator('tl-viewer')).toContainText('Spotlight 480 × 128 px at 0, 0.');

  // A tab stop of its own: back from the Filter, past the Compare slider, as a keyboard user goes.
  await page.getByLabel('Filter', { exact: true }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByLabel('Compare before and after')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(spot).toBeFocused();

  // One step is a fortieth of the longer side: 12 px here.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.locator('tl-viewer')).toContainText('Spotlight 420 × 140 px at 12, 24.');
  await expect(page.locator('tl-viewer [aria-live]')).toHaveText('Spotlight 420 × 140 px at 12, 24.');

  await page.getByRole('button', { name: 'Compare static and dynamic' }).click();
  await expect(status(page)).toContainText('Static vs dynamic scheduling finished.', { timeout: 60_000 });
  // The experiment's own summary names the spotlight its runs filtered in.
  await expect(page.locator('tl-experiments #schedule-summary')).toContainText(
    'Both schedules filtered in a 420×140 px spotlight at 12, 24.',
  );
});
