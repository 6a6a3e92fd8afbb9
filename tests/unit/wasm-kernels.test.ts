/**
 * The WebAssembly kernels give exactly the JavaScript kernels' bytes: random images (1×1, thin
 * strips, up to 70 a side), every slider's whole range, random tile shapes from 1 px and random
 * tile orders, in place and through message-style copies of each tile's read area. And a kernel
 * writes nothing but its tile of the destination and its own scratch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterInfo, makeSpec, type FilterKind } from '../../src/core/filters.js';
import { haloOf, type TileKernel } from '../../src/core/kernels/index.js';
import { wholeImageView } from '../../src/core/kernels/view.js';
import { Scratch } from '../../src/core/scratch.js';
import { growRect } from '../../src/core/tiling.js';
import type { FilterSpec, Rect } from '../../src/core/types.js';
import { at, randomImage, type Img } from './reference.js';
import { filterWhole } from './run-helpers.js';
import { KERNEL_EXPORTS } from '../../src/engine/simd/exports.js';
import { filterTiles, placeImage, type PlacedImage } from './wasm-fixture.js';

/** The filters with a WebAssembly kernel from this suite (median has its own tests). */
const KINDS = [
  'blur',
  'sharpen',
  'sobel',
  'grayscale',
  'sepia',
  'invert',
  'brightness',
  'contrast',
] as const satisfies readonly FilterKind[];

/** The lane `placeImage` binds its kernels to (the last of two). */
const LANE = 1;
/** Bytes at the start of a lane that hold the transfer filters' byte map (src/engine/simd/kernels.ts). */
const TABLE_BYTES = 256;

/** A slider value: on its steps, or anywhere in its range (links may carry any number). */
const paramValue = (min: number, max: number, step: number): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: 0, max: Math.round((max - min) / step) }).map((k) => Math.min(max, min + k * step)),
    fc.double({ min, max, noNaN: true }),
    fc.constantFrom(min, max),
  );

const specOf = (kind: FilterKind): fc.Arbitrary<FilterSpec> =>
  fc
    .tuple(...filterInfo(kind).params.map((p) => paramValue(p.min, p.max, p.step).map((v) => [p.name, v] as const)))
    .map((values) => makeSpec(kind, Object.fromEntries(values)));

/** Image sizes up to 70 a side, with 1×1 and one-pixel strips often. */
const size = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 })),
  fc.tuple(fc.integer({ min: 1, max: 70 }), fc.constant(1)),
  fc.tuple(fc.constant(1), fc.integer({ min: 1, max: 70 })),
  fc.constant([1, 1] as [number, number]),
);

interface Case {
  readonly img: Img;
  readonly spec: FilterSpec;
  /** Tile width and height (the grid's last column and row are narrower). */
  readonly tile: readonly [number, number];
  /** Seed of the order the tiles are filtered in. */
  readonly order: number;
}

const caseOf = (kind: FilterKind): fc.Arbitrary<Case> =>
  fc
    .record({
      wh: size,
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      opaque: fc.boolean(),
      spec: specOf(kind),
      tile: fc.tuple(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 })),
      order: fc.integer(),
    })
    .map(({ wh: [w, h], seed, opaque, spec, tile, order }) => ({ img: randomImage(w, h, seed, opaque), spec, tile, order }));

/** Row-major tiles of tw × th covering the image. */
function grid(width: number, height: number, tw: number, th: number): Rect[] {
  const tiles: Rect[] = [];
  for (let y = 0; y < height; y += th)
    for (let x = 0; x < width; x += tw) tiles.push({ x, y, w: Math.min(tw, width - x), h: Math.min(th, height - y) });
  return tiles;
}

/** 0..n−1 shuffled by a seed (xorshift), so a failing order can be replayed. */
function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  return order;
}

/** Where two images first differ, or null when they are the same bytes. */
function firstDifference(got: Uint8Array, want: Uint8Array, width: number): string | null {
  if (got.length !== want.length) return `lengths ${got.length} and ${want.length}`;
  if (Buffer.compare(got, want) === 0) return null;
  const i = got.findIndex((v, k) => v !== want[k]);
  const px = i >> 2;
  return `pixel (${px % width}, ${Math.floor(px / width)}) channel ${i & 3}: ${got[i]} instead of ${want[i]}`;
}

