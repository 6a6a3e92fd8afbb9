/** Test photos made by code: PNG files from the project's own sample painter. */
import { paintSample } from '../src/core/sample.js';
import { encodePng } from '../src/pwa/png.js';

export { encodePng, pngSize } from '../src/pwa/png.js';

export function samplePng(width: number, height: number, seed = 11): Buffer {
  const rgba = new Uint8Array(width * height * 4);
  paintSample(width, height, rgba, seed);
  return encodePng(width, height, rgba);
}
