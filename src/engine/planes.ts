import { fitInside } from '../core/sizes.js';
import type { KernelMemory } from './simd/memory.js';

/**
 * The photo's pixels as two RGBA planes, source and destination. In shared memory when the
 * page is cross-origin isolated, so workers read and write them in place.
 */
export interface Planes {
  readonly width: number;
  readonly height: number;
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
  readonly shared: boolean;
  /** The shared WebAssembly memory both planes live in, when the WebAssembly kernels can run on them. */
  readonly kernelMemory?: KernelMemory;
}

/** Browsers' canvas limits: larger canvases silently read back blank. */
export const MAX_CANVAS_PIXELS = 268_435_456;
export const MAX_CANVAS_SIDE = 65_535;

export type SizeCheck = { ok: true } | { ok: false; message: string };

export function checkCanvasSize(width: number, height: number): SizeCheck {
  if (width > MAX_CANVAS_SIDE || height > MAX_CANVAS_SIDE)
    return {
      ok: false,
      message: `The photo is ${width}×${height} px; browsers cannot handle a side over ${MAX_CANVAS_SIDE.toLocaleString('en')} px.`,
    };
  if (width * height > MAX_CANVAS_PIXELS)
    return {
      ok: false,
      message: `The photo has ${((width * height) / 1e6).toFixed(0)} million pixels; browsers cannot handle more than ${(MAX_CANVAS_PIXELS / 1e6).toFixed(0)} million.`,
    };
  if (width < 1 || height < 1) return { ok: false, message: 'The photo has no pixels.' };
  return { ok: true };
}

/** Largest photo the lab downscales to: the size it is tested and benchmarked at. */
export const DOWNSCALE_PIXELS = 100_000_000;

/** The largest size with the same aspect that fits the canvas limits and DOWNSCALE_PIXELS. */
export const fitWithin = (width: number, height: number): { width: number; height: number } =>
  fitInside(width, height, { side: MAX_CANVAS_SIDE, pixels: DOWNSCALE_PIXELS });

/** The queue thumbnails' longest side, in pixels. */
export const THUMB_SIDE = 160;

/** Longest side the page draws a photo at, unless it asks for less; bigger photos are shown scaled down (and filtered at full size). */
export const DISPLAY_SIDE = 2048;

/** Factor from image pixels to the canvas the page shows, whose longest side is `side` device pixels at most. */
export const displayScale = (width: number, height: number, side = DISPLAY_SIDE): number =>
  Math.min(1, Math.min(side, DISPLAY_SIDE) / Math.max(width, height));

export const newBuffer = (bytes: number, shared: boolean): ArrayBufferLike =>
  shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
