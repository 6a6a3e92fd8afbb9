import type { PixelView, Rect } from '../types.js';

/** Byte offset of pixel (x, y) in `view.src`; the caller has clamped x and y to the image. */
export function srcOffset(view: PixelView, x: number, y: number): number {
  const r = view.srcRect;
  return ((y - r.y) * r.w + (x - r.x)) * 4;
}

/** Byte offset of pixel (x, y) in `view.dst`. */
export function dstOffset(view: PixelView, x: number, y: number): number {
  const r = view.dstRect;
  return ((y - r.y) * r.w + (x - r.x)) * 4;
}

export const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

/** Round to the nearest byte value, saturating. */
export const toByte = (v: number): number => (v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0);

/** A view whose src and dst are one whole image (shared mode, blocking and concurrent). */
export function wholeImageView(width: number, height: number, src: Uint8Array, dst: Uint8Array): PixelView {
  const rect: Rect = { x: 0, y: 0, w: width, h: height };
  return { width, height, src, srcRect: rect, dst, dstRect: rect };
}
