import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { at, must, samplePng } from '../fixtures.js';
import { onDisk } from './disk.js';

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });

/** A small photo, so that sweeps of many runs stay quick. */
async function smallPhoto(page: Page, width = 480, height = 320): Promise<void> {
  await page
    .getByLabel('Choose photos', { exact: true })
    .setInputFiles(onDisk([{ name: 'small.png', buffer: samplePng(width, height, 5) }]));
  await expect(status(page)).toContainText(`small.png: ${width} × ${height} px`);
}

async function runExperiment(page: Page, label: string, button: string): Promise<void> {
  await page.getByLabel('Experiment', { exact: true }).selectOption({ label });
  await page.getByRole('button', { name: button }).click();
  await expect(status(page)).toContainText(`${label} finished.`, { timeout: 60_000 });
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(status(page)).toContainText('Ready to run');
});

test('the timeline shows one lane per worker with a bar per tile, and the meter reports frames', async ({ page }) => {
  await smallPhoto(page);
  await page.getByLabel('Tile size', { exact: true }).selectOption({ label: '64 px' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText('finished in');
  const timeline = page.locator('tl-timeline#live');
  await expect(timeline.locator('p.summary')).toContainText(
    /^40 tiles over [\d.]+ m?s\. worker 1: \d+ tiles, busy .*; worker 2: \d+ tiles/,
  );
  await expect(timeline.locator('rect.tile')).toHaveCount(40);
  // The tiles are one tab stop (the tile the cursor is on); the experiments.spec checks the arrow keys.
  await timeline.locator('rect.tile[tabindex="0"]').focus();
  await expect(timeline.locator('p.detail')).toContainText(/Worker [12], tile \d+, starts at [\d.]+ m?s, takes [\d.]+ m?s/);
  await expect(page.locator('tl-meter p.result')).toContainText(
    /Parallel ×2: longest wait for a frame (?!0\.0 ms)[\d.]+ m?s, \d+ frames? dropped/,
  );
});

test('typing works during a concurrent run, and a blocking run is measured as a freeze', async ({ page }) => {
  // The JavaScript kernels: with the WebAssembly ones these runs are too short to type into or to freeze the page.
  await page.getByLabel('Kernel', { exact: true }).selectOption({ label: 'JavaScript' });
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Median (heavy)' });
  await page.getByLabel('Radius', { exact: true }).fill('8');
  await page.getByLabel('Tile size', { exact: true }).selectOption({ label: '64 px' });
  await page.getByLabel('Mode', { exact: true }).selectOption({ label: 'Concurrent' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText('Concurrent: filtering');
  const box = page.getByLabel('Type here while a run goes');
  await box.pressSequentially('hello class', { delay: 20 });
  await expect(box).toHaveValue('hello class');
  // The run was still going while the typing went through.
  await expect(status(page)).toContainText('Concurrent: filtering');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status(page)).toContainText('cancelled');

  await page.getByLabel('Radius', { exact: true }).fill('3');
  await page.getByLabel('Tile size', { exact: true }).selectOption({ label: '256 px' });
  await page.getByLabel('Mode', { exact: true }).selectOption({ label: 'Blocking' });
  // A freeze is called only against the idle page's own frames: wait until they are measured.
  await expect(page.locator('tl-meter p.idle')).toContainText('while idle');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText('finished in');
  await expect(page.locator('tl-meter p.result')).toContainText(/Blocking: longest wait for a frame .* The page froze\./);
});

test('"How many cores?" measures 1 to 2N workers, and says two cores are too few to fit Amdahl\'s law', async ({ page }) => {
  await smallPhoto(page);
  await runExperiment(page, 'How many cores?', 'Run “How many cores?”');
  const summary = page.locator('tl-speedup-chart p.summary');
  await expect(summary).toContainText(/^Measured: 1 worker [\d.]+ m?s \(1\.00×\), 2 workers .*, 3 workers .*, 4 workers [^.]*\.\d+×\)\./);
  await expect(summary).toContainText(/On 2 workers this ran [\d.]+× as fast as on one \([\d.]+–[\d.]+× across the repeats\)/);
  await expect(summary).toContainText('Two worker counts cannot separate the serial part from the parallel part');
  await expect(summary).not.toContainText(/serial fraction \d|0\.0%|unboundedly/);
  await expect(summary).toContainText('Beyond 2 workers (the cores this device reports)');
  await expect(page.locator('tl-speedup-chart circle')).toHaveCount(4);
});

test('the tile-size sweep reports time and idle share per size', async ({ page }) => {
  await smallPhoto(page, 320, 200);
  await runExperiment(page, 'Tile size', 'Run the tile-size sweep');
  await expect(page.locator('tl-experiments p.summary')).toContainText(
    /^Measured: 16 px \(260 tiles\) [\d.]+ m?s, lanes idle [\d.]+% \(lane 1 [\d.]+ m?s, lane 2 [\d.]+ m?s\); 32 px/,
  );
  await expect(page.locator('tl-experiments p.summary')).toContainText('1024 px (1 tile)');
});

test('static scheduling leaves a lane idle where dynamic does not', async ({ page }) => {
  // Large enough that the spotlight's work, not a worker's start-up, decides the idle times.
  await smallPhoto(page, 1600, 1200);
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Median (heavy)' });
  await page.getByLabel('Radius', { exact: true }).fill('6');
  await page.getByLabel('Tile size', { exact: true }).selectOption({ label: '64 px' });
  await runExperiment(page, 'Static vs dynamic scheduling', 'Compare static and dynamic');
  const summary = page.locator('tl-experiments #schedule-summary');
  await expect(summary).toContainText(/^Measured: static [\d.]+ m?s \(lane 1 idle .*, lane 2 idle .*\); dynamic/);
  const text = must(await summary.textContent(), 'the summary text');
  const idle = [...text.matchAll(/idle ([\d.]+) (ms|s)/g)].map((m) => Number(m[1]) * (m[2] === 's' ? 1000 : 1));
  // Static: the lane whose block holds the spotlight works while the other waits.
  const staticGap = Math.abs(at(idle, 0) - at(idle, 1));
  const dynamicGap = Math.abs(at(idle, 2) - at(idle, 3));
  expect(staticGap).toBeGreaterThan(dynamicGap);
  await expect(page.locator('tl-experiments tl-timeline')).toHaveCount(2);
});

test('shared memory and message passing are compared with the bytes copied', async ({ page }) => {
  await smallPhoto(page);
  await runExperiment(page, 'Shared memory vs messages', 'Compare shared memory and messages');
  await expect(page.locator('tl-experiments p.summary')).toContainText(
    /^Measured: shared memory [\d.]+ m?s, 0 MB copied; message passing [\d.]+ m?s, [\d.]+ MB copied\./,
  );
});

test('the race loses updates with ++ and never with Atomics.add', async ({ page }) => {
  await runExperiment(page, 'Race condition', 'Run the race');
  const summary = page.locator('tl-experiments p.summary');
  await expect(summary).toContainText('Expected 3,840,000 (one per pixel).');
  await expect(summary).toContainText('with Atomics.add exactly the expected total every time');
  const text = must(await summary.textContent(), 'the summary text');
  const counted = must(/counted ([\d,]+(?:, [\d,]+)*);/.exec(text)?.[1], `"counted …;" in "${text}"`);
  const plain = counted.split(', ').map((n) => Number(n.replaceAll(',', '')));
  expect(plain.length).toBeGreaterThanOrEqual(3);
  for (const n of plain) expect(n).toBeLessThanOrEqual(3_840_000);
});

test('a shared link restores the settings, and charts save as SVG and PNG', async ({ page }) => {
  await page.goto('/?filter=blur&sigma=6&mode=concurrent&workers=1&tile=64&experiment=race');
  await expect(status(page)).toContainText('Ready to run');
  await expect(page.getByLabel('Filter', { exact: true })).toHaveValue('blur');
  await expect(page.getByLabel('Radius σ', { exact: true })).toHaveValue('6');
  await expect(page.getByLabel('Mode', { exact: true })).toHaveValue('concurrent');
  await expect(page.getByLabel('Workers', { exact: true })).toHaveValue('1');
  await expect(page.getByLabel('Tile size', { exact: true })).toHaveValue('64');
  await expect(page.getByLabel('Experiment', { exact: true })).toHaveValue('race');

  await page.getByLabel('Mode', { exact: true }).selectOption({ label: 'Parallel' });
  await expect(page).toHaveURL(/mode=parallel/);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText('finished in');

  const svgDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save wall time chart as SVG' }).click();
  const svgText = await readFile(await (await svgDownload).path(), 'utf8');
  expect(svgText).toMatch(/^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svgText).toContain('Parallel ×1');
  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save timeline as PNG' }).first().click();
  const png = await readFile(await (await pngDownload).path());
  expect(png.subarray(1, 4).toString()).toBe('PNG');
});
