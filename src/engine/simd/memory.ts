import { formatMegapixels } from '../../core/sizes.js';
import type { Planes } from '../planes.js';
import { kernelExports } from './exports.js';
import { WasmKernels, type LaneScratch } from './kernels.js';

/** A WebAssembly page. */
export const WASM_PAGE = 65_536;
/** wasm32 addresses at most 4 GiB. */
export const MAX_PAGES = 65_536;

/**
 * What a thread needs to run the WebAssembly kernels on a photo's pixels in place: the shared
 * memory holding both planes, the compiled module, and where everything is. Posted to workers
 * with each run; `id` tells a worker whether it has instantiated on this memory already.
 */
export interface WasmPlacement {
  readonly id: number;
  readonly memory: WebAssembly.Memory;
  readonly module: WebAssembly.Module;
  readonly src: number;
  readonly dst: number;
  /** Lane i's scratch starts at scratch + i · laneBytes. */
  readonly scratch: number;
  readonly laneBytes: number;
}

/** A photo's planes in a shared WebAssembly memory, with the page thread's own kernels on it. */
export interface KernelMemory {
  readonly id: number;
  readonly memory: WebAssembly.Memory;
  readonly module: WebAssembly.Module;
  /** The page thread's instance (Blocking and Concurrent run it; it also sizes the scratch). */
  readonly kernels: WasmKernels;
  readonly src: number;
  readonly dst: number;
  readonly scratch: number;
  /** Threads that can hold a lane: every worker the page may start, and the page itself (the last). */
  readonly lanes: number;
  /** Bytes the memory can grow to. */
  readonly maxBytes: number;
}

const align = (n: number, to: number): number => Math.ceil(n / to) * to;

/** Where the planes go: source at 0, destination after it, lanes' scratch from the next page. */
export function planeLayout(width: number, height: number): { src: number; dst: number; scratch: number } {
  const bytes = width * height * 4;
  const dst = align(bytes, 64);
  return { src: 0, dst, scratch: align(dst + bytes, WASM_PAGE) };
}

export type KernelMemoryResult = { ok: true; memory: KernelMemory } | { ok: false; reason: string };

let nextId = 1;
const mb = (bytes: number): string => `${Math.round(bytes / 2 ** 20).toLocaleString('en')} MB`;

/**
 * A shared memory sized from the photo: its two planes, and room for `lanes` lanes of up to
 * `worstLaneBytes` each (the largest tile of the heaviest filter). The memory starts with the
 * planes and a little scratch and grows when a run needs more. Past 4 GiB, or when the browser
 * will not reserve the memory, the reason says so and the photo uses the JavaScript kernels.
 */
export function createKernelMemory(
  module: WebAssembly.Module,
  width: number,
  height: number,
  lanes: number,
  worstLaneBytes: number,
): KernelMemoryResult {
  const { src, dst, scratch } = planeLayout(width, height);
  const maxBytes = Math.min(MAX_PAGES * WASM_PAGE, align(scratch + lanes * worstLaneBytes, WASM_PAGE));
  if (scratch + lanes * worstLaneBytes > MAX_PAGES * WASM_PAGE) {
    const limit = Math.floor((MAX_PAGES * WASM_PAGE - lanes * worstLaneBytes) / 8 / 1e6);
    return {
      ok: false,
      reason: `WebAssembly can address 4 GiB: photos up to ${limit} MP fit with their scratch; this one has ${formatMegapixels(width, height)}.`,
    };
  }
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({
      initial: Math.min(maxBytes, scratch + WASM_PAGE * lanes) / WASM_PAGE,
      maximum: maxBytes / WASM_PAGE,
      shared: true,
    });
  } catch (e) {
    return { ok: false, reason: `The browser would not reserve ${mb(maxBytes)} of WebAssembly memory for this photo (${String(e)}).` };
  }
  const kernels = new WasmKernels(kernelExports(new WebAssembly.Instance(module, { env: { memory } })), memory);
  return { ok: true, memory: { id: nextId++, memory, module, kernels, src, dst, scratch, lanes, maxBytes } };
}

/** The photo's planes as views of the kernel memory (the source still to be filled). */
export function planesIn(km: KernelMemory, width: number, height: number): Planes {
  const bytes = width * height * 4;
  const view = (at: number): Uint8Array => new Uint8Array(km.memory.buffer, at, bytes);
  return { width, height, shared: true, src: view(km.src), dst: view(km.dst), kernelMemory: km };
}

/** Grow the memory so every lane has `laneBytes`; throws when the photo's maximum cannot hold them. */
export function placeLanes(km: KernelMemory, laneBytes: number): WasmPlacement {
  const need = km.scratch + km.lanes * laneBytes;
  if (need > km.maxBytes) throw new RangeError(`the lanes need ${mb(need)}, more than the ${mb(km.maxBytes)} reserved for this photo`);
  const have = km.memory.buffer.byteLength;
  if (need > have) km.memory.grow(Math.ceil((need - have) / WASM_PAGE));
  return { id: km.id, memory: km.memory, module: km.module, src: km.src, dst: km.dst, scratch: km.scratch, laneBytes };
}

export const laneOf = (p: WasmPlacement, lane: number): LaneScratch => ({ base: p.scratch + lane * p.laneBytes, bytes: p.laneBytes });

/**
 * Kernel memories handed from photo to photo: a batch keeps as many as it has photos in flight
 * instead of reserving a new one per photo. A shared memory is freed only when the collectors of
 * every thread that saw it let go, which a worker that allocates little may not do for a long
 * time; memories taken back here are reused, so a batch's pixel memory does not depend on that.
 */
export class KernelMemoryPool {
  private readonly free: KernelMemory[] = [];
  /** Memories this pool reserved, for the tests and the benchmark. */
  created = 0;

  /** A free memory that can hold this photo and its lanes, laid out for it; else a new one. */
  take(module: WebAssembly.Module, width: number, height: number, lanes: number, worstLaneBytes: number): KernelMemoryResult {
    const layout = planeLayout(width, height);
    const fits = (km: KernelMemory): boolean =>
      km.module === module && km.lanes >= lanes && km.maxBytes >= layout.scratch + lanes * worstLaneBytes;
    const at = this.free.findIndex(fits);
    if (at < 0) {
      const made = createKernelMemory(module, width, height, lanes, worstLaneBytes);
      if (made.ok) this.created++;
      return made;
    }
    const [km] = this.free.splice(at, 1) as [KernelMemory];
    const have = km.memory.buffer.byteLength;
    const need = layout.scratch + WASM_PAGE * km.lanes;
    if (need > have) km.memory.grow(Math.ceil((need - have) / WASM_PAGE));
    return { ok: true, memory: { ...km, ...layout } };
  }

  /** Give a memory back once nothing reads or writes its planes any more. */
  give(km: KernelMemory): void {
    if (!this.free.some((m) => m.memory === km.memory)) this.free.push(km);
  }

  /** Memories waiting to be taken. */
  get idle(): number {
    return this.free.length;
  }
}
