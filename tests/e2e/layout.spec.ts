import { expect, test, type Page } from '@playwright/test';
import { EXPERIMENTS } from '../../src/core/experiments.js';
import { EXPERIMENT_INFO } from '../../src/ui/captions.js';
import { must, samplePng } from '../fixtures.js';
import { expectNoViolations } from './axe.js';
import { onDisk } from './disk.js';

/** The screens a class has: a projector or laptop, a tablet upright, a phone. */
const SIZES = [
  { name: 'desktop', width: 1280, height: 720 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'phone', width: 390, height: 844 },
] as const;
type Size = (typeof SIZES)[number];

/**
 * How far below the photo Run may start on a one-column screen, as a share of the screen's
 * height: room for the viewer's own rows, the status line and the first row of settings, not a
 * screen further.
 */
const RUN_BELOW_PHOTO = 0.4;

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });

/** Nothing scrolls sideways, Run is on the first screen (beside or just under the photo), and the screen is kept to look at. */
async function checkScreen(page: Page, size: Size, state: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll, `${size.name}, ${state}: the page scrolls sideways`).toBeLessThanOrEqual(widths.inner);

  const run = must(await page.getByRole('button', { name: 'Run', exact: true }).boundingBox(), 'the Run button on screen');
  const photo = must(await page.getByRole('img', { name: 'Photo before filtering' }).boundingBox(), 'the photo on screen');
  const where = `${size.name}, ${state}: Run at ${JSON.stringify(run)}, photo at ${JSON.stringify(photo)}`;
  // The Run button whole, on the first screen, with no scrolling.
  expect(run.x, where).toBeGreaterThanOrEqual(0);
  expect(run.y, where).toBeGreaterThanOrEqual(0);
  expect(run.x + run.width, where).toBeLessThanOrEqual(size.width);
  expect(run.y + run.height, where).toBeLessThanOrEqual(size.height);
  if (size.width >= 1000) {
    // Beside the photo, and the photo itself whole on the first screen.
    expect(run.x, where).toBeGreaterThanOrEqual(photo.x + photo.width);
    expect(photo.y + photo.height, where).toBeLessThanOrEqual(size.height);
  } else {
    expect(run.y, where).toBeGreaterThanOrEqual(photo.y + photo.height);
    expect(run.y - (photo.y + photo.height), where).toBeLessThanOrEqual(RUN_BELOW_PHOTO * size.height);
  }
  await page.screenshot({ path: `reports/screenshots/${size.name}-${state}.png`, fullPage: true });
}

for (const size of SIZES) {
  test(`at ${size.width}×${size.height} the first screen holds photo and Run, nothing scrolls sideways after runs and experiments, and axe-core finds nothing`, async ({
    page,
  }) => {
    // Seven sweeps and a comparison on a small photo: each takes a few seconds on two cores.
    test.setTimeout(300_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: number[] };
      w.shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
          if (!e.hadRecentInput) w.shifts.push(e.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto('/');
    await expect(status(page)).toContainText('Ready to run', { timeout: 60_000 });
    // The sample, its thumbnail, the status and the offline note arrive after the first drawing without moving what is
    // already on screen: layout shift well inside "good" (0.1).
    const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
    expect(
      shifts.reduce((a, b) => a + b, 0),
      `${size.name}: layout shifts ${JSON.stringify(shifts)}`,
    ).toBeLessThan(0.05);
    await checkScreen(page, size, 'first');
    await expectNoViolations(page, `at ${size.name}, on the first screen`);

    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(status(page)).toContainText('finished in');
    await checkScreen(page, size, 'run');
    await expectNoViolations(page, `at ${size.name}, after a run`);

    // A small photo keeps every sweep quick; the layout has to hold whatever the photo.
    await page.getByLabel('Choose photos', { exact: true }).setInputFiles(onDisk([{ name: 'small.png', buffer: samplePng(320, 200, 5) }]));
    await expect(status(page)).toContainText('small.png: 320 × 200 px');
    await page.getByRole('button', { name: 'Compare modes' }).first().click();
    await expect(status(page)).toContainText('Compare modes finished.', { timeout: 60_000 });
    await checkScreen(page, size, 'compare');
    await expectNoViolations(page, `at ${size.name}, after Compare modes`);

    for (const kind of EXPERIMENTS) {
      const { label, button } = EXPERIMENT_INFO[kind];
      await page.getByLabel('Experiment', { exact: true }).selectOption({ label });
      await page.getByRole('button', { name: button }).click();
      await expect(status(page)).toContainText(`${label} finished.`, { timeout: 60_000 });
      await checkScreen(page, size, kind);
      // The spotlight on the photo, two timelines and a result.
      if (kind === 'schedule') await expectNoViolations(page, `at ${size.name}, after the scheduling experiment`);
    }
  });
}
