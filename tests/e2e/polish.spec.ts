import AxeBuilder from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { encodePng, pngHeader, samplePng } from '../fixtures.js';
import { SIZES } from './screen.js';

// The Esc test decodes a 15 MP photo first: on a busy 2-core machine that alone can take a minute.
test.describe.configure({ timeout: 180_000 });

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });
const alerts = (page: Page) => page.getByRole('alert');
const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });
const runRows = (page: Page) => page.locator('tl-runs-table tbody tr');
/** Where the screenshots go when TL_SHOTS names a folder (to look at them); otherwise the test's own output. */
const SHOTS = process.env['TL_SHOTS'];

async function add(page: Page, name: string, mimeType: string, bytes: Uint8Array): Promise<void> {
  await page.getByLabel('Choose photos', { exact: true }).setInputFiles([{ name, mimeType, buffer: Buffer.from(bytes) }]);
}

/** Move focus off any field, as a click on the page's heading does, so keys reach the shortcuts. */
const unfocus = (page: Page) => page.getByRole('heading', { name: 'Tilelab', level: 1 }).click();

/** axe's contrast rule (WCAG AA) over the whole page, shadow roots included. */
async function contrastViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' > ')}: ${n.failureSummary ?? ''}`));
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(status(page)).toContainText('Ready to run', { timeout: 60_000 });
});

test('the dark scheme follows the system, and text keeps its contrast in both schemes', async ({ page }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const panel = () => page.locator('tl-app .side').evaluate((e) => getComputedStyle(e).backgroundColor);
  await expect.poll(background).toBe('rgb(255, 255, 255)');
  await runButton(page).click();
  await expect(status(page)).toContainText('finished in');
  expect(await contrastViolations(page)).toEqual([]);

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).toBe('rgb(17, 24, 39)');
  await expect.poll(panel).toBe('rgb(31, 41, 55)');
  // Form controls and scrollbars follow too.
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('light dark');
  await expect(page.locator('meta[name="color-scheme"]')).toHaveAttribute('content', 'light dark');
  expect(await contrastViolations(page)).toEqual([]);
  // Chart text is drawn in the text's colour, light on the dark panel.
  const axisText = page.locator('tl-wall-chart svg text').first();
  await expect.poll(() => axisText.evaluate((e) => getComputedStyle(e).fill)).toBe('rgb(243, 244, 246)');
});

test('R runs, 1–3 choose the mode, and keys typed into a field stay there', async ({ page }) => {
  await expect(runButton(page)).toHaveAttribute('aria-keyshortcuts', 'R');
  await expect(page.getByLabel('Mode', { exact: true })).toHaveAttribute('aria-keyshortcuts', '1 2 3');
  await unfocus(page);
  await page.keyboard.press('2');
  await expect(page.getByLabel('Mode', { exact: true })).toHaveValue('concurrent');
  await page.keyboard.press('3');
  await expect(page.getByLabel('Mode', { exact: true })).toHaveValue('blocking');
  await page.keyboard.press('1');
  await expect(page.getByLabel('Mode', { exact: true })).toHaveValue('parallel');
  await expect(page).toHaveURL(/mode=parallel/);

  await page.keyboard.press('r');
  await expect(status(page)).toContainText('finished in');
  await expect(runRows(page)).toHaveCount(1);

  // Typing in the meter's text box, or with a modifier, is not a shortcut.
  const box = page.getByLabel('Type here while a run goes');
  await box.pressSequentially('r2?');
  await expect(box).toHaveValue('r2?');
  await unfocus(page);
  await page.keyboard.press('Alt+2');
  await page.keyboard.press('Shift+R');
  await expect(page.getByLabel('Mode', { exact: true })).toHaveValue('parallel');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(runRows(page)).toHaveCount(1);
});

test('Esc cancels a long concurrent run', async ({ page }) => {
  // Median r=8 on the sample in 64 px tiles with the JavaScript kernels: long enough to interrupt.
  await page.getByLabel('Kernel', { exact: true }).selectOption({ label: 'JavaScript' });
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Median (heavy)' });
  await page.getByLabel('Radius', { exact: true }).fill('8');
  await page.getByLabel('Tile size', { exact: true }).selectOption({ label: '64 px' });
  await unfocus(page);
  await page.keyboard.press('2');
  await page.keyboard.press('r');
  await expect(status(page)).toContainText('Concurrent: filtering 950 tiles');
  await expect(page.locator('tl-viewer .count')).not.toHaveText(/^0 \//);
  await expect(page.getByRole('button', { name: 'Cancel' })).toHaveAttribute('aria-keyshortcuts', 'Escape');
  await page.keyboard.press('Escape');
  await expect(status(page)).toContainText(/cancelled after \d+ of 950 tiles/);
});

test('? and the Keyboard shortcuts button open the help dialog; Esc and Close close it', async ({ page }) => {
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await unfocus(page);
  await page.keyboard.press('Shift+?');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('row')).toHaveText([
    /Key\s*What it does/,
    /R\s*Run/,
    /Esc\s*Cancel/,
    /1\s*Mode: Parallel/,
    /2\s*Mode: Concurrent/,
    /3\s*Mode: Blocking/,
    /\?\s*Show/,
  ]);
  // While it is open, keys belong to the dialog: 2 does not change the mode.
  await page.keyboard.press('2');
  await expect(page.getByLabel('Mode', { exact: true })).toHaveValue('parallel');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const button = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await expect(button).toHaveAttribute('aria-keyshortcuts', '?');
  await button.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('printing gives a handout: photo and mode comparison, black on white, no controls', async ({ page }) => {
  await add(page, 'small.png', 'image/png', new Uint8Array(samplePng(320, 240)));
  await expect(status(page)).toContainText('small.png: 320 × 240 px (0.077 MP)');
  await page.getByRole('button', { name: 'Compare modes' }).first().click();
  const compare = page.locator('tl-compare');
  await expect(compare.locator('ul.verdicts li').first()).toBeVisible({ timeout: 120_000 });

  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  await expect(runButton(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toBeHidden();
  await expect(page.getByLabel('Choose photos', { exact: true })).toBeHidden();
  await expect(page.locator('tl-meter')).toBeHidden();
  await expect(page.locator('tl-runs-table')).toBeHidden();
  // Hidden buttons leave the accessibility tree: none of the comparison's are there to find.
  await expect(compare.getByRole('button')).toHaveCount(0);
  await expect(compare.locator('svg')).toBeVisible();
  await expect(page.getByRole('img', { name: /Compare modes/ })).toBeVisible();
  await expect(page.locator('tl-viewer canvas.before')).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(255, 255, 255)');
  expect(await compare.locator('h2').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(0, 0, 0)');

  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  if (SHOTS) {
    await mkdir(SHOTS, { recursive: true });
    await page.pdf({ path: `${SHOTS}/handout.pdf`, format: 'A4', printBackground: true });
    await page.screenshot({ path: `${SHOTS}/print-1280.png`, fullPage: true });
  }
});

test('the downloaded image is named after photo, filter, parameters, mode and kernel', async ({ page }) => {
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Gaussian blur' });
  await page.getByLabel('Radius σ', { exact: true }).fill('2.5');
  await page.getByLabel('Kernel', { exact: true }).selectOption({ label: 'JavaScript' });
  await page.getByLabel('Mode', { exact: true }).selectOption({ label: 'Blocking' });
  await runButton(page).click();
  await expect(status(page)).toContainText('finished in');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download image' }).click();
  expect((await download).suggestedFilename()).toBe('sample-lake-at-sunset-blur-sigma2.5-blocking-js.png');
});

test('a photo with transparency gets a note, once; an opaque one none', async ({ page }) => {
  const opaque = new Uint8Array(40 * 30 * 4).fill(255);
  await add(page, 'opaque.png', 'image/png', new Uint8Array(encodePng(40, 30, opaque)));
  await expect(status(page)).toContainText('opaque.png: 40 × 30 px');
  const seeThrough = opaque.map((v, i) => (i % 4 === 3 && i > 2000 ? 0 : v));
  await add(page, 'logo.png', 'image/png', new Uint8Array(encodePng(40, 30, seeThrough)));
  await expect(status(page)).toContainText('logo.png: 40 × 30 px');
  const note = alerts(page).locator('.message').filter({ hasText: '“logo.png” has transparent pixels' });
  await expect(note).toHaveCount(1);
  await expect(note).toContainText("treat each pixel's colour as it is stored");
  await expect(alerts(page).locator('.message').filter({ hasText: 'opaque.png' })).toHaveCount(0);

  // Chosen again, it is decoded again, and not noted again.
  await page.getByRole('button', { name: 'opaque.png', exact: true }).click();
  await expect(status(page)).toContainText('opaque.png: 40 × 30 px');
  await page.getByRole('button', { name: 'logo.png', exact: true }).click();
  await expect(status(page)).toContainText('logo.png: 40 × 30 px');
  await expect(note).toHaveCount(1);
});

test('a text file named .jpg is described by what it is; a 70000 × 8 px photo is offered at a size that reads right', async ({ page }) => {
  await add(page, 'notes.jpg', 'image/jpeg', new TextEncoder().encode('Remember: bring the projector cable.\n'));
  await expect(alerts(page)).toContainText('“notes.jpg” is a text file, not a JPEG image. Try a JPEG, PNG, WebP or GIF photo.');
  await expect(alerts(page)).not.toContainText('(image/jpeg)');

  await add(page, 'strip.png', 'image/png', pngHeader(70_000, 8));
  await expect(alerts(page)).toContainText('Tilelab can downscale it to 65535 × 7 px (0.46 MP).');
});

test('screenshots: light, dark and print at three sizes', async ({ page }) => {
  await runButton(page).click();
  await expect(status(page)).toContainText('finished in');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ media: 'screen', colorScheme: scheme });
      const shot = await page.screenshot();
      expect(shot.length).toBeGreaterThan(0);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/${scheme}-${size.width}.png` });
    }
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    await expect(runButton(page)).toBeHidden();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/print-${size.width}.png`, fullPage: true });
  }
});
