/**
 * The WebAssembly median against the JavaScript kernel, byte for byte: every radius, images from
 * 1×1 up, tiles of any size in any order, images with few distinct values (ties), and tiles passed
 * as messages (the source holds only the tile's read area, the destination only the tile).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_MEDIAN_RADIUS, MIN_MEDIAN_RADIUS } from '../../src/core/kernels/median.js';
import { wholeImageView } from '../../src/core/kernels/view.js';
import { Scratch } from '../../src/core/scratch.js';
import { createTileGrid, gridTile, growRect } from '../../src/core/tiling.js';
import type { PixelView, Rect } from '../../src/core/types.js';
import { kernelExports } from '../../src/engine/simd/exports.js';
import { laneOf, placeLanes, WASM_PAGE } from '../../src/engine/simd/memory.js';
import { at, randomImage, type Img } from './reference.js';
import { filterWhole } from './run-helpers.js';
import { kernelModule, placeImage, type PlacedImage } from './wasm-fixture.js';

const median = (radius: number) => ({ kind: 'median', radius }) as const;
const RADII = Array.from({ length: MAX_MEDIAN_RADIUS - MIN_MEDIAN_RADIUS + 1 }, (_, i) => MIN_MEDIAN_RADIUS + i);

/** Palettes for images with few distinct values: ties, and values either side of a 16-value bin edge. */
const PALETTES = [[0, 255], [15, 16, 17], [100, 101], [0, 16, 32, 48], [7]] as const;

/** `randomImage`, or with palette `p` (an index into PALETTES) its bytes mapped onto few values. */
function testImage(width: number, height: number, seed: number, palette: number): Img {
  const img = randomImage(width, height, seed);
  const values = PALETTES[palette];
  if (values) for (let i = 0; i < img.data.length; i++) img.data[i] = at(values, at(img.data, i) % values.length);
  return img;
}

/** `got` is `want`, byte for byte (compared as buffers first: a deep equality of large arrays is slow). */
function expectSame(got: Uint8Array, want: Uint8Array): void {
  if (!Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(Buffer.from(want.buffer, want.byteOffset, want.byteLength)))
    expect(got).toEqual(want);
}

/** Tiles of `size` (any size, unlike the app's 16 px minimum) covering the image, row-major. */
function tilesOf(width: number, height: number, size: number): Rect[] {
  const tiles: Rect[] = [];
  for (let y = 0; y < height; y += size)
    for (let x = 0; x < width; x += size) tiles.push({ x, y, w: Math.min(size, width - x), h: Math.min(size, height - y) });
  return tiles;
}

/** A permutation of 0 … n − 1 from `seed`. */
function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [at(order, j), at(order, i)];
  }
  return order;
}

/** Every tile of `size` through the in-place kernel, in `order`; the destination afterwards. */
function inPlace(p: PlacedImage, radius: number, size: number, seed: number): Uint8Array {
  const { width, height, src, dst } = p.planes;
  dst.fill(0);
  const spec = median(radius);
  const kernel = p.inPlace(spec, size);
  const view = wholeImageView(width, height, src, dst);
  const tiles = tilesOf(width, height, size);
  for (const i of shuffled(tiles.length, seed)) kernel(view, at(tiles, i), spec, new Scratch());
  return dst.slice();
}

/**
 * Every tile as a message: the source holds only the tile's read area (the tile grown by the
 * radius, clipped to the image), the destination only the tile; through the copying kernel.
 */
function messages(p: PlacedImage, img: Img, radius: number, tileSize: number, seed: number): Uint8Array {
  const spec = median(radius);
  const kernel = p.copying(spec, tileSize);
  const grid = createTileGrid(img.width, img.height, tileSize, radius);
  const out = new Uint8Array(img.data.length);
  for (const i of shuffled(grid.count, seed)) {
    const { rect, read } = gridTile(grid, i);
    expect(read).toEqual(growRect(rect, radius, img.width, img.height));
    const src = new Uint8Array(read.w * read.h * 4);
    for (let y = 0; y < read.h; y++) {
      const from = ((read.y + y) * img.width + read.x) * 4;
      src.set(img.data.subarray(from, from + read.w * 4), y * read.w * 4);
    }
    const dst = new Uint8Array(rect.w * rect.h * 4);
    const view: PixelView = { width: img.width, height: img.height, src, srcRect: read, dst, dstRect: rect };
    kernel(view, rect, spec, new Scratch());
    for (let y = 0; y < rect.h; y++) out.set(dst.subarray(y * rect.w * 4, (y + 1) * rect.w * 4), ((rect.y + y) * img.width + rect.x) * 4);
  }
  return out;
}

