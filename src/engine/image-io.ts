import { proxy } from 'comlink';
import type { DecodeApi, DecodeResult, Inspection, PixelTarget, Refusal } from './decode-api.js';
import type { LoadedPhoto } from './run.js';
import { ms } from '../core/types.js';
import { DISPLAY_SIDE, newBuffer, type Planes } from './planes.js';
import { KernelMemoryPool, planesIn, type KernelMemory } from './simd/memory.js';
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

/** How a photo is loaded, beyond which photo it is. */
export interface LoadOptions {
  /** Decode a photo beyond the canvas limits at the largest size that fits (else it is refused). */
  readonly downscale?: boolean;
  readonly signal?: AbortSignal;
  /** Device pixels on the longest side of the bitmap shown. */
  readonly side?: number;
  /** Kernel memories to reuse (a batch's), given back with `pool.give` once the photo is done. */
  readonly pool?: KernelMemoryPool;
}

/**
 * Decode through `call` into the run's planes: straight into a shared WebAssembly memory where the
 * SIMD kernels can run (so every thread filters them in place, and no second copy of the pixels
 * is made), else into plain shared buffers, with a note saying why.
 */
async function decodeToPlanes(
  call: (into?: PixelTarget) => Promise<DecodeResult>,
  key: string,
  name: string,
  shared: boolean,
  pool: KernelMemoryPool = new KernelMemoryPool(),
): Promise<LoadResult> {
  // Set by the decode worker's call back, once the photo's size is known. The call starts at once:
  // the kernels' support is looked up meanwhile.
  const held: { km: KernelMemory | null; note: string | null } = { km: null, note: null };
  const into = shared
    ? proxy(async (width: number, height: number): Promise<Uint8Array | null> => {
        const support = await simdSupport();
        if (!support.ok) return null;
        const r = pool.take(support.module, width, height, kernelLanes(), support.worstLaneBytes);
        if (!r.ok) {
          held.note = `This photo is filtered with the JavaScript kernels: ${r.reason}`;
          return null;
        }
        held.km = r.memory;
        return planesIn(r.memory, width, height).src;
      })
    : undefined;
  let r: DecodeResult;
  try {
    r = await call(into);
  } catch (e) {
    if (held.km) pool.give(held.km);
    throw e;
  }
  const { km, note } = held;
  if (!r.ok) {
    if (km) pool.give(km);
    return r;
  }
  const { width, height, pixels, bitmap, thumb, decodeMs } = r.value;
  const planes: Planes = km
    ? planesIn(km, width, height)
    : { width, height, shared, src: pixels, dst: new Uint8Array(newBuffer(pixels.length, shared)) };
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
export function loadPhoto(file: File, key: string, shared: boolean, options: LoadOptions = {}): Promise<LoadResult> {
  const { downscale = false, signal, side = DISPLAY_SIDE, pool } = options;
  const call = (into?: PixelTarget): Promise<DecodeResult> =>
    decodeWorker.call((api) => api.decode(file, shared, downscale, side, into), signal);
  return decodeToPlanes(call, key, file.name || 'pasted image', shared, pool);
}

/** The built-in sample photo, painted at `size`; rejects with a WorkerFailure as loadPhoto does. */
export function loadSample(
  key: string,
  shared: boolean,
  options: Omit<LoadOptions, 'downscale'> & { readonly size?: { width: number; height: number } } = {},
): Promise<LoadResult> {
  const { size = SAMPLE_SIZE, signal, side = DISPLAY_SIDE, pool } = options;
  const call = (into?: PixelTarget): Promise<DecodeResult> =>
    decodeWorker.call((api) => api.sample(size.width, size.height, shared, side, into), signal);
  return decodeToPlanes(call, key, 'Sample: lake at sunset', shared, pool);
}

/** A full-size PNG of pixels (a shared plane is read in place; a plain one is copied over). */
export const encodePng = (pixels: Uint8Array, width: number, height: number, signal?: AbortSignal): Promise<Blob> =>
  decodeWorker.call((api) => api.toPng(pixels, width, height), signal);

/** Check a file and make its thumbnail for the queue; rejects with a WorkerFailure as loadPhoto does. */
export const inspectFile = (file: File, signal?: AbortSignal): Promise<Inspection> => decodeWorker.call((api) => api.inspect(file), signal);
