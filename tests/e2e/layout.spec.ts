import { expect, test, type Page } from '@playwright/test';
import { EXPERIMENT_INFO } from '../../src/ui/captions.js';
import { samplePng } from '../fixtures.js';
import { expectNoViolations } from './axe.js';
import { onDisk } from './disk.js';
import { expectFirstScreen, SIZES, type Size } from './screen.js';

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });

/** The first screen as `expectFirstScreen` wants it, and kept to look at. */
async function checkScreen(page: Page, size: Size, state: string): Promise<void> {
  await expectFirstScreen(page, size, state);
  await page.screenshot({ path: `reports/screenshots/${size.name}-${state}.png`, fullPage: true });
}

for (const size of SIZES) {
  test(`at ${size.width}×${size.height} the first screen holds photo and Run, nothing scrolls sideways after a run, Compare modes and an experiment, and axe-core finds nothing`, async ({
    page,
  }) => {
    // A sweep and a comparison on a small photo: each takes a few seconds on two cores.
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

    // The experiment with the most on screen: the spotlight on the photo, two timelines and a
    // result. (experiments.spec.ts checks every experiment's screen at each size.)
    const { label, button } = EXPERIMENT_INFO.schedule;
    await page.getByLabel('Experiment', { exact: true }).selectOption({ label });
    await page.getByRole('button', { name: button }).click();
    await expect(status(page)).toContainText(`${label} finished.`, { timeout: 60_000 });
    await checkScreen(page, size, 'schedule');
    await expectNoViolations(page, `at ${size.name}, after the scheduling experiment`);
  });
}
