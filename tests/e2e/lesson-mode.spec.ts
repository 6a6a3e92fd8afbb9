import { expect, test, type Page } from '@playwright/test';
import { must, samplePng } from '../fixtures.js';

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });
const card = (page: Page) => page.locator('tl-lesson');
const heading = (page: Page) => card(page).getByRole('heading', { level: 2 });
const lessonParam = (page: Page): string | null => new URL(page.url()).searchParams.get('lesson');

async function open(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  // Generous: on a loaded machine decoding the sample can take a while.
  await expect(status(page)).toContainText('Ready to run', { timeout: 60_000 });
}

/** The text after `label` up to the next comma, colon or bracket: one figure as the page printed it. */
function figure(text: string, label: RegExp): string {
  return must(label.exec(text)?.[1], `${String(label)} in “${text}”`);
}

test('the lesson steps forward and back, keeps its step in the link, and leaves to the lab', async ({ page }) => {
  // A photo decoded and a JavaScript run measured: on a loaded machine that outlasts the usual limit.
  test.slow();
  await open(page);
  await page.screenshot({ path: test.info().outputPath('lab-with-start.png') });
  await page.getByRole('button', { name: 'Start the lesson' }).click();
  await expect(heading(page)).toHaveText('1. A photo and a filter');
  await expect(heading(page)).toBeFocused();
  await expect(card(page).getByText('Step 1 of 9')).toBeVisible();
  await expect(card(page).getByRole('button', { name: 'Back' })).toBeDisabled();
  await expect(card(page).getByRole('button', { name: 'Choose a photo' })).toBeVisible();
  // The sample photo is already there: its size is in the conclusion.
  await expect(card(page).locator('.result')).toContainText(/Your photo: .+, \d+ × \d+ px/);
  expect(lessonParam(page)).toBe('1');

  await card(page).getByRole('button', { name: 'Next' }).click();
  await expect(heading(page)).toHaveText('2. Blocking freezes the page');
  await expect(heading(page)).toBeFocused();
  await expect(card(page).locator('li[aria-current="step"]')).toContainText('2. Blocking freezes the page');
  expect(lessonParam(page)).toBe('2');
  await card(page).getByRole('button', { name: 'Back' }).click();
  await expect(heading(page)).toHaveText('1. A photo and a filter');
  expect(lessonParam(page)).toBe('1');
  // Keyboard only: Next is reachable and works with Enter.
  await card(page).getByRole('button', { name: 'Next' }).focus();
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('2. Blocking freezes the page');
  await expect(card(page).locator('.result')).toContainText('Run the step first');

  // The step's action: Blocking with the JavaScript kernel, measured like any run.
  await card(page).getByRole('button', { name: 'Run Blocking' }).click();
  await expect(status(page)).toContainText(/^Blocking finished in/, { timeout: 60_000 });
  await expect(page.getByLabel('Mode', { exact: true })).toHaveValue('blocking');
  await expect(page.getByLabel('Kernel', { exact: true })).toHaveValue('js');
  const result = card(page).locator('.result p');
  await expect(result).toContainText('Blocking held the page for');
  const conclusion = must(await result.textContent(), 'the conclusion');
  const line = must(await status(page).textContent(), 'the status line');
  const meter = must(await page.locator('tl-meter p.result').textContent(), 'the meter');
  // The same figures the status line and the meter show for this run.
  expect(figure(conclusion, /the run took ([^)]+)\)/)).toBe(figure(line, /finished in ([^:]+):/));
  expect(figure(conclusion, /longest task ([^(]+?) \(/)).toBe(figure(line, /longest main-thread task (.+)\.$/));
  expect(figure(conclusion, /held the page for ([^:]+):/)).toBe(figure(meter, /longest wait for a frame ([^,]+),/));
  expect(figure(conclusion, /: (\d+) frames? dropped/)).toBe(figure(meter, /, (\d+) frames? dropped/));
  await card(page).screenshot({ path: test.info().outputPath('blocking-measured.png') });
  const row = page.locator('tl-runs-table tbody tr').first();
  await expect(row).toContainText(figure(line, /finished in ([^:]+):/));

  await card(page).getByRole('button', { name: 'Leave the lesson' }).click();
  await expect(card(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start the lesson' })).toBeVisible();
  expect(lessonParam(page)).toBeNull();
  // What the lesson set stays in the lab.
  await expect(page.getByLabel('Mode', { exact: true })).toHaveValue('blocking');
  expect(new URL(page.url()).searchParams.get('mode')).toBe('blocking');
});

test('the first step’s “Choose a photo” adds the photo to the lab and describes it', async ({ page }) => {
  await open(page, '/?lesson=1');
  const chooser = page.waitForEvent('filechooser');
  await card(page).getByRole('button', { name: 'Choose a photo' }).click();
  await (await chooser).setFiles([{ name: 'class.png', mimeType: 'image/png', buffer: samplePng(96, 64, 3) }]);
  await expect(status(page)).toContainText('class.png: 96 × 64 px', { timeout: 60_000 });
  await expect(card(page).locator('.result')).toContainText('Your photo: class.png, 96 × 64 px');
});

test('a shared link opens the lesson at its step; a bad step opens the lab', async ({ page }) => {
  test.slow(); // two page loads, each decoding the sample
  await open(page, '/?lesson=4');
  await expect(heading(page)).toHaveText('4. Parallel on every core');
  await expect(card(page).getByText('Step 4 of 9')).toBeVisible();
  await expect(card(page).getByRole('button', { name: 'Compare the modes' })).toBeVisible();
  await expect(card(page).locator('li[aria-current="step"]')).toHaveCount(1);
  await open(page, '/?lesson=99');
  await expect(card(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start the lesson' })).toBeVisible();
});

for (const size of [
  { width: 1280, height: 720 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
]) {
  test(`at ${size.width}×${size.height} the step's action is on the first screen`, async ({ page }) => {
    await page.setViewportSize(size);
    for (const step of [2, 5]) {
      // Where the card puts the button matters here, not whether a photo is ready to run.
      await page.goto(`/?lesson=${step}`);
      const action = card(page).locator('button.primary');
      await expect(action).toBeVisible();
      await page.evaluate(() => window.scrollTo(0, 0));
      const box = must(await action.boundingBox(), 'the action button');
      expect(box.y + box.height).toBeLessThanOrEqual(size.height);
      expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      await page.screenshot({ path: test.info().outputPath(`lesson-${step}-${size.width}x${size.height}.png`) });
    }
  });
}
