/**
 * What a file is, from its first bytes, before anything decodes it: the format, the size where
 * the header says it, and the traits the page should mention (animation, CMYK, 16 bits, a
 * missing end). Lets the page refuse photos beyond the canvas limits without decoding them.
 */
export type Format = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'avif' | 'svg' | 'heic' | 'tiff' | 'psd' | 'pdf' | 'unknown';

export interface Sniffed {
  readonly format: Format;
  readonly width?: number;
  readonly height?: number;
  readonly animated?: boolean;
  readonly cmyk?: boolean;
  readonly bitDepth?: number;
  /** A JPEG without its end-of-image marker: cut off in transfer. */
  readonly truncated?: boolean;
}

/** Formats browsers do not decode as images, with the advice the page gives. */
export const UNSUPPORTED: Partial<Record<Format, string>> = {
  heic: 'HEIC/HEIF (the iPhone camera format)',
  tiff: 'TIFF',
  psd: 'Photoshop (PSD)',
  pdf: 'PDF',
};

const ascii = (b: Uint8Array, at: number, n: number): string => String.fromCharCode(...b.subarray(at, at + n));
/** Byte `at` of a header, 0 past its end: a cut-off file reads as zeros, not as an error. */
const byte = (b: Uint8Array, at: number): number => b[at] ?? 0;
const u16be = (b: Uint8Array, at: number): number => (byte(b, at) << 8) | byte(b, at + 1);
const u32be = (b: Uint8Array, at: number): number =>
  ((byte(b, at) << 24) | (byte(b, at + 1) << 16) | (byte(b, at + 2) << 8) | byte(b, at + 3)) >>> 0;
const u16le = (b: Uint8Array, at: number): number => byte(b, at) | (byte(b, at + 1) << 8);
const u24le = (b: Uint8Array, at: number): number => byte(b, at) | (byte(b, at + 1) << 8) | (byte(b, at + 2) << 16);
const i32le = (b: Uint8Array, at: number): number =>
  byte(b, at) | (byte(b, at + 1) << 8) | (byte(b, at + 2) << 16) | (byte(b, at + 3) << 24);

function jpeg(b: Uint8Array, whole: boolean): Sniffed {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) {
      at++;
      continue;
    }
    const marker = byte(b, at + 1);
    if (marker === 0xff) {
      at++;
      continue;
    }
    const len = u16be(b, at + 2);
    // Start of frame: any SOFn except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const end = whole ? b.length >= 2 && (b[b.length - 2] !== 0xff || b[b.length - 1] !== 0xd9) : undefined;
      return {
        format: 'jpeg',
        height: u16be(b, at + 5),
        width: u16be(b, at + 7),
        cmyk: b[at + 9] === 4,
        bitDepth: b[at + 4],
        ...(end ? { truncated: true } : {}),
      };
    }
    at += 2 + len;
  }
  return { format: 'jpeg', ...(whole ? { truncated: true } : {}) };
}

function webp(b: Uint8Array): Sniffed {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { format: 'webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1, animated: (byte(b, 20) & 0x02) !== 0 };
  if (chunk === 'VP8L') {
    const bits = byte(b, 21) | (byte(b, 22) << 8) | (byte(b, 23) << 16) | (byte(b, 24) << 24);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') return { format: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  return { format: 'webp' };
}

/** Count GIF frames by walking its blocks; stops at two. */
function gifAnimated(b: Uint8Array): boolean {
  let at = 13;
  if (byte(b, 10) & 0x80) at += 3 * (1 << ((byte(b, 10) & 7) + 1)); // global colour table
  let frames = 0;
  while (at < b.length) {
    const block = byte(b, at);
    if (block === 0x3b) break; // trailer
    if (block === 0x21) {
      at += 2;
      while (at < b.length && byte(b, at) !== 0) at += byte(b, at) + 1;
      at++;
    } else if (block === 0x2c) {
      if (++frames > 1) return true;
      const packed = byte(b, at + 9);
      at += 10;
      if (packed & 0x80) at += 3 * (1 << ((packed & 7) + 1)); // local colour table
      at++; // LZW minimum code size
      while (at < b.length && byte(b, at) !== 0) at += byte(b, at) + 1;
      at++;
    } else break;
  }
  return false;
}

/**
 * Sniff a file from its bytes. `whole` says whether `b` is the entire file (then a JPEG's end
 * and a GIF's frames can be checked); otherwise only the header is read.
 */
export function sniff(b: Uint8Array, whole = false): Sniffed {
  if (b.length >= 24 && u32be(b, 0) === 0x89504e47) return { format: 'png', width: u32be(b, 16), height: u32be(b, 20), bitDepth: b[24] };
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b, whole);
  if (b.length >= 10 && ascii(b, 0, 4) === 'GIF8')
    return { format: 'gif', width: u16le(b, 6), height: u16le(b, 8), ...(whole ? { animated: gifAnimated(b) } : {}) };
  if (b.length >= 30 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return webp(b);
  if (b.length >= 26 && ascii(b, 0, 2) === 'BM') return { format: 'bmp', width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    return { format: brand === 'avif' || brand === 'avis' ? 'avif' : 'heic' };
  }
  if (b.length >= 4 && (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*')) return { format: 'tiff' };
  if (b.length >= 4 && ascii(b, 0, 4) === '8BPS') return { format: 'psd' };
  if (b.length >= 4 && ascii(b, 0, 4) === '%PDF') return { format: 'pdf' };
  const head = ascii(b, 0, Math.min(b.length, 512)).trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return { format: 'svg' };
  return { format: 'unknown' };
}
