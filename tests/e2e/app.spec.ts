import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { at, drop, pngSize, samplePng, type DropFile } from '../fixtures.js';

/** The fields of an exported RunRecord that the export test reads. */
interface ExportedRun {
  settings: { mode: string };
  digest: string | null;
  spans: unknown[];
  tiles: number;
}

const isExportedRun = (r: unknown): r is ExportedRun =>
  typeof r === 'object' &&
  r !== null &&
  'settings' in r &&
  typeof r.settings === 'object' &&
  r.settings !== null &&
  'mode' in r.settings &&
  typeof r.settings.mode === 'string' &&
  'digest' in r &&
  (typeof r.digest === 'string' || r.digest === null) &&
  'spans' in r &&
  Array.isArray(r.spans) &&
  'tiles' in r &&
  typeof r.tiles === 'number';

/** The device an export names: what makes a class's files comparable. */
const isDevice = (d: unknown): boolean =>
  typeof d === 'object' &&
  d !== null &&
  'cores' in d &&
  typeof d.cores === 'number' &&
  d.cores >= 1 &&
  'browser' in d &&
  typeof d.browser === 'string' &&
  /\w+ \d+/.test(d.browser) &&
  'simd' in d &&
  typeof d.simd === 'boolean';

/** The runs in a JSON export; throws, failing the test, unless it names the device and lists run records. */
function exportedRuns(json: string): ExportedRun[] {
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null || !('format' in parsed) || parsed.format !== 'tilelab-results')
    throw new Error(`the JSON export is not a Tilelab export: ${json.slice(0, 200)}`);
  if (!('device' in parsed) || !isDevice(parsed.device)) throw new Error(`the JSON export does not name the device: ${json.slice(0, 300)}`);
  if (!('runs' in parsed) || !Array.isArray(parsed.runs)) throw new Error(`the JSON export has no list of runs: ${json.slice(0, 200)}`);
  const list: unknown[] = parsed.runs;
  return list.map((r, i) => {
    if (!isExportedRun(r)) throw new Error(`item ${i} of the JSON export is not a run record: ${JSON.stringify(r).slice(0, 200)}`);
    return r;
  });
}

const png = (name: string, w: number, h: number, seed?: number): DropFile => ({
  name,
  type: 'image/png',
  base64: samplePng(w, h, seed).toString('base64'),
});
const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });

async function runMode(page: Page, mode: 'Parallel' | 'Concurrent' | 'Blocking'): Promise<void> {
  await page.getByLabel('Mode', { exact: true }).selectOption({ label: mode });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText(/finished in [\d.]+ (ms|s)/);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(status(page)).toContainText('Ready to run');
});

test('a new user drops a photo, runs every mode, compares, and downloads the result', async ({ page }) => {
  await drop(page, [png('harbour.png', 640, 420)]);
  await expect(status(page)).toContainText('harbour.png: 640 × 420 px');
  await expect(page.getByRole('button', { name: 'harbour.png' })).toHaveAttribute('aria-pressed', 'true');

  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Median (heavy)' });
  await page.getByLabel('Radius', { exact: true }).fill('2');
  for (const mode of ['Parallel', 'Concurrent', 'Blocking'] as const) await runMode(page, mode);

  // Auto tiles: 256 px would give 6 tiles, fewer than four for each of two workers; 128 px give 20.
  await expect(page.getByLabel('Tile size', { exact: true }).locator('option:checked')).toHaveText('Auto (128 px)');
  await expect(page.getByRole('progressbar', { name: 'Tiles done' })).toHaveJSProperty('value', 20);
  await expect(page.locator('tl-viewer')).toContainText('20 / 20 tiles');
  const summary = page.locator('tl-wall-chart p.summary');
  await expect(summary).toContainText('Median r=2px on harbour.png');
  await expect(summary).toContainText(/Parallel ×2 took [\d.]+ (ms|s); Concurrent took [\d.]+ (ms|s); Blocking took/);
  await expect(page.locator('tl-wall-chart svg rect')).toHaveCount(1 + 3 * 2); // decode, then run + read-back each
  await expect(page.getByRole('list', { name: 'Do runs agree?' })).toContainText(
    'Identical: all 3 runs of Median r=2px on harbour.png give the same pixels',
  );

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download image' }).click();
  const file = await download;
  // Photo, filter and radius, mode and kernel (SIMD is the default where it runs, as in this Chromium).
  expect(file.suggestedFilename()).toBe('harbour-median-r2-blocking-simd.png');
  const bytes = await readFile(await file.path());
  expect(pngSize(bytes)).toEqual({ width: 640, height: 420 });
});