/** The tiles through the in-place kernel (whole planes in the kernel memory), in `order`. */
function inPlace(p: PlacedImage, spec: FilterSpec, tiles: readonly Rect[], order: readonly number[], tileSize: number): Uint8Array {
  const { width, height, src, dst } = p.planes;
  dst.fill(0);
  const kernel = p.inPlace(spec, tileSize);
  const view = wholeImageView(width, height, src, dst);
  for (const i of order) kernel(view, at(tiles, i), spec, new Scratch());
  return dst.slice();
}

/**
 * The tiles through the copying kernel, as message passing hands them over: a view whose source
 * holds only the tile grown by the halo and clipped to the image, and whose destination is the tile.
 */
function copying(
  p: PlacedImage,
  img: Img,
  spec: FilterSpec,
  tiles: readonly Rect[],
  order: readonly number[],
  tileSize: number,
): Uint8Array {
  const { width, height } = img;
  const kernel: TileKernel = p.copying(spec, tileSize);
  const out = new Uint8Array(img.data.length);
  const halo = haloOf(spec);
  for (const i of order) {
    const tile = at(tiles, i);
    const read = growRect(tile, halo, width, height);
    const src = new Uint8Array(read.w * read.h * 4);
    for (let y = 0; y < read.h; y++) {
      const from = ((read.y + y) * width + read.x) * 4;
      src.set(img.data.subarray(from, from + read.w * 4), y * read.w * 4);
    }
    const dst = new Uint8Array(tile.w * tile.h * 4);
    kernel({ width, height, src, srcRect: read, dst, dstRect: tile }, tile, spec, new Scratch());
    for (let y = 0; y < tile.h; y++) out.set(dst.subarray(y * tile.w * 4, (y + 1) * tile.w * 4), ((tile.y + y) * width + tile.x) * 4);
  }
  return out;
}