describe('WebAssembly median: the JavaScript kernel’s bytes', () => {
  // Loading (and, the first time, compiling) the module is not part of any one test.
  beforeAll(() => kernelModule(), 60_000);

  it.each(RADII)('radius %i: strips, single pixels and images smaller than the window', (r) => {
    for (const [w, h] of [
      [1, 1],
      [1, 9],
      [9, 1],
      [2, 3],
      [1, 40],
      [37, 1],
      [17, 17],
    ] as const) {
      for (const palette of [-1, 1]) {
        const img = testImage(w, h, 11 * w + h + r, palette);
        const p = placeImage(img);
        const want = filterWhole(img, median(r));
        for (const size of [1, 3, 64]) expectSame(inPlace(p, r, size, w * h + size), want);
        expectSame(messages(p, img, r, 16, r), want);
      }
    }
  });

  it.each(RADII)('radius %i: large tiles (the networks), wide ones, and small ones (the histograms)', (r) => {
    for (const [w, h, sizes] of [
      [130, 129, [130, 128, 40, 7]],
      [520, 37, [520, 300]],
    ] as const) {
      for (const palette of [-1, 2]) {
        const img = testImage(w, h, 5 * r + palette, palette);
        const p = placeImage(img);
        const want = filterWhole(img, median(r));
        for (const size of sizes) expectSame(inPlace(p, r, size, size + r), want);
        expectSame(messages(p, img, r, at(sizes, 0), r), want);
      }
    }
  });

  it('random images and images with few distinct values, any tile size and order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(...RADII),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: -2, max: PALETTES.length - 1 }), // negative: bytes as they come
        fc.integer(),
        (w, h, r, size, palette, seed) => {
          const img = testImage(w, h, seed, palette);
          const p = placeImage(img);
          expectSame(inPlace(p, r, size, seed), filterWhole(img, median(r)));
        },
      ),
      { numRuns: 120 },
    );
  }, 30_000);

  it('tiles passed as messages: only the read area in, only the tile out', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(...RADII),
        fc.integer({ min: 16, max: 64 }),
        fc.integer({ min: -2, max: PALETTES.length - 1 }),
        fc.integer(),
        (w, h, r, size, palette, seed) => {
          const img = testImage(w, h, seed, palette);
          const p = placeImage(img);
          expectSame(messages(p, img, r, size, seed), filterWhole(img, median(r)));
        },
      ),
      { numRuns: 60 },
    );
  }, 30_000);

  it('writes only its tile, and no scratch beyond what it asked for', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(...RADII),
        fc.integer({ min: 1, max: 64 }),
        fc.integer(),
        (w, h, r, size, seed) => {
          const img = testImage(w, h, seed, -1);
          const p = placeImage(img);
          const spec = median(r);
          const tiles = tilesOf(w, h, size);
          const tile = at(tiles, (seed >>> 0) % tiles.length);
          // The lane placeImage gives the kernel (the last), and the bytes of it the kernel may use.
          const { km } = p;
          const lane = laneOf(placeLanes(km, km.kernels.laneBytes(spec, size)), km.lanes - 1);
          const mine = 256 + km.kernels.kernelBytes(spec, tile.w, tile.h);
          const memory = new Uint8Array(km.memory.buffer);
          const canary = 0xa5;
          memory.fill(canary, km.scratch, lane.base);
          memory.fill(canary, lane.base + mine, lane.base + lane.bytes);
          p.planes.dst.fill(canary);
          p.inPlace(spec, size)(wholeImageView(w, h, p.planes.src, p.planes.dst), tile, spec, new Scratch());
          const want = filterWhole(img, spec);
          for (let y = 0; y < h; y++)
            for (let x = 0; x < w; x++) {
              const inside = x >= tile.x && x < tile.x + tile.w && y >= tile.y && y < tile.y + tile.h;
              for (let c = 0; c < 4; c++) {
                const i = (y * w + x) * 4 + c;
                expect(at(p.planes.dst, i)).toBe(inside ? at(want, i) : canary);
              }
            }
          const after = new Uint8Array(km.memory.buffer);
          expect(after.subarray(km.scratch, lane.base).every((b) => b === canary)).toBe(true);
          expect(after.subarray(lane.base + mine, lane.base + lane.bytes).every((b) => b === canary)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  }, 30_000);

  it('reads nothing outside the read area: with it at either end of the memory, a read past it would trap', () => {
    const { module } = kernelModule();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(...RADII),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        fc.integer(),
        (w, h, r, size, atEnd, seed) => {
          const img = testImage(w, h, seed, -1);
          const want = filterWhole(img, median(r));
          const tiles = tilesOf(w, h, size);
          const tile = at(tiles, (seed >>> 0) % tiles.length);
          const read = growRect(tile, r, w, h);
          const srcBytes = read.w * read.h * 4,
            dstBytes = tile.w * tile.h * 4;
          const align = (n: number) => Math.ceil(n / 16) * 16;
          const memory = new WebAssembly.Memory({ initial: 64, maximum: 64, shared: true });
          const k = kernelExports(new WebAssembly.Instance(module, { env: { memory } }));
          const scratchBytes = k.medianScratch(tile.w, tile.h, r);
          // Source at the very start (a read before it wraps past 4 GiB) or ending at the very end.
          const src = atEnd ? 64 * WASM_PAGE - srcBytes : 0;
          const dst = atEnd ? 0 : align(srcBytes);
          const scratch = align(dst + dstBytes);
          expect(scratch + scratchBytes).toBeLessThanOrEqual(atEnd ? src : 64 * WASM_PAGE);
          const mem = new Uint8Array(memory.buffer);
          for (let y = 0; y < read.h; y++) {
            const from = ((read.y + y) * w + read.x) * 4;
            mem.set(img.data.subarray(from, from + read.w * 4), src + y * read.w * 4);
          }
          k.median(src, read.x, read.y, read.w, dst, tile.x, tile.y, tile.w, w, h, tile.x, tile.y, tile.w, tile.h, scratch, r);
          for (let y = 0; y < tile.h; y++) {
            const from = ((tile.y + y) * w + tile.x) * 4;
            expect(mem.subarray(dst + y * tile.w * 4, dst + (y + 1) * tile.w * 4)).toEqual(want.subarray(from, from + tile.w * 4));
          }
        },
      ),
      { numRuns: 80 },
    );
  }, 30_000);
});
