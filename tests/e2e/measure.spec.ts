import { expect, test, type Locator, type Page } from '@playwright/test';

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });

/** Where the meter's ball is: its carrier's transform, and how many animations move it. */
const ball = (page: Page) =>
  page
    .locator('tl-meter .carrier')
    .evaluate((c: HTMLElement) => ({ transform: getComputedStyle(c).transform, animations: c.getAnimations().length }));

/** The ball does not move: the same place over several frames, and nothing animating it. */
async function expectStill(page: Page): Promise<void> {
  const before = await ball(page);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  const after = await ball(page);
  expect(after.animations).toBe(0);
  expect(after.transform).toBe(before.transform);
}

async function runAndWait(page: Page, mode: 'Parallel' | 'Concurrent' | 'Blocking'): Promise<void> {
  await page.getByLabel('Mode', { exact: true }).selectOption({ label: mode });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText(new RegExp(`^${mode}( ×\\d+)? finished in`));
}

const result = (page: Page): Locator => page.locator('tl-meter p.result');

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('the ball stays still, and the meter still measures every run', async ({ page }) => {
    await page.goto('/');
    await expect(status(page)).toContainText('Ready to run');
    await expect(page.locator('tl-meter p.caption')).toContainText('Your system asks for less motion');
    await expect(page.getByRole('button', { name: 'Pause the ball' })).toBeDisabled();
    await expectStill(page);
    await expect(page.locator('tl-meter p.idle')).toContainText('while idle');
    await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Invert' });
    await runAndWait(page, 'Parallel');
    await expectStill(page);
    await expect(result(page)).toContainText(/^Parallel ×\d: longest wait for a frame (?!0\.0 ms)[\d.]+ m?s, \d+ frames? dropped/);
    await expect(page.locator('tl-meter p.cost')).toContainText(/The page’s own frames took (?!0\.0%)[\d.]+% of its thread/);
  });
});

test('the ball can be paused and moved again; paused, a blocking run is still measured as a freeze', async ({ page }) => {
  await page.goto('/');
  await expect(status(page)).toContainText('Ready to run');
  // Between runs the compositor moves the ball: one animation, and the ball in a new place a moment later.
  const moving = await ball(page);
  expect(moving.animations).toBe(1);
  await expect.poll(async () => (await ball(page)).transform).not.toBe(moving.transform);

  const pause = page.getByRole('button', { name: 'Pause the ball' });
  await pause.click();
  const resume = page.getByRole('button', { name: 'Move the ball' });
  await expect(resume).toHaveAttribute('aria-pressed', 'true');
  await expectStill(page);
  await expect(page.locator('tl-meter p.idle')).toContainText('while idle');
  // The JavaScript kernels: the WebAssembly ones filter the sample too fast to freeze the page.
  await page.getByLabel('Kernel', { exact: true }).selectOption({ label: 'JavaScript' });
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Median (heavy)' });
  await runAndWait(page, 'Blocking');
  await expect(result(page)).toContainText(/^Blocking: longest wait for a frame .* The page froze\./);
  await expectStill(page);

  await resume.click();
  await expect(pause).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => (await ball(page)).animations).toBe(1);
});

test('Compare modes runs every mode in interleaved rounds and shows each one’s spread, with verdicts', async ({ page }) => {
  await page.goto('/');
  await expect(status(page)).toContainText('Ready to run');
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Sobel edges' });
  const panel = page.locator('tl-compare');
  await panel.getByRole('button', { name: 'Compare modes' }).click();
  await expect(status(page)).toContainText('Compare modes finished.', { timeout: 120_000 });
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const labels = ['Blocking', 'Concurrent', 'Parallel ×1', ...(cores > 1 ? [`Parallel ×${cores}`] : [])];
  const summary = panel.locator('#compare-summary');
  for (const label of labels) await expect(summary).toContainText(new RegExp(`${label} [\\d.]+ m?s \\([^)]*3 runs`));
  // One bar a configuration, and a whisker (three lines) from its fastest to its slowest round.
  await expect(panel.locator('svg rect')).toHaveCount(labels.length);
  await expect(panel.locator('svg line.whisker')).toHaveCount(3 * labels.length);
  const verdicts = panel.locator('ul.verdicts li');
  // Speed: a named winner, "too close to call", or the machine was busy: never a silent guess.
  await expect(verdicts.first()).toHaveText(/^(Fastest: .+× faster than|Too close to call|The page’s own frames were late while idle)/);
  await expect(verdicts.filter({ hasText: 'Longest wait for a frame' })).toHaveCount(1);
  await expect(verdicts.filter({ hasText: 'Every run gave identical pixels (SHA-256).' })).toHaveCount(1);
  // The rounds stay with the comparison: the runs table and the wall chart keep the teacher's own runs (none here).
  await expect(page.locator('tl-runs-table tbody tr')).toHaveCount(0);
  await expect(page.locator('tl-wall-chart p.summary')).toHaveText('No finished runs of this photo and filter yet.');
});
