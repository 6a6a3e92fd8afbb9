import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { samplePng } from '../fixtures.js';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
] as const;

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });

/** Every rule axe-core knows, on the whole page; a failure lists each violation with the elements it found. */
async function expectNoViolations(page: Page, when: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map(
    (v) => `${v.id} (${v.impact ?? 'unknown'}): ${v.help}; ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect(found, `axe-core violations ${when}`).toEqual([]);
}

async function smallPhoto(page: Page, width: number, height: number): Promise<void> {
  await page
    .getByLabel('Choose photos', { exact: true })
    .setInputFiles([{ name: 'small.png', mimeType: 'image/png', buffer: samplePng(width, height, 5) }]);
  await expect(status(page)).toContainText(`small.png: ${width} × ${height} px`);
}

for (const size of SIZES) {
  test(`axe-core finds nothing at ${size.width}×${size.height}: first screen, after a run, after an experiment`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(size);
    await page.goto('/');
    await expect(status(page)).toContainText('Ready to run', { timeout: 60_000 });
    await expectNoViolations(page, 'on the first screen');

    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(status(page)).toContainText('finished in');
    await expectNoViolations(page, 'after a run');

    // The scheduling experiment: the spotlight on the photo, two timelines and a result.
    await smallPhoto(page, 320, 200);
    await page.getByLabel('Experiment', { exact: true }).selectOption({ label: 'Static vs dynamic scheduling' });
    await page.getByRole('button', { name: 'Compare static and dynamic' }).click();
    await expect(status(page)).toContainText('Static vs dynamic scheduling finished.', { timeout: 60_000 });
    await expectNoViolations(page, 'after an experiment');
  });
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
