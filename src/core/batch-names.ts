/**
 * What a batch saves each photo as: its name, the filter and its parameters, and a format that
 * follows the photo's own. The mode, workers and kernel are left out on purpose: every one of
 * them gives the same bytes, so they do not change the file.
 */
import { filterTag, stem } from './file-names.js';
import type { FilterSpec } from './filters.js';
import type { Format } from './sniff.js';

export type OutputFormat = 'jpeg' | 'png';

/**
 * JPEG quality of a batch's JPEG output, 0…1: the browser's own default for `toBlob`, high
 * enough that filtered photos show no blocks, about a tenth the size of the PNG.
 */
export const JPEG_QUALITY = 0.92;

export interface OutputFormatInfo {
  readonly mime: string;
  readonly extension: string;
  /** For lossy formats; undefined for PNG. */
  readonly quality?: number;
  readonly label: string;
}

export const OUTPUT_FORMATS: Readonly<Record<OutputFormat, OutputFormatInfo>> = {
  jpeg: { mime: 'image/jpeg', extension: 'jpg', quality: JPEG_QUALITY, label: `JPEG (quality ${Math.round(JPEG_QUALITY * 100)})` },
  png: { mime: 'image/png', extension: 'png', label: 'PNG' },
};

/** The format a photo is saved in: JPEG for a JPEG, PNG for anything else (lossless, keeps transparency). */
export const outputFormatFor = (input: Format): OutputFormat => (input === 'jpeg' ? 'jpeg' : 'png');

/** "lake-at-sunset-median-r3.jpg": the photo's stem, the filter with its parameters, the format's extension. */
export const batchEntryName = (photoName: string, filter: FilterSpec, format: OutputFormat): string =>
  `${stem(photoName)}-${filterTag(filter)}.${OUTPUT_FORMATS[format].extension}`;

/**
 * `name`, or "name-2.ext", "name-3.ext"… if it is already `taken`; the name returned is added to
 * `taken`, so two photos called the same never overwrite each other in one ZIP or folder.
 */
export function uniqueName(name: string, taken: Set<string>): string {
  const dot = name.lastIndexOf('.');
  const [base, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  let chosen = name;
  for (let n = 2; taken.has(chosen.toLowerCase()); n++) chosen = `${base}-${n}${ext}`;
  taken.add(chosen.toLowerCase());
  return chosen;
}
