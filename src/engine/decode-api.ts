import { transfer } from 'comlink';
import { paintSample } from '../core/sample.js';
import { notAnImage, sniff, UNSUPPORTED, type Format, type Sniffed } from '../core/sniff.js';
import { formatMegapixels } from '../core/sizes.js';
import { checkCanvasSize, DISPLAY_SIDE, displayScale, fitWithin, newBuffer, THUMB_SIDE } from './planes.js';
import { context2d } from './canvas.js';

/** A decoded photo: RGBA in (shared) memory plus a bitmap for the page to show. */
export interface Decoded {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
  readonly bitmap: ImageBitmap;
  /** The queue's thumbnail, made here too: cloning the page's bitmap over to scale it costs the page a copy. */
  readonly thumb: ImageBitmap;
  readonly decodeMs: number;
}

/** A file the lab will not decode as it is; `fit` is the size it could be downscaled to. */
export interface Refusal {
  readonly ok: false;
  readonly message: string;
  readonly fit?: { readonly width: number; readonly height: number };
}

export type DecodeResult = { ok: true; value: Decoded; notes: string[] } | Refusal;
export type Inspection = { ok: true; thumb: ImageBitmap; notes: string[] } | Refusal;

/** Files up to this size are read whole, to find a GIF's frames or a JPEG's missing end. */
const READ_WHOLE = 64 << 20;

const quoted = (file: Blob & { name?: string }): string => (file.name ? `“${file.name}”` : 'This file');
const FORMAT_NAMES: Partial<Record<Format, string>> = { png: 'PNG', jpeg: 'JPEG', gif: 'GIF', webp: 'WebP', bmp: 'BMP', avif: 'AVIF' };

/** Why a file could not be used, in words for the page. */
export function describeFailure(file: Blob & { name?: string }, sniffed: Sniffed = { format: 'unknown' }): string {
  const name = quoted(file);
  if (file.size === 0) return `${name} is empty (0 bytes).`;
  const known = FORMAT_NAMES[sniffed.format];
  if (known) return `${name} is a damaged ${known} file that this browser cannot decode${sniffed.truncated ? ' (it is cut off)' : ''}.`;
  if (sniffed.content) return notAnImage(file.name ?? '', file.type, sniffed.content);
  return `${name} is not an image this browser can decode (${file.type || 'unknown type'}). Try a JPEG, PNG, WebP or GIF photo.`;
}

/** Things worth saying about a file that did decode. */
function notesFor(file: Blob & { name?: string }, s: Sniffed): string[] {
  const name = quoted(file);
  const notes: string[] = [];
  if (s.animated) notes.push(`${name} is animated: Tilelab uses its first frame.`);
  if (s.truncated) notes.push(`${name} is cut off (truncated): Tilelab uses what the browser could decode; the rest may be grey.`);
  if ((s.bitDepth ?? 8) > 8) notes.push(`${name} has ${s.bitDepth} bits per channel: the browser decodes it to 8.`);
  if (s.cmyk) notes.push(`${name} is a CMYK JPEG: colours are as the browser converts them to RGB.`);
  return notes;
}

/** Read enough of a file to sniff it, and refuse what cannot or should not be decoded. */
async function examine(file: Blob & { name?: string }): Promise<{ sniffed: Sniffed; refusal?: Refusal }> {
  if (file.size === 0) return { sniffed: { format: 'unknown' }, refusal: { ok: false, message: describeFailure(file) } };
  const head = new Uint8Array(await file.slice(0, 1 << 16).arrayBuffer());
  let sniffed = sniff(head);
  if ((sniffed.format === 'gif' || sniffed.format === 'jpeg') && file.size <= READ_WHOLE)
    sniffed = sniff(new Uint8Array(await file.arrayBuffer()), true);
  const name = quoted(file);
  const unsupported = UNSUPPORTED[sniffed.format];
  if (unsupported)
    return {
      sniffed,
      refusal: {
        ok: false,
        message: `${name} is a ${unsupported} file, which this browser cannot decode. Save it as JPEG or PNG and add that instead.`,
      },
    };
  if (sniffed.format === 'svg')
    return {
      sniffed,
      refusal: { ok: false, message: `${name} is an SVG drawing, not a photo made of pixels. Export it as PNG to filter it.` },
    };
  if (sniffed.width !== undefined && sniffed.height !== undefined) {
    const size = checkCanvasSize(sniffed.width, sniffed.height);
    if (!size.ok && sniffed.width > 0 && sniffed.height > 0) {
      const fit = fitWithin(sniffed.width, sniffed.height);
      return {
        sniffed,
        refusal: {
          ok: false,
          message: `${name}: ${size.message} It was not decoded. Tilelab can downscale it to ${fit.width} × ${fit.height} px (${formatMegapixels(fit.width, fit.height)}).`,
          fit,
        },
      };
    }
  }
  return { sniffed };
}

