import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampTileSize, countTiles, createTilePlan } from '../../src/core/tiling.js';
import { at } from './reference.js';

describe('createTilePlan', () => {
  it.each([
    // width, height, tileSize, halo → tiles, first tile, last tile, last read area
    [512, 512, 256, 0, 4, { x: 0, y: 0, w: 256, h: 256 }, { x: 256, y: 256, w: 256, h: 256 }, { x: 256, y: 256, w: 256, h: 256 }],
    [300, 100, 256, 2, 2, { x: 0, y: 0, w: 256, h: 100 }, { x: 256, y: 0, w: 44, h: 100 }, { x: 254, y: 0, w: 46, h: 100 }],
    [1, 1, 16, 8, 1, { x: 0, y: 0, w: 1, h: 1 }, { x: 0, y: 0, w: 1, h: 1 }, { x: 0, y: 0, w: 1, h: 1 }],
    [40, 40, 5, 1, 9, { x: 0, y: 0, w: 16, h: 16 }, { x: 32, y: 32, w: 8, h: 8 }, { x: 31, y: 31, w: 9, h: 9 }],
    [3000, 10, 5000, 0, 3, { x: 0, y: 0, w: 1024, h: 10 }, { x: 2048, y: 0, w: 952, h: 10 }, { x: 2048, y: 0, w: 952, h: 10 }],
  ])('%i×%i, tile %i, halo %i → %i tiles', (width, height, tileSize, halo, count, first, last, lastRead) => {
    const plan = createTilePlan({ width, height, tileSize, halo });
    expect(plan).toHaveLength(count);
    expect(countTiles(width, height, tileSize)).toBe(count);
    expect(at(plan, 0).rect).toEqual(first);
    expect(at(plan, -1).rect).toEqual(last);
    expect(at(plan, -1).read).toEqual(lastRead);
  });

  it('gives no tiles for an empty image', () => {
    expect(createTilePlan({ width: 0, height: 10, tileSize: 64, halo: 0 })).toEqual([]);
  });

  it.each([
    [0, 16],
    [15.4, 16],
    [100.6, 101],
    [99999, 1024],
    [NaN, 256],
  ])('clamps tile size %f to %i', (asked, got) => {
    expect(clampTileSize(asked)).toBe(got);
  });

  it('every pixel belongs to exactly one tile, and each read area holds its tile plus halo within the image', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 40 }),
        (width, height, tileSize, halo) => {
          const owners = new Uint8Array(width * height);
          for (const t of createTilePlan({ width, height, tileSize, halo })) {
            const { rect: r, read } = t;
            expect(r.w).toBeGreaterThan(0);
            expect(r.h).toBeGreaterThan(0);
            expect(read.x).toBe(Math.max(0, r.x - halo));
            expect(read.y).toBe(Math.max(0, r.y - halo));
            expect(read.x + read.w).toBe(Math.min(width, r.x + r.w + halo));
            expect(read.y + read.h).toBe(Math.min(height, r.y + r.h + halo));
            for (let y = r.y; y < r.y + r.h; y++)
              for (let x = r.x; x < r.x + r.w; x++) owners[y * width + x] = at(owners, y * width + x) + 1;
          }
          expect(owners.every((n) => n === 1)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
