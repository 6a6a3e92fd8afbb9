import { expect, test, type Page } from '@playwright/test';
import { brokenJpeg, drop, heicHeader, samplePng } from '../fixtures.js';

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });
const queue = (page: Page) => page.getByRole('list', { name: 'Photo queue' }).getByRole('button');

/** Seven files, each unusable for a different reason, and one good photo among them. */
const BAD = [
  { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') },
  { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) },
  { name: 'drawing.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>') },
  { name: 'IMG_0002.HEIC', mimeType: 'image/heic', buffer: Buffer.from(heicHeader()) },
  { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(brokenJpeg()) },
  { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n') },
  { name: 'song.mp3', mimeType: 'audio/mpeg', buffer: Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x21]) },
];

test('seven bad files dropped at once: one message names every one of them, and the good photo is added', async ({ page }) => {
  await page.goto('/');
  await expect(status(page)).toContainText('Ready to run');
  const good = { name: 'good.png', mimeType: 'image/png', buffer: samplePng(120, 80) };
  // Dropped on the page in one go, the way a teacher drags a folder's worth from the desktop.
  const files = [...BAD.slice(0, 4), good, ...BAD.slice(4)];
  await drop(
    page,
    files.map((f) => ({ name: f.name, type: f.mimeType, base64: f.buffer.toString('base64') })),
  );

  const group = page.getByRole('alert').locator('.message').filter({ hasText: '7 files could not be used.' });
  await expect(group).toHaveCount(1);
  await group.getByText('Show each file').click();
  const items = group.getByRole('listitem');
  await expect(items).toHaveCount(7);
  for (const f of BAD) await expect(group).toContainText(`“${f.name}”`);
  await expect(items.filter({ hasText: '“IMG_0002.HEIC”' })).toContainText('HEIC');
  await expect(items.filter({ hasText: '“empty.png”' })).toContainText('empty (0 bytes)');

  // The good one was queued and selected; nothing else was lost.
  await expect(queue(page)).toHaveCount(2);
  await expect(status(page)).toContainText('good.png: 120 × 80 px');
  // Dismissing the group removes it, and only it.
  await group.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(page.getByRole('alert').locator('.message').filter({ hasText: '7 files could not be used.' })).toHaveCount(0);
});
