import type { DecodeApi, DecodeResult, Inspection, Refusal } from './decode-api.js';
import type { LoadedPhoto } from './run.js';
import { ms } from '../core/types.js';
import { DISPLAY_SIDE, newBuffer, type Planes } from './planes.js';
import { createKernelMemory, planesIn } from './simd/memory.js';
import { simdSupport } from './simd/support.js';
import { WorkerHost, type WorkerFactory } from './worker-host.js';

export const SAMPLE_SIZE = { width: 2400, height: 1600 } as const;

export const newDecodeWorker: WorkerFactory = () =>
  new Worker(new URL('../../workers/decode.worker.ts', import.meta.url), { type: 'module', name: 'tilelab-decode' });

/**
 * The decode worker, started on first use. Every call below goes through it, so each one settles:
 * with its result, a WorkerFailure (a worker that died is replaced at the next call), or the
 * signal's abort.
 */
export const decodeWorker = new WorkerHost<DecodeApi>({ worker: 'decode', factory: newDecodeWorker });

export type LoadResult = { ok: true; photo: LoadedPhoto; bitmap: ImageBitmap; thumb: ImageBitmap; notes: string[] } | Refusal;

/** Threads that may hold a lane of a photo's kernel memory: up to twice the cores in workers, and the page. */
const kernelLanes = (): number => 2 * Math.max(1, navigator.hardwareConcurrency || 1) + 1;

/**
 * The decoded pixels as the run's planes: in a shared WebAssembly memory where the SIMD kernels can
 * run (so every thread filters them in place), else in plain shared buffers, with a note saying why.
 */
async function planesOf(
  pixels: Uint8Array,
  width: number,
  height: number,
  shared: boolean,
): Promise<{ planes: Planes; note: string | null }> {
  const plain = (): Planes => ({ width, height, shared, src: pixels, dst: new Uint8Array(newBuffer(pixels.length, shared)) });
  const support = shared ? await simdSupport() : null;
  if (!support?.ok) return { planes: plain(), note: null };
  const km = createKernelMemory(support.module, width, height, kernelLanes(), support.worstLaneBytes);
  if (!km.ok) return { planes: plain(), note: `This photo is filtered with the JavaScript kernels: ${km.reason}` };
  const planes = planesIn(km.memory, width, height);
  await decodeWorker.call((api) => api.place(pixels, planes.src));
  return { planes, note: null };
}

async function toLoaded(r: DecodeResult, key: string, name: string, shared: boolean): Promise<LoadResult> {
  if (!r.ok) return r;
  const { width, height, pixels, bitmap, thumb, decodeMs } = r.value;
  const { planes, note } = await planesOf(pixels, width, height, shared);
  return {
    ok: true,
    bitmap,
    thumb,
    notes: note ? [...r.notes, note] : r.notes,
    photo: { info: { key, name, width, height, decodeMs: ms(decodeMs) }, planes },
  };
}

/**
 * Decode a file off the main thread (EXIF orientation applied) into RGBA planes; with
 * `downscale`, a photo beyond the canvas limits is decoded at the largest size that fits.
 * A file that cannot be used is a Refusal; a decode worker that fails rejects with a WorkerFailure.
 */
export async function loadPhoto(
  file: File,
  key: string,
  shared: boolean,
  downscale = false,
  signal?: AbortSignal,
  side = DISPLAY_SIDE,
): Promise<LoadResult> {
  const r = await decodeWorker.call((api) => api.decode(file, shared, downscale, side), signal);
  return toLoaded(r, key, file.name || 'pasted image', shared);
}

/** The built-in sample photo; rejects with a WorkerFailure as loadPhoto does. */
export async function loadSample(
  key: string,
  shared: boolean,
  size: { width: number; height: number } = SAMPLE_SIZE,
  signal?: AbortSignal,
  side = DISPLAY_SIDE,
): Promise<LoadResult> {
  const r = await decodeWorker.call((api) => api.sample(size.width, size.height, shared, side), signal);
  return toLoaded(r, key, 'Sample: lake at sunset', shared);
}

/** A full-size PNG of pixels (a shared plane is read in place; a plain one is copied over). */
export const encodePng = (pixels: Uint8Array, width: number, height: number, signal?: AbortSignal): Promise<Blob> =>
  decodeWorker.call((api) => api.toPng(pixels, width, height), signal);

/** Check a file and make its thumbnail for the queue; rejects with a WorkerFailure as loadPhoto does. */
export const inspectFile = (file: File, signal?: AbortSignal): Promise<Inspection> => decodeWorker.call((api) => api.inspect(file), signal);
