import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { must, pngHeader, samplePng } from '../fixtures.js';
import { expectNoViolations } from './axe.js';
import { onDisk, type FileToChoose } from './disk.js';
import { browserJpeg } from './page-photos.js';

const SHOTS = '/tmp/s5/shots/batch';
const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });
const queue = (page: Page) => page.getByRole('list', { name: 'Photo queue' }).getByRole('button');
const panel = (page: Page) => page.locator('section#batch');
const summary = (page: Page) => panel(page).locator('[data-summary]');

/**
 * The lab at `url` with the sample, `files`, and a bad photo at the end: a PNG header claiming
 * 70000 × 8 px with no pixels, which the queue takes when "Downscale and add" is clicked and
 * which then cannot be decoded.
 */
async function setUp(page: Page, url: string, files: (page: Page) => FileToChoose[] | Promise<FileToChoose[]>): Promise<void> {
  await page.goto(url);
  await expect(status(page)).toContainText('Ready to run', { timeout: 60_000 });
  // The sample alone is no batch: the buttons say why they are off.
  const filterAll = panel(page).getByRole('button', { name: 'Filter all photos' });
  await expect(filterAll).toBeDisabled();
  await expect(filterAll).toHaveAccessibleDescription(/a batch needs two or more/);
  const chosen = await files(page);
  await page.getByLabel('Choose photos', { exact: true }).setInputFiles(onDisk(chosen));
  await expect(queue(page)).toHaveCount(1 + chosen.length);
  await page
    .getByLabel('Choose photos', { exact: true })
    .setInputFiles([{ name: 'strip.png', mimeType: 'image/png', buffer: Buffer.from(pngHeader(70_000, 8)) }]);
  await page.getByRole('button', { name: 'Downscale and add' }).last().click();
  await expect(queue(page)).toHaveCount(2 + chosen.length);
  await expect(filterAll).toBeEnabled();
}

const smallPhotos = async (page: Page): Promise<FileToChoose[]> => [
  { name: 'a.png', buffer: samplePng(320, 200, 3) },
  { name: 'b.jpg', buffer: await browserJpeg(page, 320, 200) },
  { name: 'c.png', buffer: samplePng(320, 200, 9) },
];

/** The ZIP a download saved, read back: each entry's name and bytes. */
async function zipOf(download: Download): Promise<Record<string, Uint8Array>> {
  return unzipSync(new Uint8Array(readFileSync(must(await download.path(), 'the downloaded file'))));
}

/** Each photo's pixel digest as the summary shows it, for one schedule. */
async function digests(page: Page, schedule: 'sequential' | 'pipelined'): Promise<Record<string, string>> {
  return panel(page)
    .locator('tr[data-photo]')
    .evaluateAll(
      (rows, k) =>
        Object.fromEntries(
          rows.map((r) => [
            r.getAttribute('data-photo') ?? '',
            r.querySelector(`td[data-schedule="${k}"]`)?.getAttribute('data-sha') ?? '',
          ]),
        ),
      schedule,
    );
}

const EXPECTED = ['sample-lake-at-sunset-median-r1.png', 'a-median-r1.png', 'b-median-r1.jpg', 'c-median-r1.png'];

test('"Filter all photos" saves every good photo into one ZIP named after photo and filter, skips the bad one by name, and leaves the queue alone', async ({
  page,
}) => {
  await setUp(page, '/?filter=median&radius=1', smallPhotos);
  const names = await queue(page).allInnerTexts();
  await panel(page).getByLabel('Schedule').selectOption({ label: 'Pipelined' });
  const download = page.waitForEvent('download');
  await panel(page).getByRole('button', { name: 'Filter all photos' }).click();
  const zip = await zipOf(await download);
  // The format follows the photo: the JPEG stays a JPEG, the rest are PNG.
  expect(Object.keys(zip).sort()).toEqual([...EXPECTED].sort());
  for (const [name, bytes] of Object.entries(zip)) {
    const jpegMagic = bytes[0] === 0xff && bytes[1] === 0xd8;
    expect(jpegMagic, name).toBe(name.endsWith('.jpg'));
  }
  await expect(summary(page)).toContainText('Saved 4 of 5 photos, skipped 1');
  await expect(panel(page).locator('[data-skipped="strip.png"]')).toContainText('strip.png: could not decode it');
  await expect(panel(page).locator('tl-batch-timeline')).toHaveCount(1);
  expect(await queue(page).allInnerTexts()).toEqual(names);
});

