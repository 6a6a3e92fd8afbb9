import { describe, expect, it } from 'vitest';
import { claimedImage, notAnImage, sniff } from '../../src/core/sniff.js';
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
    ['text', text('just some notes'), { format: 'unknown', content: 'text' }],
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

describe('a file that is no image is described by what it is', () => {
  it.each([
    ['plain text', text('Shopping list:\n- milk\n- eggs\n'), 'text'],
    ['text with accents', text('Café au lait, crème brûlée — déjà vu'), 'text'],
    ['a web page', text('<!DOCTYPE html><html><body>hi</body></html>'), 'html'],
    ['a bare HTML fragment', text('<html lang="en">'), 'html'],
    ['XML', text('<?xml version="1.0"?><note/>'), 'xml'],
    ['JSON', text('{ "runs": [] }'), 'json'],
    ['ZIP (and .docx)', bytes(0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0), 'zip'],
    ['gzip', bytes(0x1f, 0x8b, 8, 0, 0, 0, 0, 0), 'gzip'],
    ['MP3', bytes(0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0, 0x21), 'mp3'],
    ['WAV', text('RIFF\0\0\0\0WAVEfmt '), 'wav'],
    ['a Windows program', bytes(0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0), 'exe'],
    ['unknown binary', bytes(0x00, 0x01, 0x02, 0x03, 0xfe, 0x80, 0x00), 'binary'],
    ['invalid UTF-8', bytes(0x61, 0x62, 0xc3, 0x28, 0x61), 'binary'],
  ] as const)('%s', (_, b, content) => {
    expect(sniff(b, true)).toEqual({ format: 'unknown', content });
  });

  it.each([
    ['notes.jpg', 'image/jpeg', 'JPEG'],
    ['notes.JPEG', '', 'JPEG'],
    ['logo.png', 'text/plain', 'PNG'],
    ['scan.tif', '', 'TIFF'],
    ['clip', 'image/avif', 'AVIF'],
    ['clip', 'image/x-portable-pixmap', 'X-PORTABLE-PIXMAP'],
    ['notes.txt', 'text/plain', null],
    ['', '', null],
  ])('“%s” (%s) claims to be %s', (name, type, claimed) => {
    expect(claimedImage(name, type)).toBe(claimed);
  });

  it.each([
    ['notes.jpg', 'image/jpeg', 'text', '“notes.jpg” is a text file, not a JPEG image. Try a JPEG, PNG, WebP or GIF photo.'],
    ['notes.txt', 'text/plain', 'text', '“notes.txt” is a text file, not an image. Try a JPEG, PNG, WebP or GIF photo.'],
    ['photos.png', 'image/png', 'zip', '“photos.png” is a ZIP archive, not a PNG image. Try a JPEG, PNG, WebP or GIF photo.'],
    ['page.avif', '', 'html', '“page.avif” is a web page (HTML), not an AVIF image. Try a JPEG, PNG, WebP or GIF photo.'],
    ['', '', 'binary', 'This file is binary data of a kind Tilelab does not know, not an image. Try a JPEG, PNG, WebP or GIF photo.'],
  ] as const)('%s (%s) with %s content', (name, type, content, message) => {
    expect(notAnImage(name, type, content)).toBe(message);
  });
});
