import { describe, expect, it } from 'vitest';
import { boxPlan } from '../../src/core/kernels/blur.js';
import { defaultSpec, FILTERS } from '../../src/core/filters.js';
import type { FilterSpec } from '../../src/core/types.js';
import { at, randomImage, reference, tripleBoxWeights, type Img } from './reference.js';
import { filterWhole as whole } from './run-helpers.js';

const solid = (w: number, h: number, rgba: number[]): Img => {
  const data = new Uint8Array(w * h * 4);
  for (let i = 0; i < data.length; i++) data[i] = at(rgba, i % 4);
  return { width: w, height: h, data };
};
const pixel = (data: Uint8Array, i = 0) => [...data.subarray(i * 4, i * 4 + 4)];

describe('point filters: known values', () => {
  it.each([
    [{ kind: 'grayscale', amount: 1 }, [255, 0, 0, 255], [54, 54, 54, 255]],
    [{ kind: 'grayscale', amount: 0 }, [10, 200, 30, 255], [10, 200, 30, 255]],
    [{ kind: 'sepia', amount: 1 }, [100, 100, 100, 255], [135, 120, 94, 255]],
    [{ kind: 'invert', amount: 1 }, [0, 128, 255, 77], [255, 127, 0, 77]],
    [{ kind: 'invert', amount: 0.5 }, [0, 128, 255, 255], [128, 128, 128, 255]],
    [{ kind: 'brightness', amount: 2 }, [100, 200, 0, 255], [200, 255, 0, 255]],
    [{ kind: 'contrast', amount: 2 }, [100, 200, 128, 255], [73, 255, 129, 255]],
    [{ kind: 'contrast', amount: 0 }, [3, 250, 99, 10], [128, 128, 128, 10]],
  ] as [FilterSpec, number[], number[]][])('%o maps %o to %o', (spec, input, expected) => {
    expect(pixel(whole(solid(3, 2, input), spec))).toEqual(expected);
  });
});

describe('every filter matches its reference on random images', () => {
  const specs: FilterSpec[] = [
    ...FILTERS.map((f) => defaultSpec(f.kind)),
    { kind: 'blur', sigma: 0.5 },
    { kind: 'blur', sigma: 1.5 },
    { kind: 'blur', sigma: 7 },
    { kind: 'blur', sigma: 32 },
    { kind: 'median', radius: 1 },
    { kind: 'median', radius: 8 },
    { kind: 'sharpen', amount: 2.5, sigma: 1 },
    { kind: 'sepia', amount: 0.3 },
    { kind: 'brightness', amount: 0.4 },
  ];
  it.each(specs)('%o', (spec) => {
    for (const [w, h, seed] of [
      [23, 17, 1],
      [1, 9, 2],
      [40, 3, 3],
    ] as const) {
      const img = randomImage(w, h, seed);
      expect(whole(img, spec)).toEqual(reference(img, spec).data);
    }
  });
});

describe('blur', () => {
  it.each([
    [0.5, 1, 0],
    [1, 2, 2],
    [2, 4, 5],
    [4, 8, 11],
    [8, 15, 21],
    [32, 60, 89],
  ])('σ=%f gives box width %i and halo %i (Filter Effects formula)', (sigma, d, halo) => {
    const plan = boxPlan(sigma);
    expect(plan.d).toBe(d);
    expect(plan.halo).toBe(halo);
    const { weights, divisor } = tripleBoxWeights(sigma);
    expect(weights.reduce((a, b) => a + b, 0)).toBe(divisor);
    expect(weights.length).toBe(2 * halo + 1);
  });

  it('keeps a flat image flat and an impulse symmetric', () => {
    expect(whole(solid(30, 30, [90, 20, 250, 255]), { kind: 'blur', sigma: 5 })).toEqual(solid(30, 30, [90, 20, 250, 255]).data);
    const img = solid(41, 41, [0, 0, 0, 255]);
    img.data.set([255, 255, 255, 255], (20 * 41 + 20) * 4);
    const out = whole(img, { kind: 'blur', sigma: 3 });
    for (let k = 1; k < 10; k++) {
      const left = at(out, (20 * 41 + 20 - k) * 4),
        right = at(out, (20 * 41 + 20 + k) * 4);
      const up = at(out, ((20 - k) * 41 + 20) * 4);
      expect(left).toBe(right);
      expect(up).toBe(left);
    }
  });
});

describe('sobel and median', () => {
  it('sobel is black on flat areas and bright on a vertical edge', () => {
    const img = solid(8, 4, [0, 0, 0, 255]);
    for (let y = 0; y < 4; y++) for (let x = 4; x < 8; x++) img.data.set([255, 255, 255, 255], (y * 8 + x) * 4);
    const out = whole(img, { kind: 'sobel' });
    expect(pixel(out, 0)).toEqual([0, 0, 0, 255]);
    expect(pixel(out, 3)).toEqual([255, 255, 255, 255]);
    expect(pixel(out, 7)).toEqual([0, 0, 0, 255]);
  });

  it('median removes a single speckle', () => {
    const img = solid(9, 9, [40, 40, 40, 255]);
    img.data.set([255, 0, 255, 255], (4 * 9 + 4) * 4);
    expect(whole(img, { kind: 'median', radius: 1 })).toEqual(solid(9, 9, [40, 40, 40, 255]).data);
  });
});