describe.each(KINDS)('%s: WebAssembly gives the JavaScript bytes', (kind) => {
  it('in place, through copies, any tile shape and order', () => {
    fc.assert(
      fc.property(caseOf(kind), ({ img, spec, tile: [tw, th], order }) => {
        const want = filterWhole(img, spec);
        const p = placeImage(img);
        const tiles = grid(img.width, img.height, tw, th);
        const seq = shuffled(tiles.length, order);
        const tileSize = Math.max(tw, th);
        expect(firstDifference(inPlace(p, spec, tiles, seq, tileSize), want, img.width), 'in place').toBeNull();
        expect(firstDifference(copying(p, img, spec, tiles, seq, tileSize), want, img.width), 'copying').toBeNull();
        // The fixture's own square tiling (16 px and up), in the same shuffled spirit.
        const square = Math.max(16, tw);
        const n = Math.ceil(img.width / square) * Math.ceil(img.height / square);
        expect(firstDifference(filterTiles(p, spec, square, shuffled(n, order + 1)), want, img.width), 'square tiles').toBeNull();
      }),
      { numRuns: kind === 'blur' || kind === 'sharpen' ? 400 : 500 },
    );
  }, 60_000);

  it('writes only its tile of the destination and its own scratch', () => {
    fc.assert(
      fc.property(caseOf(kind), fc.nat(), ({ img, spec, tile: [tw, th] }, pick) => {
        const p = placeImage(img);
        const tiles = grid(img.width, img.height, tw, th);
        const tile = at(tiles, pick % tiles.length);
        const tileSize = Math.max(tw, th);
        const kernel = p.inPlace(spec, tileSize); // grows the memory to hold the lanes
        const k = p.km.kernels;
        const mem = new Uint8Array(p.km.memory.buffer);
        const { src, dst, width, height } = p.planes;
        const before = src.slice();
        dst.fill(0xa5);
        mem.fill(0x5a, p.km.scratch);
        kernel(wholeImageView(width, height, src, dst), tile, spec, new Scratch());

        expect(Buffer.compare(src, before), 'source unchanged').toBe(0);
        for (let y = 0; y < height; y++)
          for (let x = 0; x < width; x++) {
            const inside = x >= tile.x && x < tile.x + tile.w && y >= tile.y && y < tile.y + tile.h;
            if (!inside)
              expect(
                dst.subarray((y * width + x) * 4, (y * width + x + 1) * 4).every((v) => v === 0xa5),
                `(${x}, ${y})`,
              ).toBe(true);
          }
        // The lane: its byte map, then the kernel's scratch as sized by its …Scratch export.
        const lane = p.km.scratch + LANE * k.laneBytes(spec, tileSize);
        const used = lane + TABLE_BYTES + k.kernelBytes(spec, tile.w, tile.h);
        const stray = (from: number, to: number): number => mem.subarray(from, to).findIndex((v) => v !== 0x5a);
        expect(stray(p.km.scratch, lane), 'before the lane').toBe(-1);
        expect(stray(used, mem.length), 'after the kernel scratch').toBe(-1);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});

const solid = (width: number, height: number, rgba: readonly number[]): Img => ({
  width,
  height,
  data: Uint8Array.from({ length: width * height * 4 }, (_, i) => rgba[i % 4] ?? 0),
});

describe('cases worth naming', () => {
  const cases: [string, Img, FilterSpec, number][] = [
    ['1×1 blur σ=32', randomImage(1, 1, 5), makeSpec('blur', { sigma: 32 }), 1],
    ['a 70×1 strip, blur σ=32, 1 px tiles', randomImage(70, 1, 6), makeSpec('blur', { sigma: 32 }), 1],
    ['a 1×70 strip, sharpen σ=8 ×3', randomImage(1, 70, 7), makeSpec('sharpen', { sigma: 8, amount: 3 }), 3],
    ['2×2 Sobel, 1 px tiles', randomImage(2, 2, 8), makeSpec('sobel'), 1],
    ['grayscale, opaque 64×64 in one tile', randomImage(64, 64, 9, true), makeSpec('grayscale', { amount: 1 }), 64],
    // 0.272·72 + 0.534·87 + 0.131·118 = 81.5: a tie the fixed-point sums must hand to float64.
    ['sepia on an exact rounding tie', solid(9, 5, [72, 87, 118, 200]), makeSpec('sepia', { amount: 1 }), 4],
  ];
  it.each(cases)('%s', (_name, img, spec, tile) => {
    const p = placeImage(img);
    const tiles = grid(img.width, img.height, tile, tile);
    const order = tiles.map((_, i) => i).reverse();
    expect(firstDifference(inPlace(p, spec, tiles, order, tile), filterWhole(img, spec), img.width)).toBeNull();
  });
});

/** The module's sections, in order: id and contents. */
function sections(bytes: Uint8Array): { id: number; body: Uint8Array }[] {
  let i = 8; // magic and version
  const leb = (): number => {
    let value = 0,
      shift = 0,
      byte: number;
    do {
      byte = bytes[i++] ?? 0;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  const out: { id: number; body: Uint8Array }[] = [];
  while (i < bytes.length) {
    const id = bytes[i++] ?? 0;
    const size = leb();
    out.push({ id, body: bytes.subarray(i, i + size) });
    i += size;
  }
  return out;
}

describe('the compiled module', () => {
  const load = async (): Promise<Uint8Array<ArrayBuffer>> =>
    new Uint8Array(Buffer.from((await import('virtual:tilelab-kernels')).KERNELS_BASE64, 'base64'));

  it('has no data segments, globals or start function: every instance on the shared memory starts from nothing', async () => {
    const ids = sections(await load()).map((s) => s.id);
    expect(ids).not.toContain(11); // data
    expect(ids).not.toContain(12); // data count
    expect(ids).not.toContain(6); // globals
    expect(ids).not.toContain(8); // start
  });

  it('imports one memory, shared, and exports the kernels and no memory', async () => {
    const bytes = await load();
    const module = new WebAssembly.Module(bytes);
    expect(WebAssembly.Module.imports(module)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    const exports = WebAssembly.Module.exports(module);
    for (const name of KERNEL_EXPORTS) expect(exports).toContainEqual({ name, kind: 'function' });
    expect(exports.filter((e) => e.kind !== 'function')).toEqual([]);
    // The import section: one entry, "env" "memory" of kind 2 (memory), then its limits, whose
    // flags say shared (bit 1) with a maximum (bit 0).
    const imports = sections(bytes).find((s) => s.id === 2)?.body ?? new Uint8Array();
    const head = [1, 3, ...Buffer.from('env'), 6, ...Buffer.from('memory'), 2];
    expect([...imports.subarray(0, head.length)]).toEqual(head);
    expect((imports[head.length] ?? 0) & 3).toBe(3);
  });
});
