import type { Page } from '@playwright/test';

/** A real JPEG (a blue-to-amber gradient), encoded by the browser itself. */
export async function browserJpeg(page: Page, width: number, height: number): Promise<Buffer> {
  const bytes = await page.evaluate(
    async ([w, h]) => {
      const c = new OffscreenCanvas(w, h);
      const ctx = c.getContext('2d');
      if (!ctx) throw new Error('no 2D context');
      const g = ctx.createLinearGradient(0, 0, w, h);
      g.addColorStop(0, '#1d4ed8');
      g.addColorStop(1, '#f59e0b');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, w, h);
      return [...new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer())];
    },
    [width, height] as const,
  );
  return Buffer.from(bytes);
}