test('export saves every RunRecord as JSON and CSV', async ({ page }) => {
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Sobel edges' });
  await runMode(page, 'Parallel');
  await runMode(page, 'Blocking');
  await page.getByRole('button', { name: 'Export results' }).click();

  const jsonDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'JSON (2 runs)' }).click();
  const records = exportedRuns(await readFile(await (await jsonDownload).path(), 'utf8'));
  expect(records).toHaveLength(2);
  expect(records.map((r) => r.settings.mode)).toEqual(['parallel', 'blocking']);
  const [first, second] = [at(records, 0), at(records, 1)];
  expect(first.digest).toMatch(/^[0-9a-f]{64}$/);
  expect(second.digest).toBe(first.digest);
  expect(first.spans.length).toBe(first.tiles);

  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV' }).click();
  const csv = (await readFile(await (await csvDownload).path(), 'utf8')).trim().split('\n');
  expect(csv).toHaveLength(3);
  expect(csv[0]).toMatch(/^id,photo,width,height,filter,mode.*,device_cores,browser,platform,simd$/);
  // Every line carries the device, so files from a class can be pasted into one sheet.
  expect(csv[1]).toMatch(/,\d+,[^,]+ \d+,[^,]*,(yes|no)$/);
});

test('a file that is not an image gets a clear message and nothing is lost', async ({ page }) => {
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Invert' });
  await runMode(page, 'Parallel');
  await drop(page, [{ name: 'notes.txt', type: 'text/plain', base64: Buffer.from('not a photo').toString('base64') }]);
  await expect(page.getByRole('alert')).toContainText('“notes.txt” is a text file, not an image.');
  await drop(page, [{ name: 'empty.jpg', type: 'image/jpeg', base64: '' }]);
  await expect(page.getByRole('alert')).toContainText('“empty.jpg” is empty (0 bytes)');
  // The queue, the settings and the results are still there, and the lab still runs.
  await expect(page.getByRole('list', { name: 'Photo queue' }).getByRole('button')).toHaveCount(1);
  await expect(page.getByLabel('Filter', { exact: true })).toHaveValue('invert');
  await runMode(page, 'Blocking');
  await expect(page.getByRole('list', { name: 'Do runs agree?' })).toContainText('Identical: all 2 runs');
});

test('photos chosen with the picker queue as thumbnails and can be switched', async ({ page }) => {
  await page.getByLabel('Choose photos', { exact: true }).setInputFiles([
    { name: 'one.png', mimeType: 'image/png', buffer: samplePng(300, 200, 1) },
    { name: 'two.png', mimeType: 'image/png', buffer: samplePng(200, 300, 2) },
  ]);
  const queue = page.getByRole('list', { name: 'Photo queue' });
  await expect(queue.getByRole('button')).toHaveCount(3);
  await expect(status(page)).toContainText('one.png: 300 × 200 px');
  await queue.getByRole('button', { name: 'two.png' }).click();
  await expect(status(page)).toContainText('two.png: 200 × 300 px');
  await runMode(page, 'Concurrent');
  await expect(page.locator('tl-wall-chart p.summary')).toContainText('on two.png');
});

test('Cancel stops a long run and the page says so', async ({ page }) => {
  // The JavaScript kernels: the WebAssembly ones finish this run before a click can land.
  await page.getByLabel('Kernel', { exact: true }).selectOption({ label: 'JavaScript' });
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Median (heavy)' });
  await page.getByLabel('Radius', { exact: true }).fill('8');
  await page.getByLabel('Tile size', { exact: true }).selectOption({ label: '64 px' });
  await page.getByLabel('Mode', { exact: true }).selectOption({ label: 'Concurrent' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status(page)).toContainText(/Concurrent cancelled after \d+ of \d+ tiles/);
  await expect(page.getByRole('button', { name: 'Download image' })).toBeDisabled();
});
