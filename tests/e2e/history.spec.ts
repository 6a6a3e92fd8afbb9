import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { samplePng } from '../fixtures.js';
import { onDisk } from './disk.js';

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });
const rows = (page: Page) => page.locator('tl-runs-table tbody tr');
const queue = (page: Page) => page.getByRole('list', { name: 'Photo queue' }).getByRole('button');

async function run(page: Page, mode: 'Parallel' | 'Blocking', workers?: number): Promise<void> {
  await page.getByLabel('Mode', { exact: true }).selectOption({ label: mode });
  if (workers) await page.getByLabel('Workers', { exact: true }).fill(String(workers));
  if (workers) await page.getByLabel('Workers', { exact: true }).dispatchEvent('change');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText(/finished in [\d.]+ (ms|s)/);
}

/** The keys the page has written to its IndexedDB store, read the way any page script could. */
function keptKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('tilelab-history');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('history')) {
            db.close();
            resolve([]);
            return;
          }
          const req = db.transaction('history').objectStore('history').getAllKeys();
          req.onsuccess = () => {
            db.close();
            resolve(req.result.map(String).sort());
          };
          req.onerror = () => reject(new Error(String(req.error)));
        };
      }),
  );
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(status(page)).toContainText('Ready to run');
});

test('runs, results and photos come back after a reload, and Clear history empties them for good', async ({ page }) => {
  await page.getByLabel('Choose photos', { exact: true }).setInputFiles(onDisk([{ name: 'harbour.png', buffer: samplePng(320, 200, 3) }]));
  await expect(status(page)).toContainText('harbour.png: 320 × 200 px');
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Sobel edges' });
  await page.locator('tl-compare').getByRole('button', { name: 'Compare modes' }).click();
  await expect(status(page)).toContainText('Compare modes finished.', { timeout: 120_000 });
  await run(page, 'Parallel');
  await run(page, 'Blocking');
  const count = await rows(page).count();
  expect(count).toBeGreaterThanOrEqual(2);
  const newest = Number(await rows(page).first().locator('td').first().textContent());
  const summary = await page.locator('tl-wall-chart p.summary').textContent();
  // Written after the runs ended: every run, the comparison and the photo.
  await expect
    .poll(async () => {
      const keys = await keptKeys(page);
      return [keys.filter((k) => k.startsWith('run:')).length, keys.includes('results'), keys.includes('photo:photo-1')];
    })
    .toEqual([count, true, true]);

  await page.reload();
  await expect(status(page)).toContainText(
    /harbour\.png: 320 × 200 px.*Ready to run\. Kept from an earlier visit: \d+ runs, 1 result, 1 photo\./,
  );
  await expect(queue(page)).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'harbour.png' })).toHaveAttribute('aria-pressed', 'true');
  // Both thumbnails are drawn, the sample's too though it is not the photo decoded.
  await expect(page.locator('tl-photo-queue canvas[data-drawn="true"]')).toHaveCount(2);
  await expect(rows(page)).toHaveCount(count);
  await expect(rows(page).filter({ hasText: 'earlier visit' })).toHaveCount(count);
  await expect(page.locator('tl-wall-chart p.summary')).toHaveText(summary ?? '');
  await expect(page.getByRole('list', { name: 'Do runs agree?' })).toContainText('Identical');
  const compare = page.getByRole('region', { name: 'Compare modes' });
  await expect(compare).toContainText('This result is from an earlier visit');
  await expect(compare.locator('svg rect').first()).toBeVisible();
  // The canvas shows no result of those runs, so there is nothing to download.
  await expect(page.getByRole('button', { name: 'Download image' })).toBeDisabled();

  // New runs number on from the earlier ones and are not marked.
  await run(page, 'Parallel');
  await expect(rows(page)).toHaveCount(count + 1);
  await expect(rows(page).first()).not.toContainText('earlier visit');
  await expect(rows(page).first().locator('td').first()).toHaveText(String(newest + 1));

  // One click asks first; "Keep history" keeps it.
  await page.getByRole('button', { name: 'Clear history' }).click();
  await page.getByRole('button', { name: 'Keep history' }).click();
  await expect(rows(page)).toHaveCount(count + 1);
  await page.getByRole('button', { name: 'Clear history' }).click();
  await page.getByRole('button', { name: 'Yes, clear history' }).click();
  await expect(status(page)).toContainText('History cleared');
  await expect(rows(page)).toHaveCount(0);
  await expect(queue(page)).toHaveCount(1);
  await expect(compare).not.toContainText('earlier visit');
  await expect.poll(async () => (await keptKeys(page)).filter((k) => k !== 'queue')).toEqual([]);

  await page.reload();
  await expect(status(page)).toContainText('Ready to run');
  await expect(status(page)).not.toContainText('earlier visit');
  await expect(rows(page)).toHaveCount(0);
  await expect(queue(page)).toHaveCount(1);
});

test('Compare devices draws one line per device from exports, and names a file it cannot use', async ({ page }) => {
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Sobel edges' });
  await run(page, 'Parallel', 1);
  await run(page, 'Parallel', 2);
  await page.getByRole('button', { name: 'Export results' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'JSON (2 runs)' }).click();
  const text = await readFile(await (await download).path(), 'utf8');
  const exported: unknown = JSON.parse(text);
  if (
    typeof exported !== 'object' ||
    exported === null ||
    !('device' in exported) ||
    !('runs' in exported) ||
    !Array.isArray(exported.runs)
  )
    throw new Error(`not an export with a device: ${text.slice(0, 200)}`);
  // A second device: another browser and core count, the same runs twice as slow on one worker.
  const phone = {
    ...exported,
    device: { cores: 6, browser: 'Safari 17.5', platform: 'iOS', simd: false },
    runs: exported.runs.map((r: unknown) =>
      typeof r === 'object' && r !== null && 'wallMs' in r && 'settings' in r && typeof r.wallMs === 'number'
        ? { ...r, wallMs: JSON.stringify(r.settings).includes('"workers":1') ? r.wallMs * 2 : r.wallMs }
        : r,
    ),
  };

  const devices = page.getByRole('region', { name: 'Compare devices' });
  await devices.getByLabel('Open exported JSON files').setInputFiles([
    { name: 'laptop.json', mimeType: 'application/json', buffer: Buffer.from(text) },
    { name: 'phone.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(phone)) },
  ]);
  const legend = devices.getByRole('list', { name: 'Devices' });
  await expect(legend.getByRole('listitem')).toHaveCount(3); // two devices and the ideal line
  await expect(legend).toContainText('laptop.json, from Sobel edges on Sample: lake at sunset');
  await expect(legend).toContainText('Safari 17.5 on iOS, 6 cores, SIMD no');
  await expect(devices.locator('svg.devices polyline')).toHaveCount(2);
  await expect(devices.locator('#devices-summary')).toContainText(
    /phone\.json \(Safari 17\.5 on iOS, 6 cores, SIMD no\): best [\d.]+× on 2 workers/,
  );

  // A bad file dropped on the panel is named; the devices already drawn stay.
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['{"runs": ['], 'notes.json', { type: 'application/json' }));
    return dt;
  });
  await page.dispatchEvent('tl-devices', 'drop', { dataTransfer });
  await expect(devices.locator('.problems')).toContainText('“notes.json” is not JSON');
  await expect(devices.locator('svg.devices polyline')).toHaveCount(2);
  // It was not taken for a photo.
  await expect(page.getByRole('list', { name: 'Photo queue' }).getByRole('button')).toHaveCount(1);
});