test('both schedules give the same pixels for every photo; each timeline has a lane per stage; the panel fits every screen', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await setUp(page, '/?filter=median&radius=1', smallPhotos);
  // Every photo as PNG, the JPEG too.
  await panel(page).getByLabel('Format').selectOption({ label: 'PNG' });
  await expect(panel(page).locator('.intro')).toContainText('all as PNG');
  const download = page.waitForEvent('download');
  await panel(page).getByRole('button', { name: 'Compare both schedules' }).click();
  // Only the second (pipelined) run's ZIP is downloaded.
  const zip = await zipOf(await download);
  expect(Object.keys(zip).sort()).toEqual(EXPECTED.map((n) => n.replace(/\.jpg$/, '.png')).sort());
  for (const [name, bytes] of Object.entries(zip)) expect([...bytes.subarray(0, 4)], name).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await expect(summary(page)).toContainText('Both schedules gave the same pixels for every photo');

  const one = await digests(page, 'sequential');
  const two = await digests(page, 'pipelined');
  expect(Object.keys(one)).toHaveLength(5);
  expect(two).toEqual(one);
  expect(one['strip.png']).toBe('');
  for (const name of ['Sample: lake at sunset', 'a.png', 'b.jpg', 'c.png']) expect(one[name], name).toMatch(/^[0-9a-f]{64}$/);

  const timelines = panel(page).locator('tl-batch-timeline');
  await expect(timelines).toHaveCount(2);
  for (const t of await timelines.all()) {
    const labels = await t.locator('svg text[text-anchor="end"]').allTextContents();
    const filterLanes = labels.filter((l) => l.startsWith('Filter'));
    expect(filterLanes.length).toBeGreaterThan(0);
    expect(labels).toEqual(['Read', 'Decode', ...filterLanes, 'Encode', 'Save']);
    // Every photo that was saved went through every stage's lane.
    const lanesOf = await t
      .locator('rect.bar')
      .evaluateAll((bars) => bars.map((b) => [b.getAttribute('data-photo'), Number(b.getAttribute('data-lane'))] as const));
    for (const photo of ['0', '1', '2', '3']) {
      const own = new Set(lanesOf.filter(([p]) => p === photo).map(([, l]) => l));
      expect(
        [0, 1, labels.length - 2, labels.length - 1].every((l) => own.has(l)),
        `photo ${photo} in every stage`,
      ).toBe(true);
    }
  }
  await expect(panel(page).locator('[data-caption]')).toContainText('concurrency');
  await expect(panel(page).locator('[data-caption]')).toContainText('limits the pipeline');

  // Every control named, the charts with their text alternatives: axe-core finds nothing on the page.
  for (const d of await panel(page).locator('details').all()) await d.locator('summary').click();
  await expectNoViolations(page, 'after Compare both schedules, every table open');

  mkdirSync(SHOTS, { recursive: true });
  for (const size of [
    { width: 1280, height: 720 },
    { width: 768, height: 1024 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    // Charts redraw at their new width on the next frame.
    await expect
      .poll(() =>
        panel(page)
          .locator('tl-batch-timeline svg')
          .first()
          .evaluate((s) => Math.abs(Number(s.getAttribute('viewBox')?.split(' ')[2]) - s.getBoundingClientRect().width)),
      )
      .toBeLessThan(4);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll, `${size.width}: the page scrolls sideways`).toBeLessThanOrEqual(widths.inner);
    const panelBox = must(await panel(page).boundingBox(), 'the panel');
    expect(panelBox.x + panelBox.width, `${size.width}: the panel is wider than the screen`).toBeLessThanOrEqual(size.width);
    await panel(page).screenshot({ path: `${SHOTS}/batch-${size.width}x${size.height}.png` });
  }
});

