import { describe, expect, it } from 'vitest';
import { randomImage } from './reference.js';
import { filterWhole } from './run-helpers.js';
import { filterTiles, placeImage } from './wasm-fixture.js';

describe('WebAssembly median', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('radius %i matches the JavaScript kernel on a random image', async (r) => {
    const img = randomImage(53, 41, 7 + r);
    const spec = { kind: 'median', radius: r } as const;
    const p = await placeImage(img);
    expect(filterTiles(p, spec, 32)).toEqual(filterWhole(img, spec));
  });
});
