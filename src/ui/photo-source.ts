import { inspectFile, loadPhoto, loadSample } from '../engine/image-io.js';
import type { PhotoSource } from './photo-library.js';

/** Photos as the browser gives them: files sniffed and decoded in the decode worker, the sample painted there, thumbnails by the browser. */
export const browserPhotoSource = (sharedMemory: boolean): PhotoSource => ({
  inspect: inspectFile,
  load: (item) => (item.file ? loadPhoto(item.file, item.id, sharedMemory, item.downscale) : loadSample(item.id, sharedMemory)),
  thumbnail: (full) => {
    const scale = 160 / Math.max(full.width, full.height);
    return createImageBitmap(full, { resizeWidth: Math.round(full.width * scale), resizeHeight: Math.round(full.height * scale) });
  },
});
