import { resultName as nameOfResult } from '../core/file-names.js';
import type { RunRecord } from '../core/record.js';
import { encodePng } from '../engine/image-io.js';
import type { Planes } from '../engine/planes.js';

/** Save a blob under a file name, the way a link with `download` does. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The file a run's result is saved as: photo, filter and parameters, mode, workers and kernel. */
export const resultName = (r: RunRecord): string => nameOfResult(r.photo.name, r.settings);

/** Encode the output plane as a full-size PNG (in the decode worker) and save it; says what was saved. */
export async function saveResult(planes: Planes, name: string): Promise<string> {
  saveBlob(await encodePng(planes.dst, planes.width, planes.height), name);
  return `Saved ${name} (${planes.width} × ${planes.height} px).`;
}
