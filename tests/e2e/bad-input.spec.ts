import { expect, test, type Page } from '@playwright/test';
import { animatedGif, brokenJpeg, encodePng, heicHeader, pngHeader, samplePng } from '../fixtures.js';
import { onDisk } from './disk.js';
import { browserJpeg } from './page-photos.js';

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });
const queue = (page: Page) => page.getByRole('list', { name: 'Photo queue' }).getByRole('button');
const alerts = (page: Page) => page.getByRole('alert');

async function add(page: Page, name: string, mimeType: string, bytes: Uint8Array): Promise<void> {
  await page.getByLabel('Choose photos', { exact: true }).setInputFiles([{ name, mimeType, buffer: Buffer.from(bytes) }]);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(status(page)).toContainText('Ready to run');
  // Something to lose: a setting and a finished run.
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Sepia' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText('finished in');
});

async function nothingLost(page: Page, photos = 1): Promise<void> {
  await expect(queue(page)).toHaveCount(photos);
  await expect(page.getByLabel('Filter', { exact: true })).toHaveValue('sepia');
  await expect(page.locator('tl-runs-table tbody tr')).toHaveCount(1);
}

test('files that are not photos each get a clear message, and nothing is lost', async ({ page }) => {
  await add(
    page,
    'drawing.svg',
    'image/svg+xml',
    new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
  );
  await expect(alerts(page)).toContainText('“drawing.svg” is an SVG drawing, not a photo made of pixels. Export it as PNG');
  await add(page, 'IMG_0001.HEIC', 'image/heic', heicHeader());
  await expect(alerts(page)).toContainText(
    '“IMG_0001.HEIC” is a HEIC/HEIF (the iPhone camera format) file, which this browser cannot decode',
  );
  await add(page, 'broken.jpg', 'image/jpeg', brokenJpeg());
  await expect(alerts(page)).toContainText('“broken.jpg” is a damaged JPEG file that this browser cannot decode');
  await add(page, 'empty.png', 'image/png', new Uint8Array(0));
  await expect(alerts(page)).toContainText('“empty.png” is empty (0 bytes).');
  await nothingLost(page);
});

test('a truncated JPEG is named as such; an animated GIF and a 16-bit transparent PNG are used, with a word about each', async ({
  page,
}) => {
  const jpeg = new Uint8Array(await browserJpeg(page, 640, 480));
  await add(page, 'whole.jpg', 'image/jpeg', jpeg);
  await expect(status(page)).toContainText('whole.jpg: 640 × 480 px');
  await add(page, 'cut.jpg', 'image/jpeg', jpeg.subarray(0, Math.floor(jpeg.length * 0.6)));
  await expect(alerts(page)).toContainText('“cut.jpg” is a damaged JPEG file that this browser cannot decode (it is cut off).');

  await add(page, 'blink.gif', 'image/gif', animatedGif());
  await expect(alerts(page)).toContainText('“blink.gif” is animated: Tilelab uses its first frame.');
  await expect(status(page)).toContainText('blink.gif: 1 × 1 px');

  const rgba = new Uint8Array(64 * 48 * 4).map((_, i) => (i % 4 === 3 ? (i >> 2) % 256 : (i * 7) % 256));
  await add(page, 'deep.png', 'image/png', new Uint8Array(encodePng(64, 48, rgba, 16)));
  await expect(alerts(page)).toContainText('“deep.png” has 16 bits per channel: the browser decodes it to 8.');
  await expect(status(page)).toContainText('deep.png: 64 × 48 px');
  for (const mode of ['Parallel', 'Blocking'] as const) {
    await page.getByLabel('Mode', { exact: true }).selectOption({ label: mode });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(status(page)).toContainText('finished in');
  }
  await expect(page.getByRole('list', { name: 'Do runs agree?' })).toContainText('Identical: all 2 runs of Sepia ×=1 on deep.png');
  await expect(queue(page)).toHaveCount(4);
});

test('a photo beyond the canvas limits is refused before decoding, and downscaled when the user agrees', async ({ page }) => {
  await add(page, 'giant.png', 'image/png', pngHeader(70_000, 70_000));
  await expect(alerts(page)).toContainText(
    '“giant.png”: The photo is 70000×70000 px; browsers cannot handle a side over 65,535 px. It was not decoded.',
  );
  await nothingLost(page);

  const wide = new Uint8Array(70_000 * 6 * 4).fill(200);
  await add(page, 'panorama.png', 'image/png', new Uint8Array(encodePng(70_000, 6, wide)));
  await expect(alerts(page)).toContainText('Tilelab can downscale it to 65535 × 6 px (0.39 MP).');
  await page.getByRole('button', { name: 'Downscale and add' }).last().click();
  await expect(status(page)).toContainText('panorama.png: 65535 × 6 px (0.39 MP)');
  await expect(alerts(page)).toContainText('“panorama.png” was downscaled to 65535 × 6 px');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText('finished in');
});

test('twenty photos dropped at once queue while the page keeps answering', async ({ page }) => {
  const files = Array.from({ length: 20 }, (_, i) => ({
    name: `class-${i + 1}.png`,
    buffer: samplePng(800, 600, i + 1),
  }));
  await page.getByLabel('Choose photos', { exact: true }).setInputFiles(onDisk(files));
  const box = page.getByLabel('Type here while a run goes');
  await box.pressSequentially('still here', { delay: 10 });
  await expect(box).toHaveValue('still here');
  await expect(queue(page)).toHaveCount(21, { timeout: 60_000 });
  await expect(status(page)).toContainText('class-1.png: 800 × 600 px');
});