test('Esc stops the batch mid-way and keeps what was saved, and the summary says so', async ({ page }) => {
  // A large photo after a small one, filtered by the JavaScript kernel: the cancel comes while it is being filtered.
  await setUp(page, '/?filter=median&radius=3&kernel=js', () => [
    { name: 'a.png', buffer: samplePng(320, 200, 3) },
    { name: 'big.png', buffer: samplePng(2400, 1600, 4) },
    { name: 'c.png', buffer: samplePng(320, 200, 9) },
  ]);
  await panel(page).getByLabel('Schedule').selectOption({ label: 'One after another' });
  const download = page.waitForEvent('download');
  await panel(page).getByRole('button', { name: 'Filter all photos' }).click();
  await expect(panel(page).getByRole('progressbar', { name: 'Photos done' })).toHaveAttribute('value', '2');
  // The page's shortcut reaches the batch, as the panel's own Cancel batch and the settings' Cancel do.
  await expect(panel(page).getByRole('button', { name: 'Cancel batch' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeEnabled();
  mkdirSync(SHOTS, { recursive: true });
  await panel(page).screenshot({ path: `${SHOTS}/batch-live.png` });
  await page.keyboard.press('Escape');
  const zip = await zipOf(await download);
  const saved = Object.keys(zip);
  // One after another: what was saved is the queue's first photos, in order.
  expect(saved).toEqual(['sample-lake-at-sunset-median-r3.png', 'a-median-r3.png', 'big-median-r3.png'].slice(0, saved.length));
  expect(saved.length).toBeGreaterThanOrEqual(2);
  expect(saved.length).toBeLessThan(4);
  await expect(summary(page)).toContainText(`Saved ${saved.length} of 5 photos`);
  await expect(summary(page)).toContainText(`Cancelled: the ${saved.length} photos saved before the cancel stay saved`);
  await expect(queue(page)).toHaveCount(5);
});

test('"Save to: Folder" writes each photo into the chosen folder as it is saved, and never overwrites a file already there', async ({
  page,
}) => {
  // The folder picker needs a person; here it answers with a folder in the page's private file system, a real directory handle.
  await page.addInitScript(() => {
    Object.defineProperty(window, 'showDirectoryPicker', {
      configurable: true,
      value: async () => (await navigator.storage.getDirectory()).getDirectoryHandle('class-photos', { create: true }),
    });
  });
  await setUp(page, '/?filter=median&radius=1', smallPhotos);
  // A file from an earlier lesson, under the name a photo of this batch would take.
  await page.evaluate(async () => {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('class-photos', { create: true });
    const out = await (await folder.getFileHandle('a-median-r1.png', { create: true })).createWritable();
    await out.write('kept from before');
    await out.close();
  });
  await panel(page).getByLabel('Save to').selectOption({ label: 'Folder' });
  await panel(page).getByRole('button', { name: 'Filter all photos' }).click();
  await expect(summary(page)).toContainText('Saved 4 of 5 photos, skipped 1: written into the folder “class-photos”');
  const files = await page.evaluate(async () => {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('class-photos');
    const out: Record<string, number[]> = {};
    for await (const [name, handle] of folder as unknown as AsyncIterable<[string, FileSystemFileHandle]>)
      out[name] = [...new Uint8Array(await (await handle.getFile()).arrayBuffer()).subarray(0, 4)];
    return out;
  });
  expect(Object.keys(files).sort()).toEqual(
    ['a-median-r1.png', 'a-median-r1-2.png', 'b-median-r1.jpg', 'c-median-r1.png', 'sample-lake-at-sunset-median-r1.png'].sort(),
  );
  // The earlier file is untouched; the batch's photo took the next free name.
  expect(String.fromCharCode(...(files['a-median-r1.png'] ?? []))).toBe('kept');
  expect(files['a-median-r1-2.png']).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(files['b-median-r1.jpg']?.slice(0, 2)).toEqual([0xff, 0xd8]);
});