async function decodeBitmap(
  file: Blob & { name?: string },
  sniffed: Sniffed,
  size?: { width: number; height: number },
): Promise<ImageBitmap | Refusal> {
  try {
    return await createImageBitmap(file, {
      imageOrientation: 'from-image',
      ...(size ? { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' as const } : {}),
    });
  } catch {
    return { ok: false, message: describeFailure(file, sniffed) };
  }
}

/** Rows read back at a time: a 100 MP photo never needs a second full-size copy. */
const STRIP_ROWS = 256;

/** Whether any pixel of an RGBA strip is less than opaque. */
function seeThrough(rgba: Uint8ClampedArray): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return true;
  return false;
}

/**
 * The bitmap's RGBA, and whether any of it is transparent: found while the strips pass by, in
 * this worker, so it costs the page nothing; a JPEG, which has no alpha, is not looked at.
 */
function readPixels(bitmap: ImageBitmap, pixels: Uint8Array, mayHaveAlpha: boolean): { pixels: Uint8Array; transparent: boolean } {
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = context2d(canvas, { willReadFrequently: true });
  ctx.drawImage(bitmap, 0, 0);
  let transparent = false;
  for (let y = 0; y < height; y += STRIP_ROWS) {
    const rows = Math.min(STRIP_ROWS, height - y);
    const strip = ctx.getImageData(0, y, width, rows, { colorSpace: 'srgb' }).data;
    if (mayHaveAlpha && !transparent) transparent = seeThrough(strip);
    pixels.set(strip, y * width * 4);
  }
  letGo(canvas);
  return { pixels, transparent };
}

/**
 * An opaque bitmap's RGBA copied straight into `pixels` by WebCodecs: no canvas, and no strips left
 * for the collector (a batch holds less and decodes faster; see the README's batch figures). Only
 * where the frame says the bitmap is stored upright and in sRGB: a frame copies a photo turned by
 * its EXIF orientation as stored, and converts a wide-gamut one (Display P3) to sRGB a little
 * differently from a canvas (off by 1 in some bytes); those, like everything in a browser without
 * WebCodecs, are read through a canvas (false: nothing copied).
 */
async function copyUpright(bitmap: ImageBitmap, pixels: Uint8Array): Promise<boolean> {
  if (typeof VideoFrame === 'undefined') return false;
  let frame: VideoFrame;
  try {
    frame = new VideoFrame(bitmap, { timestamp: 0 });
  } catch {
    return false;
  }
  try {
    const { rotation, flip } = frame as VideoFrame & { readonly rotation?: number; readonly flip?: boolean };
    const { primaries, transfer, matrix } = frame.colorSpace;
    if (rotation !== 0 || flip !== false || primaries !== 'bt709' || transfer !== 'iec61966-2-1' || matrix !== 'rgb') return false;
    await frame.copyTo(pixels, { format: 'RGBA', colorSpace: 'srgb' });
    return true;
  } catch {
    return false;
  } finally {
    frame.close();
  }
}

/**
 * Free a canvas's pixels now: its backing store would otherwise wait for this worker's garbage
 * collector, which a worker that allocates little seldom runs (a batch's memory grew by a
 * photo's worth of canvases per photo).
 */
function letGo(canvas: OffscreenCanvas): void {
  canvas.width = 1;
  canvas.height = 1;
}

/**
 * Where a decode puts a photo's pixels: asked with the photo's size once it is decoded, it answers
 * with a plane of exactly width × height × 4 bytes (the photo's kernel memory), or null for a
 * buffer of the worker's own. Passed with Comlink's `proxy`.
 */
export type PixelTarget = (width: number, height: number) => Uint8Array | null | Promise<Uint8Array | null>;

/** A plain buffer moves to the page; a shared one (never in a transfer list) is shared. */
const movable = (pixels: Uint8Array): ArrayBuffer[] => (pixels.buffer instanceof ArrayBuffer ? [pixels.buffer] : []);

/** The plane `into` answers for this size, or a new buffer. */
async function target(width: number, height: number, shared: boolean, into?: PixelTarget): Promise<Uint8Array> {
  const bytes = width * height * 4;
  const given = into ? await into(width, height) : null;
  if (given && given.length !== bytes) throw new RangeError(`the pixels' place holds ${given.length} bytes, not ${bytes}`);
  return given ?? new Uint8Array(newBuffer(bytes, shared));
}

/** Said once for a photo with transparency: what the filters do with the colours of see-through pixels. */
export const transparencyNote = (name: string): string =>
  `${name} has transparent pixels. The filters treat each pixel's colour as it is stored, whatever its transparency ` +
  `(a fully transparent pixel is stored as black): blur, median and sharpen mix those hidden colours into their ` +
  `neighbours, so the edges of transparent areas can get a dark fringe, and the downloaded PNG keeps the transparency.`;

/** A copy of `bitmap` scaled by `scale` (≤ 1), made here so the page's thread never scales a photo. */
const scaled = (bitmap: ImageBitmap, scale: number): Promise<ImageBitmap> =>
  createImageBitmap(bitmap, {
    resizeWidth: Math.max(1, Math.round(bitmap.width * scale)),
    resizeHeight: Math.max(1, Math.round(bitmap.height * scale)),
    resizeQuality: 'medium',
  });

/**
 * The bitmap the page shows, at the size of its canvases (`side` device pixels on the longest
 * side at most): drawing it is then a copy, not a resample on the page's thread.
 */
async function forDisplay(bitmap: ImageBitmap, side: number): Promise<ImageBitmap> {
  const scale = displayScale(bitmap.width, bitmap.height, side);
  if (scale === 1) return bitmap;
  const small = await scaled(bitmap, scale);
  bitmap.close();
  return small;
}

/** The queue's thumbnail: THUMB_SIDE pixels on the longest side at most. */
const thumbOf = (full: ImageBitmap): Promise<ImageBitmap> => scaled(full, Math.min(1, THUMB_SIDE / Math.max(full.width, full.height)));

/** Pixels as an image file of `type`, put on a canvas a strip at a time. */
async function encodePixels(pixels: Uint8Array, width: number, height: number, type: string, quality?: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = context2d(canvas);
  // One strip for the whole photo: a new one per strip would leave the photo's size in garbage.
  const strip = new ImageData(width, Math.min(STRIP_ROWS, height));
  for (let y = 0; y < height; y += STRIP_ROWS) {
    const rows = Math.min(STRIP_ROWS, height - y);
    strip.data.set(pixels.subarray(y * width * 4, (y + rows) * width * 4));
    ctx.putImageData(strip, 0, y, 0, 0, width, rows);
  }
  try {
    return await canvas.convertToBlob(quality === undefined ? { type } : { type, quality });
  } finally {
    letGo(canvas);
  }
}

/** What the decode worker offers: decoding and reading back happen off the page's thread. */
export function createDecodeApi() {
  return {
    ping: (): true => true,

    /**
     * Decode a file into RGBA (shared when `shared`; where `into` says, when given). Files beyond the
     * canvas limits are refused before decoding, unless `downscale` is set: then they are decoded at
     * the size that fits.
     */
    async decode(
      file: Blob & { name?: string },
      shared: boolean,
      downscale = false,
      side = DISPLAY_SIDE,
      into?: PixelTarget,
    ): Promise<DecodeResult> {
      const t0 = performance.now();
      const { sniffed, refusal } = await examine(file);
      if (refusal && !(downscale && refusal.fit)) return refusal;
      const bitmap = await decodeBitmap(file, sniffed, refusal?.fit);
      if ('ok' in bitmap) return bitmap;
      const size = checkCanvasSize(bitmap.width, bitmap.height);
      if (!size.ok) {
        bitmap.close();
        return { ok: false, message: `${quoted(file)}: ${size.message}` };
      }
      const { width, height } = bitmap;
      let place: Uint8Array;
      try {
        place = await target(width, height, shared, into);
      } catch (e) {
        bitmap.close();
        throw e;
      }
      const jpeg = sniffed.format === 'jpeg';
      const { pixels, transparent } =
        jpeg && (await copyUpright(bitmap, place)) ? { pixels: place, transparent: false } : readPixels(bitmap, place, !jpeg);
      const shown = await forDisplay(bitmap, side);
      const thumb = await thumbOf(shown);
      const value = { width, height, pixels, bitmap: shown, thumb, decodeMs: performance.now() - t0 };
      const notes = [...notesFor(file, sniffed), ...(transparent ? [transparencyNote(quoted(file))] : [])];
      const result = { ok: true as const, value, notes };
      return transfer(result, [shown, thumb, ...movable(pixels)]);
    },

    /** The built-in sample photo, painted at the given size. */
    async sample(width: number, height: number, shared: boolean, side = DISPLAY_SIDE, into?: PixelTarget): Promise<DecodeResult> {
      const t0 = performance.now();
      const pixels = await target(width, height, shared, into);
      paintSample(width, height, pixels);
      const bitmap = await forDisplay(await createImageBitmap(new ImageData(new Uint8ClampedArray(pixels), width, height)), side);
      const thumb = await thumbOf(bitmap);
      const value = { width, height, pixels, bitmap, thumb, decodeMs: performance.now() - t0 };
      return transfer({ ok: true as const, value, notes: [] as string[] }, [bitmap, thumb, ...movable(pixels)]);
    },

    /** The filtered pixels as a full-size PNG, encoded here rather than on the page's thread. */
    toPng: (pixels: Uint8Array, width: number, height: number): Promise<Blob> => encodePixels(pixels, width, height, 'image/png'),

    /** The same in another format the browser encodes (`image/jpeg` at `quality`, 0…1). */
    encode: encodePixels,

    /** Check a file and make its queue thumbnail, without keeping the full decode. */
    async inspect(file: Blob & { name?: string }): Promise<Inspection> {
      const { sniffed, refusal } = await examine(file);
      if (refusal) return refusal;
      const full = await decodeBitmap(file, sniffed);
      if ('ok' in full) return full;
      const thumb = await thumbOf(full);
      full.close();
      return transfer({ ok: true as const, thumb, notes: notesFor(file, sniffed) }, [thumb]);
    },
  };
}

export type DecodeApi = ReturnType<typeof createDecodeApi>;
