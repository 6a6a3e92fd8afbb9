import { describe, expect, it } from 'vitest';
import { isSpotKey, nudgeSpot, spotStep, spotText, type SpotKey } from '../../src/core/spotlight.js';
import type { Rect } from '../../src/core/types.js';

const SIZE = { width: 400, height: 300 };

describe('nudgeSpot', () => {
  it.each<[string, Rect, SpotKey, number, boolean, Rect]>([
    ['moves right', { x: 10, y: 10, w: 100, h: 50 }, 'ArrowRight', 10, false, { x: 20, y: 10, w: 100, h: 50 }],
    ['moves up', { x: 10, y: 10, w: 100, h: 50 }, 'ArrowUp', 10, false, { x: 10, y: 0, w: 100, h: 50 }],
    ['stops at the left edge', { x: 3, y: 10, w: 100, h: 50 }, 'ArrowLeft', 10, false, { x: 0, y: 10, w: 100, h: 50 }],
    ['stops at the right edge', { x: 295, y: 10, w: 100, h: 50 }, 'ArrowRight', 10, false, { x: 300, y: 10, w: 100, h: 50 }],
    ['stops at the bottom edge', { x: 0, y: 245, w: 100, h: 50 }, 'ArrowDown', 10, false, { x: 0, y: 250, w: 100, h: 50 }],
    ['grows to the right', { x: 10, y: 10, w: 100, h: 50 }, 'ArrowRight', 10, true, { x: 10, y: 10, w: 110, h: 50 }],
    ['grows downwards', { x: 10, y: 10, w: 100, h: 50 }, 'ArrowDown', 10, true, { x: 10, y: 10, w: 100, h: 60 }],
    ['shrinks from the right', { x: 10, y: 10, w: 100, h: 50 }, 'ArrowLeft', 10, true, { x: 10, y: 10, w: 90, h: 50 }],
    ['never grows past the photo', { x: 350, y: 10, w: 45, h: 50 }, 'ArrowRight', 10, true, { x: 350, y: 10, w: 50, h: 50 }],
    ['never shrinks below 4 px', { x: 10, y: 10, w: 100, h: 6 }, 'ArrowUp', 10, true, { x: 10, y: 10, w: 100, h: 4 }],
    [
      'pulls a spotlight from outside the photo back in',
      { x: 390, y: 0, w: 100, h: 50 },
      'ArrowDown',
      10,
      false,
      { x: 300, y: 10, w: 100, h: 50 },
    ],
  ])('%s', (_, r, key, step, resize, want) => {
    expect(nudgeSpot(r, key, step, SIZE, resize)).toEqual(want);
  });

  it('keeps a photo smaller than the minimum whole', () => {
    expect(nudgeSpot({ x: 0, y: 0, w: 2, h: 2 }, 'ArrowLeft', 1, { width: 2, height: 2 }, true)).toEqual({ x: 0, y: 0, w: 2, h: 2 });
  });
});

describe('spotStep, isSpotKey, spotText', () => {
  it.each([
    [{ width: 2400, height: 1600 }, 60],
    [{ width: 10, height: 8 }, 1],
    [{ width: 300, height: 800 }, 20],
  ])('step for %o is %i', (size, step) => expect(spotStep(size)).toBe(step));

  it.each([
    ['ArrowLeft', true],
    ['ArrowDown', true],
    ['Enter', false],
    ['toString', false],
  ])('%s is a spotlight key: %s', (key, yes) => expect(isSpotKey(key)).toBe(yes));

  it('says size and place', () => expect(spotText({ x: 0, y: 12, w: 2400, h: 640 })).toBe('Spotlight 2400 × 640 px at 0, 12.'));
});
