/** Run a filter over a whole image the ways the modes do, in one thread, for node tests. */
import { createHash } from 'node:crypto';
import { applyFilter, haloOf } from '../../src/core/kernels/index.js';
import { wholeImageView } from '../../src/core/kernels/view.js';
import { Scratch } from '../../src/core/scratch.js';
import { createTilePlan } from '../../src/core/tiling.js';
import type { FilterSpec, PixelView, Tile } from '../../src/core/types.js';
import type { Img } from './reference.js';

export const digest = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

export function planFor(img: Img, spec: FilterSpec, tileSize: number): Tile[] {
  return createTilePlan({ width: img.width, height: img.height, tileSize, halo: haloOf(spec) });
}

/** Every tile in the given order, in shared memory (blocking, concurrent and shared parallel). */
export function runShared(img: Img, spec: FilterSpec, tiles: readonly Tile[], scratch = new Scratch()): Uint8Array {
  const dst = new Uint8Array(img.data.length);
  const view = wholeImageView(img.width, img.height, img.data, dst);
  for (const t of tiles) applyFilter(view, t.rect, spec, scratch);
  return dst;
}

/** Message passing: each tile's read area copied out, filtered alone, its pixels copied back. */
export function runMessages(img: Img, spec: FilterSpec, tiles: readonly Tile[]): Uint8Array {
  const dst = new Uint8Array(img.data.length);
  const scratch = new Scratch();
  for (const t of tiles) {
    const { read, rect } = t;
    const src = new Uint8Array(read.w * read.h * 4);
    for (let y = 0; y < read.h; y++) {
      const from = ((read.y + y) * img.width + read.x) * 4;
      src.set(img.data.subarray(from, from + read.w * 4), y * read.w * 4);
    }
    const out = new Uint8Array(rect.w * rect.h * 4);
    const view: PixelView = { width: img.width, height: img.height, src, srcRect: read, dst: out, dstRect: rect };
    applyFilter(view, rect, spec, scratch);
    for (let y = 0; y < rect.h; y++) dst.set(out.subarray(y * rect.w * 4, (y + 1) * rect.w * 4), ((rect.y + y) * img.width + rect.x) * 4);
  }
  return dst;
}
