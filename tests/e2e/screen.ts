import { expect, type Page } from '@playwright/test';
import { must } from '../fixtures.js';

/** The screens a class has: a projector or laptop, a tablet upright, a phone. */
export const SIZES = [
  { name: 'desktop', width: 1280, height: 720 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'phone', width: 390, height: 844 },
] as const;
export type Size = (typeof SIZES)[number];

/**
 * How far below the photo Run may start on a one-column screen, as a share of the screen's
 * height: room for the viewer's own rows, the status line and the first row of settings, not a
 * screen further.
 */
const RUN_BELOW_PHOTO = 0.4;

/** Nothing scrolls sideways, and Run is on the first screen, beside the photo or just under it. */
export async function expectFirstScreen(page: Page, size: Size, state: string): Promise<void> {
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
}
