import { describe, expect, it } from 'vitest';
import { sniff } from '../../src/core/sniff.js';
import { fitWithin } from '../../src/engine/planes.js';
import { encodePng } from '../../src/pwa/png.js';
import { animatedGif, brokenJpeg, heicHeader, pngHeader, TINY_GIF } from '../fixtures.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('sniffing a file before decoding it', () => {
  it.each([
    ['PNG', new Uint8Array(encodePng(3, 2, new Uint8Array(24))), { format: 'png', width: 3, height: 2, bitDepth: 8 }],
    ['16-bit PNG', new Uint8Array(encodePng(5, 4, new Uint8Array(80), 16)), { format: 'png', width: 5, height: 4, bitDepth: 16 }],
    ['header-only huge PNG', pngHeader(70_000, 70_000), { format: 'png', width: 70_000, height: 70_000 }],
    ['GIF', TINY_GIF, { format: 'gif', width: 1, height: 1, animated: false }],
    ['animated GIF', animatedGif(), { format: 'gif', width: 1, height: 1, animated: true }],
    ['HEIC', heicHeader(), { format: 'heic' }],
    ['SVG', text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), { format: 'svg' }],
    ['SVG without prolog', text('  <svg width="10"></svg>'), { format: 'svg' }],
    ['TIFF', bytes(0x49, 0x49, 0x2a, 0, 8, 0, 0, 0), { format: 'tiff' }],
    ['PDF', text('%PDF-1.7'), { format: 'pdf' }],
    ['text', text('just some notes'), { format: 'unknown' }],
    [
      'BMP',
      Uint8Array.from([0x42, 0x4d, ...new Array<number>(16).fill(0), 0x20, 0, 0, 0, 0xf0, 0xff, 0xff, 0xff]),
      { format: 'bmp', width: 32, height: 16 },
    ],
  ] as const)('%s', (_, b, expected) => {
    expect(sniff(b, true)).toMatchObject(expected);
  });

  it('reads a JPEG frame header, CMYK, and a missing end marker', () => {
    const sof = [0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, 0x01, 0x2c, 0x01, 0x90, 4, ...new Array<number>(12).fill(0)];
    expect(sniff(Uint8Array.from([...sof, 0xff, 0xd9]), true)).toEqual({
      format: 'jpeg',
      width: 400,
      height: 300,
      cmyk: true,
      bitDepth: 8,
    });
    expect(sniff(Uint8Array.from(sof), true)).toMatchObject({ format: 'jpeg', truncated: true });
    expect(sniff(brokenJpeg(), true)).toMatchObject({ format: 'jpeg' });
  });
});

describe('downscaling to fit', () => {
  it.each([
    [70_000, 10, 65_535, 9],
    [20_000, 20_000, 10_000, 10_000],
    [100, 50, 100, 50],
  ])('%i × %i fits as %i × %i', (w, h, fw, fh) => {
    const fit = fitWithin(w, h);
    expect(fit).toEqual({ width: fw, height: fh });
    expect(fit.width * fit.height).toBeLessThanOrEqual(100_000_000);
  });
});
