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
  /** For a file that is no image format at all: what it is instead. */
  readonly content?: Content;
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
  return { format: 'unknown', content: contentOf(b, head) };
}

/** What a file that is not an image is, from its first bytes. */
export type Content = 'text' | 'html' | 'xml' | 'json' | 'zip' | 'gzip' | 'rar' | '7z' | 'mp3' | 'wav' | 'ogg' | 'exe' | 'elf' | 'binary';

/** Each kind of content as the page names it. */
export const CONTENT_NAMES: Readonly<Record<Content, string>> = {
  text: 'a text file',
  html: 'a web page (HTML)',
  xml: 'an XML file',
  json: 'a JSON file',
  zip: 'a ZIP archive',
  gzip: 'a gzip archive',
  rar: 'a RAR archive',
  '7z': 'a 7-Zip archive',
  mp3: 'an MP3 audio file',
  wav: 'a WAV audio file',
  ogg: 'an Ogg audio or video file',
  exe: 'a Windows program',
  elf: 'a Linux program',
  binary: 'binary data of a kind Tilelab does not know',
};

/** Magic numbers of common files that are not images, checked in this order. */
const MAGIC: readonly (readonly [Content, (b: Uint8Array) => boolean])[] = [
  ['zip', (b) => ascii(b, 0, 2) === 'PK' && [0x0304, 0x0506, 0x0708].includes(u16be(b, 2))],
  ['gzip', (b) => byte(b, 0) === 0x1f && byte(b, 1) === 0x8b],
  ['rar', (b) => ascii(b, 0, 4) === 'Rar!'],
  ['7z', (b) => ascii(b, 0, 2) === '7z' && u32be(b, 2) === 0xbcaf271c],
  ['mp3', (b) => ascii(b, 0, 3) === 'ID3' || (byte(b, 0) === 0xff && (byte(b, 1) & 0xe0) === 0xe0)],
  ['wav', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE'],
  ['ogg', (b) => ascii(b, 0, 4) === 'OggS'],
  ['exe', (b) => ascii(b, 0, 2) === 'MZ'],
  ['elf', (b) => ascii(b, 0, 4) === '\x7fELF'],
];

/**
 * Whether the bytes read as UTF-8 text: no control characters but tab, line breaks, form feed
 * and escape, and well-formed multi-byte sequences (one cut off by the end of the header is fine).
 */
function isText(b: Uint8Array): boolean {
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < b.length) {
    const c = byte(b, i);
    if (c < 0x80) {
      if ((c < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d, 0x1b].includes(c)) || c === 0x7f) return false;
      i++;
      continue;
    }
    const extra = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 && c < 0xe0 ? 1 : -1;
    if (extra < 0 || c > 0xf4) return false;
    for (let k = 1; k <= extra; k++) if (i + k < b.length && (byte(b, i + k) & 0xc0) !== 0x80) return false;
    i += extra + 1;
  }
  return true;
}

/** What bytes that are no image are; `head` is their start as lower-case text, without leading spaces. */
function contentOf(b: Uint8Array, head: string): Content {
  for (const [kind, test] of MAGIC) if (test(b)) return kind;
  if (!isText(b.subarray(0, 4096))) return 'binary';
  if (head.startsWith('<!doctype html') || /^<(html|head|body)[\s>]/.test(head)) return 'html';
  if (head.startsWith('<?xml')) return 'xml';
  if (/^[{[]\s*["{[\d\]}]/.test(head)) return 'json';
  return 'text';
}

/** Image types a file may claim by its extension or MIME type, as the page names them. */
const CLAIMS: Readonly<Record<string, string>> = {
  jpg: 'JPEG',
  jpeg: 'JPEG',
  jfif: 'JPEG',
  png: 'PNG',
  gif: 'GIF',
  webp: 'WebP',
  bmp: 'BMP',
  avif: 'AVIF',
  heic: 'HEIC',
  heif: 'HEIC',
  tif: 'TIFF',
  tiff: 'TIFF',
};

/** The image format a file claims to be ("JPEG"), by its extension, else its MIME type; null if it claims none. */
export function claimedImage(name: string, type: string): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const fromExt = ext ? CLAIMS[ext] : undefined;
  if (fromExt) return fromExt;
  const sub = /^image\/([\w.+-]+)$/i.exec(type)?.[1]?.toLowerCase();
  return sub ? (CLAIMS[sub] ?? sub.toUpperCase()) : null;
}

/**
 * Why a file that is no image cannot be used, by what it is rather than what it claims:
 * "“notes.jpg” is a text file, not a JPEG image."
 */
export function notAnImage(name: string, type: string, content: Content): string {
  const claimed = claimedImage(name, type);
  const who = name ? `“${name}”` : 'This file';
  return `${who} is ${CONTENT_NAMES[content]}, not ${claimed ? `${/^[AEIOU]/.test(claimed) ? 'an' : 'a'} ${claimed} image` : 'an image'}. Try a JPEG, PNG, WebP or GIF photo.`;
}
