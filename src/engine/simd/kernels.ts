import { boxPlan } from '../../core/kernels/blur.js';
import { haloOf, type TileKernel } from '../../core/kernels/index.js';
import { medianRadius } from '../../core/kernels/median.js';
import { colourMatrix, fillTransferTable, isGreyMatrix } from '../../core/kernels/point.js';
import type { FilterSpec, PixelView, Rect } from '../../core/types.js';
import type { KernelExports } from './exports.js';

/** A thread's own part of the memory: nothing else reads or writes it during a run. */
export interface LaneScratch {
  readonly base: number;
  readonly bytes: number;
}

/** The transfer filters' byte map sits at the start of a lane's scratch. */
const TABLE_BYTES = 256;
const align16 = (n: number): number => Math.ceil(n / 16) * 16;

/**
 * The WebAssembly SIMD kernels of one thread, on one memory. The page's parameters are turned
 * into the kernels' arguments here with the JavaScript kernels' own functions (box widths,
 * colour matrices, byte maps), so both backends start from the same numbers.
 */
export class WasmKernels {
  constructor(
    private readonly k: KernelExports,
    readonly memory: WebAssembly.Memory,
  ) {}

  /** Scratch bytes `spec`'s kernel needs for a tile of tw × th pixels. */
  kernelBytes(spec: FilterSpec, tw: number, th: number): number {
    switch (spec.kind) {
      case 'median':
        return this.k.medianScratch(tw, th, medianRadius(spec.radius));
      case 'blur':
        return this.k.blurScratch(tw, th, boxPlan(spec.sigma).d);
      case 'sharpen':
        return this.k.sharpenScratch(tw, th, boxPlan(spec.sigma).d);
      case 'sobel':
        return this.k.sobelScratch(tw, th);
      case 'grayscale':
      case 'sepia':
      case 'invert':
      case 'brightness':
      case 'contrast':
        return 0;
    }
  }

  /**
   * Bytes a lane needs for tiles up to `tileSize` a side: the byte map, the kernel's scratch, and
   * room to copy a tile's read area in and its pixels out (message passing).
   */
  laneBytes(spec: FilterSpec, tileSize: number): number {
    const read = tileSize + 2 * haloOf(spec);
    return TABLE_BYTES + align16(this.kernelBytes(spec, tileSize, tileSize)) + align16(read * read * 4) + align16(tileSize * tileSize * 4);
  }

  /** Tiles of planes that live in this memory, the source at `src` and the destination at `dst`: nothing is copied. */
  inPlace(src: number, dst: number, lane: LaneScratch): TileKernel {
    return (view, tile, spec) => {
      this.fits(lane, TABLE_BYTES + this.kernelBytes(spec, tile.w, tile.h));
      this.call(spec, view, src, dst, tile, lane.base);
    };
  }

  /**
   * Tiles whose pixels are elsewhere (a message's copy): the read area is copied into the lane's
   * scratch, filtered there, and the tile's pixels copied out.
   */
  copying(lane: LaneScratch): TileKernel {
    return (view, tile, spec) => {
      const { srcRect: sr, dstRect: dr } = view;
      const kernel = align16(TABLE_BYTES + this.kernelBytes(spec, tile.w, tile.h));
      const src = lane.base + kernel;
      const dst = src + align16(sr.w * sr.h * 4);
      this.fits(lane, dst - lane.base + dr.w * dr.h * 4);
      // The memory can have grown since the last call: its buffer is read afresh each time.
      const mem = new Uint8Array(this.memory.buffer);
      mem.set(view.src.subarray(0, sr.w * sr.h * 4), src);
      this.call(spec, view, src, dst, tile, lane.base);
      for (let y = tile.y; y < tile.y + tile.h; y++) {
        const o = ((y - dr.y) * dr.w + (tile.x - dr.x)) * 4;
        view.dst.set(mem.subarray(dst + o, dst + o + tile.w * 4), o);
      }
    };
  }

  private fits(lane: LaneScratch, bytes: number): void {
    if (bytes > lane.bytes) throw new RangeError(`a tile needs ${bytes} bytes of scratch; the lane has ${lane.bytes}`);
  }

  /** The one dispatch from a filter to its WebAssembly kernel. */
  private call(spec: FilterSpec, view: PixelView, src: number, dst: number, t: Rect, lane: number): void {
    const { srcRect: s, dstRect: d } = view;
    const scratch = lane + TABLE_BYTES;
    const k = this.k;
    const lead = [src, s.x, s.y, s.w, dst, d.x, d.y, d.w, view.width, view.height, t.x, t.y, t.w, t.h, scratch] as const;
    switch (spec.kind) {
      case 'median':
        return k.median(...lead, medianRadius(spec.radius));
      case 'blur':
        return k.blur(...lead, boxPlan(spec.sigma).d);
      case 'sharpen':
        return k.sharpen(...lead, boxPlan(spec.sigma).d, spec.amount);
      case 'sobel':
        return k.sobel(...lead);
      case 'grayscale':
      case 'sepia': {
        const m = colourMatrix(spec);
        const at = (i: number): number => m[i] ?? 0;
        return k.matrix(...lead, at(0), at(1), at(2), at(3), at(4), at(5), at(6), at(7), at(8), isGreyMatrix(m) ? 1 : 0);
      }
      case 'invert':
      case 'brightness':
      case 'contrast':
        fillTransferTable(spec, new Uint8Array(this.memory.buffer, lane, TABLE_BYTES));
        return k.transfer(...lead, lane);
    }
  }
}
