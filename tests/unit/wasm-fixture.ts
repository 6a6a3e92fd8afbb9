/**
 * The WebAssembly kernels in Node, as the page runs them: the module the Vite plugin builds, a
 * photo's memory from `createKernelMemory`, and `WasmKernels` bound in place or copying.
 */
import { createKernelMemory, laneOf, placeLanes, planesIn, type KernelMemory } from '../../src/engine/simd/memory.js';
import { detectSimd } from '../../src/engine/simd/support.js';
import type { TileKernel } from '../../src/core/kernels/index.js';
import { wholeImageView } from '../../src/core/kernels/view.js';
import { Scratch } from '../../src/core/scratch.js';
import { countTiles, tileRect } from '../../src/core/tiling.js';
import type { FilterSpec, PixelView } from '../../src/core/types.js';
import type { Planes } from '../../src/engine/planes.js';
import type { Img } from './reference.js';

const support = detectSimd();

/** The compiled module and the scratch its worst lane needs; fails the test if SIMD cannot load. */
export async function kernelModule(): Promise<{ module: WebAssembly.Module; worstLaneBytes: number }> {
  const s = await support;
  if (!s.ok) throw new Error(s.reason);
  return s;
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
export async function placeImage(img: Img, lanes = 2): Promise<PlacedImage> {
  const { module, worstLaneBytes } = await kernelModule();
  const r = createKernelMemory(module, img.width, img.height, lanes, worstLaneBytes);
  if (!r.ok) throw new Error(r.reason);
  const km = r.memory;
  const planes = planesIn(km, img.width, img.height, img.data);
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
