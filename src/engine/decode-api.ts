import { transfer } from 'comlink';
import { paintSample } from '../core/sample.js';
import { checkCanvasSize, newBuffer } from './planes.js';

/** A decoded photo: RGBA in (shared) memory plus a bitmap for the page to show. */
export interface Decoded {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
  readonly bitmap: ImageBitmap;
  readonly decodeMs: number;
}

export type DecodeResult = { ok: true; value: Decoded } | { ok: false; message: string };

const THUMB = 160;

/** Why a file could not be used, in words for the page. */
export function describeFailure(file: Blob & { name?: string }): string {
  const name = file.name ? `“${file.name}”` : 'This file';
  if (file.size === 0) return `${name} is empty (0 bytes).`;
  const type = file.type || 'unknown type';
  return `${name} is not an image this browser can decode (${type}). Try a JPEG, PNG, WebP or GIF photo.`;
}

async function readPixels(bitmap: ImageBitmap, shared: boolean): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height, { colorSpace: 'srgb' }).data;
  if (!shared) return new Uint8Array(data.buffer);
  const out = new Uint8Array(newBuffer(data.length, true));
  out.set(data);
  return out;
}

/** What the decode worker offers: decoding and reading back happen off the page's thread. */
export function createDecodeApi() {
  return {
    ping: (): true => true,

    async decode(file: Blob & { name?: string }, shared: boolean): Promise<DecodeResult> {
      const t0 = performance.now();
      let bitmap: ImageBitmap;
      try {
        bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      } catch {
        return { ok: false, message: describeFailure(file) };
      }
      const size = checkCanvasSize(bitmap.width, bitmap.height);
      if (!size.ok) {
        bitmap.close();
        return { ok: false, message: size.message };
      }
      const pixels = await readPixels(bitmap, shared);
      const value = { width: bitmap.width, height: bitmap.height, pixels, bitmap, decodeMs: performance.now() - t0 };
      return transfer({ ok: true, value }, shared ? [bitmap] : [bitmap, pixels.buffer as ArrayBuffer]);
    },

    /** The built-in sample photo, painted at the given size. */
    async sample(width: number, height: number, shared: boolean): Promise<DecodeResult> {
      const t0 = performance.now();
      const pixels = new Uint8Array(newBuffer(width * height * 4, shared));
      paintSample(width, height, pixels);
      const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(pixels), width, height));
      const value = { width, height, pixels, bitmap, decodeMs: performance.now() - t0 };
      return transfer({ ok: true, value }, shared ? [bitmap] : [bitmap, pixels.buffer as ArrayBuffer]);
    },

    /** A small preview for the queue, or null when the file does not decode. */
    async thumbnail(file: Blob): Promise<ImageBitmap | null> {
      try {
        const full = await createImageBitmap(file, { imageOrientation: 'from-image' });
        const scale = THUMB / Math.max(full.width, full.height);
        const thumb = await createImageBitmap(full, {
          resizeWidth: Math.max(1, Math.round(full.width * Math.min(1, scale))),
          resizeHeight: Math.max(1, Math.round(full.height * Math.min(1, scale))),
          resizeQuality: 'medium',
        });
        full.close();
        return transfer(thumb, [thumb]);
      } catch {
        return null;
      }
    },
  };
}

export type DecodeApi = ReturnType<typeof createDecodeApi>;
