import { describe, expect, it } from 'vitest';
import { fitInside, formatMegabytes, formatMegapixels, formatMillions } from '../../src/core/sizes.js';
import { fitWithin } from '../../src/engine/planes.js';

describe('megapixels and megabytes with sensible decimals', () => {
  it.each([
    [0, '0'],
    [1, '< 0.01'],
    [3072, '< 0.01'],
    [10_000, '0.01'],
    [76_800, '0.077'],
    [458_745, '0.46'],
    [999_999, '1'],
    [2_000_000, '2'],
    [3_840_000, '3.8'],
    [9_960_000, '10'],
    [12_000_000, '12'],
    [12_582_912, '13'],
    [100_000_000, '100'],
    [268_435_456, '268'],
    [NaN, '–'],
  ])('%d → %s', (n, shown) => {
    expect(formatMillions(n)).toBe(shown);
  });

  it.each([
    [65_535, 7, '0.46 MP'],
    [2400, 1600, '3.8 MP'],
    [4000, 3000, '12 MP'],
    [10_000, 10_000, '100 MP'],
    [1, 1, '< 0.01 MP'],
  ])('%i × %i px is %s', (w, h, shown) => {
    expect(formatMegapixels(w, h)).toBe(shown);
  });

  it.each([
    [0, '0 MB'],
    [460_000, '0.46 MB'],
    [48_000_000, '48 MB'],
  ])('%i bytes are %s', (b, shown) => {
    expect(formatMegabytes(b)).toBe(shown);
  });
});

describe('downscaling to fit', () => {
  it.each([
    // The short side is rounded to the nearest pixel, not floored: 8 × 65535/70000 = 7.49, 6 × … = 5.62.
    [70_000, 8, 65_535, 7],
    [70_000, 6, 65_535, 6],
    [70_000, 10, 65_535, 9],
    [1_000_000, 2, 65_535, 1],
    // 65990 × (65535 / 65990) is 65534.99999… in floating point: the limit is still met exactly.
    [65_990, 10, 65_535, 10],
    [8, 70_000, 7, 65_535],
    [20_000, 20_000, 10_000, 10_000],
    [12_311, 12_311, 10_000, 10_000],
    [30_000, 20_000, 12_247, 8165],
    [100, 50, 100, 50],
  ])('%i × %i fits as %i × %i', (w, h, fw, fh) => {
    const fit = fitWithin(w, h);
    expect(fit).toEqual({ width: fw, height: fh });
    expect(fit.width * fit.height).toBeLessThanOrEqual(100_000_000);
  });

  it('always fits the limits, keeps the aspect within a pixel, and never makes a side zero', () => {
    const limits = { side: 1000, pixels: 200_000 };
    const wrong: string[] = [];
    for (let w = 1; w <= 5000; w += 37)
      for (let h = 1; h <= 5000; h += 41) {
        const f = fitInside(w, h, limits);
        const fits = f.width >= 1 && f.height >= 1 && Math.max(f.width, f.height) <= limits.side && f.width * f.height <= limits.pixels;
        const smaller = f.width <= w && f.height <= h;
        // Within a pixel (plus one more where the pixel budget took a row back) of the exact aspect.
        const aspect = Math.abs(f.height - (f.width * h) / w) <= 2 + h / w;
        if (!fits || !smaller || !aspect) wrong.push(`${w} × ${h} → ${f.width} × ${f.height}`);
      }
    expect(wrong).toEqual([]);
  });
});
