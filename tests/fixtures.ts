/** Test photos made by code: PNG files from the project's own sample painter. */
import type { Page } from '@playwright/test';
import { paintSample } from '../src/core/sample.js';
import { encodePng } from '../src/pwa/png.js';

export { encodePng, pngSize } from '../src/pwa/png.js';

/**
 * `a[i]` for an index the test knows is there (negative counts from the end, as `Array#at`):
 * throws, failing the test, when it is not, instead of reading on with `undefined`.
 */
export function at<T>(a: ArrayLike<T>, i: number): T {
  const v = a[i < 0 ? a.length + i : i];
  if (v === undefined) throw new Error(`no item at index ${i} (length ${a.length})`);
  return v;
}

/** `v` when it is there; throws, failing the test, when it is `null` or `undefined`. */
export function must<T>(v: T | null | undefined, what: string): T {
  if (v === null || v === undefined) throw new Error(`expected ${what}, got ${String(v)}`);
  return v;
}

export function samplePng(width: number, height: number, seed = 11): Buffer {
  const rgba = new Uint8Array(width * height * 4);
  paintSample(width, height, rgba, seed);
  return encodePng(width, height, rgba);
}

/** A 1×1 GIF, and the same with a second frame: the smallest animated GIF. */
export const TINY_GIF = Uint8Array.from([
  0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00,
  0x00, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
]);

export function animatedGif(): Uint8Array {
  const frame = TINY_GIF.subarray(19, TINY_GIF.length - 1); // graphic control + image
  return Uint8Array.from([...TINY_GIF.subarray(0, 19), ...frame, ...frame, 0x3b]);
}

/** A PNG signature and IHDR claiming a size, with no pixel data: a "photo" too large to decode. */
export function pngHeader(width: number, height: number): Uint8Array {
  const header = new Uint8Array(encodePng(1, 1, new Uint8Array(4))).slice(0, 33);
  // IHDR's width and height, big-endian, at bytes 16–23.
  header.set(
    [
      width >>> 24,
      (width >>> 16) & 255,
      (width >>> 8) & 255,
      width & 255,
      height >>> 24,
      (height >>> 16) & 255,
      (height >>> 8) & 255,
      height & 255,
    ],
    16,
  );
  return header;
}

/** The start of an iPhone HEIC file. */
export const heicHeader = (): Uint8Array =>
  Uint8Array.from([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypheic'), 0, 0, 0, 0, ...new TextEncoder().encode('mif1heic')]);

/** A JPEG that starts right and then is noise. */
export function brokenJpeg(): Uint8Array {
  const out = new Uint8Array(2000);
  out.set([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
  let s = 12345;
  for (let i = 6; i < out.length; i++) out[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
}

export interface DropFile {
  name: string;
  type: string;
  base64: string;
}

/** Drop files on the page the way a drag from the desktop does. */
export async function drop(page: Page, files: DropFile[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    return dt;
  }, files);
  await page.dispatchEvent('tl-app', 'dragenter', { dataTransfer });
  await page.dispatchEvent('tl-app', 'drop', { dataTransfer });
}
