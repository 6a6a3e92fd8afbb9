import { wrap, type Remote } from 'comlink';
import type { DecodeApi, DecodeResult, Inspection, Refusal } from './decode-api.js';
import type { LoadedPhoto } from './run.js';
import { ms } from '../core/types.js';
import { newBuffer } from './planes.js';

export const SAMPLE_SIZE = { width: 2400, height: 1600 } as const;

let decoder: Remote<DecodeApi> | null = null;

/** The decode worker, started on first use. */
function decodeWorker(): Remote<DecodeApi> {
  decoder ??= wrap<DecodeApi>(
    new Worker(new URL('../../workers/decode.worker.ts', import.meta.url), { type: 'module', name: 'tilelab-decode' }),
  );
  return decoder;
}

export type LoadResult = { ok: true; photo: LoadedPhoto; bitmap: ImageBitmap; notes: string[] } | Refusal;

function toLoaded(r: DecodeResult, key: string, name: string, shared: boolean): LoadResult {
  if (!r.ok) return r;
  const { width, height, pixels, bitmap, decodeMs } = r.value;
  const dst = new Uint8Array(newBuffer(pixels.length, shared));
  return {
    ok: true,
    bitmap,
    notes: r.notes,
    photo: { info: { key, name, width, height, decodeMs: ms(decodeMs) }, planes: { width, height, shared, src: pixels, dst } },
  };
}

/**
 * Decode a file off the main thread (EXIF orientation applied) into RGBA planes; with
 * `downscale`, a photo beyond the canvas limits is decoded at the largest size that fits.
 */
export async function loadPhoto(file: File, key: string, shared: boolean, downscale = false): Promise<LoadResult> {
  return toLoaded(await decodeWorker().decode(file, shared, downscale), key, file.name || 'pasted image', shared);
}

/** The built-in sample photo. */
export async function loadSample(key: string, shared: boolean, size: { width: number; height: number } = SAMPLE_SIZE): Promise<LoadResult> {
  return toLoaded(await decodeWorker().sample(size.width, size.height, shared), key, 'Sample: lake at sunset', shared);
}

/** A full-size PNG of pixels (a shared plane is read in place; a plain one is copied over). */
export const encodePng = (pixels: Uint8Array, width: number, height: number): Promise<Blob> =>
  decodeWorker().toPng(pixels, width, height);

/** Check a file and make its thumbnail for the queue. */
export const inspectFile = (file: File): Promise<Inspection> => decodeWorker().inspect(file);
