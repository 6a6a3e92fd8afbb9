/**
 * The slower group: the point filters' WebAssembly kernels on every RGB value at once, and the
 * blur's rounding division on every sum it can meet, each against the JavaScript. About 25 s on
 * a quiet 2-core machine; each test has room for a busy one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { boxPlan, MAX_SIGMA, MIN_SIGMA } from '../../src/core/kernels/blur.js';
import { makeSpec } from '../../src/core/filters.js';
import { wholeImageView } from '../../src/core/kernels/view.js';
import { Scratch } from '../../src/core/scratch.js';
import { countTiles, tileRect } from '../../src/core/tiling.js';
import type { FilterSpec } from '../../src/core/types.js';
import type { Img } from './reference.js';
import { filterWhole } from './run-helpers.js';
import { kernelModule, placeImage, type PlacedImage } from './wasm-fixture.js';

/** 4096 × 4096 pixels: pixel i is R = i mod 256, G = ⌊i / 256⌋ mod 256, B = ⌊i / 65536⌋, with alpha varied. */
function everyColour(): Img {
  const side = 4096;
  const words = new Uint32Array(side * side);
  for (let i = 0; i < words.length; i++) words[i] = (i | (Math.imul(i, 2654435761) << 24)) >>> 0;
  return { width: side, height: side, data: new Uint8Array(words.buffer) };
}

/** Where two images first differ (x, y, channel), or null. */
function firstDifference(got: Uint8Array, want: Uint8Array): string | null {
  if (Buffer.compare(got, want) === 0) return null;
  const i = got.findIndex((v, k) => v !== want[k]);
  const rgb = (i >> 2) & 0xffffff;
  return `RGB (${rgb & 255}, ${(rgb >> 8) & 255}, ${rgb >> 16}) channel ${i & 3}: ${got[i]} instead of ${want[i]}`;
}

describe('point filters on all 2^24 RGB values', () => {
  let img: Img;
  let placed: PlacedImage;
  beforeAll(() => {
    img = everyColour();
    placed = placeImage(img);
  }, 60_000);

  // The colour matrices take fixed-point sums with a float64 fallback near ties: many amounts.
  // A byte map is looked up whatever its bytes, but it is checked the same way.
  const specs: FilterSpec[] = [
    ...(['grayscale', 'sepia'] as const).flatMap((kind) => [0, 0.25, 0.3, 0.5, 0.7, 0.95, 1].map((amount) => makeSpec(kind, { amount }))),
    ...[0, 0.25, 0.3, 0.5, 0.7, 1].map((amount) => makeSpec('invert', { amount })),
    ...(['brightness', 'contrast'] as const).flatMap((kind) => [0, 0.25, 0.5, 0.7, 1, 1.35, 3].map((amount) => makeSpec(kind, { amount }))),
  ];
  it.each(specs)(
    '%o',
    (spec) => {
      // In place over the fixture's memory, compared where it lies (a copy of 64 MB of shared memory is slow).
      const { width, height, src, dst } = placed.planes;
      const kernel = placed.inPlace(spec, 1024);
      const view = wholeImageView(width, height, src, dst);
      for (let i = 0; i < countTiles(width, height, 1024); i++) kernel(view, tileRect(width, height, 1024, i), spec, new Scratch());
      expect(firstDifference(dst, filterWhole(img, spec))).toBeNull();
    },
    60_000,
  );
});

describe('the blur’s rounding division', () => {
  it('is ⌊(t + ⌊D/2⌋) / D⌋, as the JavaScript rounds, for every box width σ can give and every sum 0..255·D', () => {
    const { module } = kernelModule();
    const chunk = 1 << 22;
    const memory = new WebAssembly.Memory({ initial: chunk / 65536, maximum: chunk / 65536, shared: true });
    const { blurDivide } = new WebAssembly.Instance(module, { env: { memory } }).exports as {
      blurDivide: (out: number, t0: number, n: number, d: number) => void;
    };
    const out = new Uint8Array(memory.buffer);
    const first = boxPlan(MIN_SIGMA).d,
      last = boxPlan(MAX_SIGMA).d;
    // σ may be any number in range (a link can carry one), so every width between is met.
    expect([first, last]).toEqual([1, 60]);
    let checked = 0;
    for (let d = first; d <= last; d++) {
      // The divisor and rounding of the plan this width comes from (σ = d / (3·√(2π)/4) gives d).
      const { divisor, d: planned } = boxPlan(d / ((3 * Math.sqrt(2 * Math.PI)) / 4));
      expect(planned).toBe(d);
      const half = Math.floor(divisor / 2);
      const top = 255 * divisor;
      for (let t0 = 0; t0 <= top; t0 += chunk) {
        const n = Math.min(chunk, top + 1 - t0);
        blurDivide(0, t0, (n + 3) & ~3, d);
        for (let i = 0; i < n; i++) {
          const t = t0 + i;
          const want = ((t + half) / divisor) | 0;
          if (out[i] !== want) expect(`${t} / ${divisor} → ${out[i]}`).toBe(`${t} / ${divisor} → ${want}`);
        }
        checked += n;
      }
    }
    expect(checked).toBeGreaterThan(8e8);
  }, 120_000);
});
