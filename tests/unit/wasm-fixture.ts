/**
 * The WebAssembly kernels in Node, as the page runs them: the module the Vite plugin builds, a
 * photo's memory from `createKernelMemory`, and `WasmKernels` bound in place or copying.
 */
import { createKernelMemory, laneOf, placeLanes, planesIn, type KernelMemory } from '../../src/engine/simd/memory.js';
import { detectSimd } from '../../src/engine/simd/support.js';
import { kernelExports } from '../../src/engine/simd/exports.js';
import { WasmKernels } from '../../src/engine/simd/kernels.js';
import type { TileKernel } from '../../src/core/kernels/index.js';
import { wholeImageView } from '../../src/core/kernels/view.js';
import { Scratch } from '../../src/core/scratch.js';
import { countTiles, tileRect } from '../../src/core/tiling.js';
import type { FilterSpec, PixelView } from '../../src/core/types.js';
import type { Planes } from '../../src/engine/planes.js';
import type { Img } from './reference.js';

const support = await detectSimd();
if (!support.ok) throw new Error(`The WebAssembly kernels cannot load in Node: ${support.reason}`);
const { module, worstLaneBytes } = support;

/** The compiled module and the scratch its worst lane needs. */
export const kernelModule = (): { module: WebAssembly.Module; worstLaneBytes: number } => ({ module, worstLaneBytes });

const sizingMemory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
const sizing = new WasmKernels(kernelExports(new WebAssembly.Instance(module, { env: { memory: sizingMemory } })), sizingMemory);

/** Scratch a lane needs for `spec` on tiles up to `tileSize`. */
export const laneBytesFor = (spec: FilterSpec, tileSize: number): number => sizing.laneBytes(spec, tileSize);

/**
 * `img` as a loaded photo's planes in a kernel memory with `lanes` lanes sized for `spec` on
 * `tileSize` tiles (small, so property tests can make thousands).
 */
export function kernelPlanes(img: Img, lanes: number, spec: FilterSpec, tileSize: number): Planes {
  const r = createKernelMemory(module, img.width, img.height, lanes, laneBytesFor(spec, tileSize));
  if (!r.ok) throw new Error(r.reason);
  const planes = planesIn(r.memory, img.width, img.height);
  planes.src.set(img.data);
  return planes;
}

export interface PlacedImage {
  readonly planes: Planes;
  readonly km: KernelMemory;
  /** The page thread's kernel on this memory, in place, for tiles up to `tileSize`. */
  inPlace(spec: FilterSpec, tileSize: number): TileKernel;
  /** The same, copying each view's pixels through scratch (message passing). */
  copying(spec: FilterSpec, tileSize: number): TileKernel;
}

/** `img` in a fresh kernel memory, as a loaded photo has it. */
export function placeImage(img: Img, lanes = 2): PlacedImage {
  const r = createKernelMemory(module, img.width, img.height, lanes, worstLaneBytes);
  if (!r.ok) throw new Error(r.reason);
  const km = r.memory;
  const planes = planesIn(km, img.width, img.height);
  planes.src.set(img.data);
  const lane = (spec: FilterSpec, tileSize: number) => laneOf(placeLanes(km, km.kernels.laneBytes(spec, tileSize)), lanes - 1);
  return {
    planes,
    km,
    inPlace: (spec, tileSize) => km.kernels.inPlace(km.src, km.dst, lane(spec, tileSize)),
    copying: (spec, tileSize) => km.kernels.copying(lane(spec, tileSize)),
  };
}

/** Every tile of the image through `kernel`, in `order` (tile indices; all in order by default); a copy of the output. */
export function filterTiles(p: PlacedImage, spec: FilterSpec, tileSize: number, order?: readonly number[]): Uint8Array {
  const { width, height, src, dst } = p.planes;
  dst.fill(0);
  const kernel = p.inPlace(spec, tileSize);
  const view: PixelView = wholeImageView(width, height, src, dst);
  const n = countTiles(width, height, tileSize);
  for (const t of order ?? Array.from({ length: n }, (_, i) => i)) kernel(view, tileRect(width, height, tileSize, t), spec, new Scratch());
  return dst.slice();
}
