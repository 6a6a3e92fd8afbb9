import type { PixelView, Rect } from '../types.js';
import type { Scratch } from '../scratch.js';
import type { Kernel } from './kernel.js';
import { dstOffset, srcOffset, toByte } from './view.js';

export interface GrayscaleSpec {
  readonly kind: 'grayscale';
  readonly amount: number;
}
export interface SepiaSpec {
  readonly kind: 'sepia';
  readonly amount: number;
}
export interface InvertSpec {
  readonly kind: 'invert';
  readonly amount: number;
}
export interface BrightnessSpec {
  readonly kind: 'brightness';
  readonly amount: number;
}
export interface ContrastSpec {
  readonly kind: 'contrast';
  readonly amount: number;
}
export type MatrixSpec = GrayscaleSpec | SepiaSpec;
export type TransferSpec = InvertSpec | BrightnessSpec | ContrastSpec;

const clamp01 = (a: number): number => Math.min(1, Math.max(0, a));

/**
 * The 3×3 colour matrix of the W3C Filter Effects shorthand (row-major, RGB only; alpha is
 * untouched), so `ctx.filter` can act as the oracle.
 */
export function colourMatrix(spec: MatrixSpec): number[] {
  const k = 1 - clamp01(spec.amount);
  if (spec.kind === 'grayscale') {
    return [
      0.2126 + 0.7874 * k,
      0.7152 - 0.7152 * k,
      0.0722 - 0.0722 * k,
      0.2126 - 0.2126 * k,
      0.7152 + 0.2848 * k,
      0.0722 - 0.0722 * k,
      0.2126 - 0.2126 * k,
      0.7152 - 0.7152 * k,
      0.0722 + 0.9278 * k,
    ];
  }
  return [
    0.393 + 0.607 * k,
    0.769 - 0.769 * k,
    0.189 - 0.189 * k,
    0.349 - 0.349 * k,
    0.686 + 0.314 * k,
    0.168 - 0.168 * k,
    0.272 - 0.272 * k,
    0.534 - 0.534 * k,
    0.131 + 0.869 * k,
  ];
}

/**
 * Slope and intercept (on 0..1 values) of the Filter Effects component transfer that
 * each per-channel shorthand stands for.
 */
export function linearTransfer(spec: TransferSpec): { slope: number; intercept: number } {
  const a = Math.max(0, spec.amount);
  switch (spec.kind) {
    case 'invert': {
      const t = clamp01(spec.amount);
      return { slope: 1 - 2 * t, intercept: t };
    }
    case 'brightness':
      return { slope: a, intercept: 0 };
    case 'contrast':
      return { slope: a, intercept: 0.5 - 0.5 * a };
  }
}

/** Cached per-thread tables: matrix products per input byte, or one byte map. */
function matrixTable(spec: MatrixSpec, scratch: Scratch): Float64Array {
  const lut = scratch.float64('matrix-lut', 9 * 256);
  const key = `${spec.kind}:${spec.amount}`;
  if (scratch.lutKey !== key) {
    const m = colourMatrix(spec);
    for (let k = 0; k < 9; k++) for (let v = 0; v < 256; v++) lut[k * 256 + v] = (m[k] ?? 0) * v;
    scratch.lutKey = key;
  }
  return lut;
}

/** The byte map of a transfer filter, into `lut` (256 bytes): the one table every kernel uses. */
export function fillTransferTable(spec: TransferSpec, lut: Uint8Array): void {
  const { slope, intercept } = linearTransfer(spec);
  for (let v = 0; v < 256; v++) lut[v] = toByte(slope * v + intercept * 255);
}

function transferTable(spec: TransferSpec, scratch: Scratch): Uint8Array {
  const lut = scratch.uint8('transfer-lut', 256);
  const key = `${spec.kind}:${spec.amount}`;
  if (scratch.lutKey !== key) {
    fillTransferTable(spec, lut);
    scratch.lutKey = key;
  }
  return lut;
}

/**
 * All three rows of the matrix are the same (as their products with 255 compare): every output
 * channel is one weighted sum, and the kernels take the grey path.
 */
export function isGreyMatrix(m: readonly number[]): boolean {
  const at = (k: number): number => (m[k] ?? 0) * 255;
  return at(0) === at(3) && at(0) === at(6) && at(1) === at(4) && at(1) === at(7) && at(2) === at(5) && at(2) === at(8);
}

/**
 * Words hold a pixel with R in the low byte only on a little-endian machine, which every browser
 * engine runs on; checked once, so a big-endian one fails loudly instead of swapping colours.
 */
if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) throw new Error('Tilelab needs a little-endian machine.');

/*
 * Point filters touch each pixel once, so their cost is loads and stores: one 32-bit word a
 * pixel instead of four bytes. Planes start on pixel boundaries, so byte offsets divide by 4.
 * The loops are written out in each kernel: a callback per row measurably slows them.
 */

export const matrixKernel: Kernel<MatrixSpec> = {
  halo: () => 0,
  apply(view: PixelView, tile: Rect, spec: MatrixSpec, scratch: Scratch): void {
    const lut = matrixTable(spec, scratch);
    const src = scratch.pixelWords(view.src);
    const dst = scratch.pixelWords(view.dst);
    const grey = isGreyMatrix(colourMatrix(spec));
    for (let y = tile.y; y < tile.y + tile.h; y++) {
      let s = srcOffset(view, tile.x, y) >> 2;
      let d = dstOffset(view, tile.x, y) >> 2;
      const end = s + tile.w;
      if (grey) {
        // Full grayscale: one luma a pixel, written to all three channels.
        for (; s < end; s++, d++) {
          const p = src[s] ?? 0;
          const v = toByte((lut[p & 255] ?? 0) + (lut[256 + ((p >>> 8) & 255)] ?? 0) + (lut[512 + ((p >>> 16) & 255)] ?? 0));
          dst[d] = v | (v << 8) | (v << 16) | (p & 0xff000000);
        }
        continue;
      }
      for (; s < end; s++, d++) {
        const p = src[s] ?? 0;
        const r = p & 255,
          g = (p >>> 8) & 255,
          b = (p >>> 16) & 255;
        dst[d] =
          toByte((lut[r] ?? 0) + (lut[256 + g] ?? 0) + (lut[512 + b] ?? 0)) |
          (toByte((lut[768 + r] ?? 0) + (lut[1024 + g] ?? 0) + (lut[1280 + b] ?? 0)) << 8) |
          (toByte((lut[1536 + r] ?? 0) + (lut[1792 + g] ?? 0) + (lut[2048 + b] ?? 0)) << 16) |
          (p & 0xff000000);
      }
    }
  },
};

export const transferKernel: Kernel<TransferSpec> = {
  halo: () => 0,
  apply(view: PixelView, tile: Rect, spec: TransferSpec, scratch: Scratch): void {
    const lut = transferTable(spec, scratch);
    const src = scratch.pixelWords(view.src);
    const dst = scratch.pixelWords(view.dst);
    for (let y = tile.y; y < tile.y + tile.h; y++) {
      let s = srcOffset(view, tile.x, y) >> 2;
      let d = dstOffset(view, tile.x, y) >> 2;
      for (const end = s + tile.w; s < end; s++, d++) {
        const p = src[s] ?? 0;
        dst[d] = (lut[p & 255] ?? 0) | ((lut[(p >>> 8) & 255] ?? 0) << 8) | ((lut[(p >>> 16) & 255] ?? 0) << 16) | (p & 0xff000000);
      }
    }
  },
};
