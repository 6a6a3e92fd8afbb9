/**
 * Shared vocabulary of Tilelab. Pure types: no DOM, no runtime.
 * Units that are easy to confuse are branded so the compiler keeps them apart.
 */

/** Milliseconds on the shared clock (`performance.timeOrigin + performance.now()`). */
export type EpochMs = number & { readonly __unit: 'epoch-ms' };
/** A duration in milliseconds. */
export type Ms = number & { readonly __unit: 'ms' };

export const ms = (n: number): Ms => n as Ms;
export const epochMs = (n: number): EpochMs => n as EpochMs;

/** Axis-aligned rectangle in image pixels. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export type { RunMode } from './modes.js';
/** How pixels reach the workers in parallel mode. */
export type MemoryModel = 'shared' | 'message';

export type { FilterKind, FilterSpec } from './filters.js';

/**
 * A window on RGBA pixels. `width`/`height` are the whole image's; `src` holds only
 * `srcRect` and `dst` only `dstRect` (row-major, 4 bytes a pixel), so the same kernel
 * runs on the whole shared image or on a tile copied into a message.
 */
export interface PixelView {
  readonly width: number;
  readonly height: number;
  readonly src: Uint8Array;
  readonly srcRect: Rect;
  readonly dst: Uint8Array;
  readonly dstRect: Rect;
}

/** One tile: the pixels it owns and the pixels its filter reads. */
export interface Tile {
  readonly index: number;
  readonly rect: Rect;
  /** `rect` grown by the filter's halo, clipped to the image. */
  readonly read: Rect;
}

/** One tile done by one lane, on the shared clock. */
export interface Span {
  readonly lane: number;
  readonly tile: number;
  readonly start: EpochMs;
  readonly end: EpochMs;
}
