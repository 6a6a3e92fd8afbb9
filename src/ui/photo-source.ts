import { paintSample } from '../core/sample.js';
import { inspectFile, loadPhoto, loadSample, SAMPLE_SIZE } from '../engine/image-io.js';
import { THUMB_SIDE } from '../engine/planes.js';
import type { PhotoSource } from './photo-library.js';
import { displaySide } from './view-size.js';

/**
 * Photos as the browser gives them: files sniffed and decoded, the sample painted, and the shown
 * bitmap and thumbnails scaled, all in the decode worker (the page only paints the sample’s small thumbnail).
 */
export const browserPhotoSource = (sharedMemory: boolean): PhotoSource => ({
  inspect: inspectFile,
  load: (item) =>
    item.file
      ? loadPhoto(item.file, item.id, sharedMemory, { downscale: item.downscale, side: displaySide() })
      : loadSample(item.id, sharedMemory, { side: displaySide() }),
  // Painted at thumbnail size (the sample is drawn from its shapes at any size): 17,000 pixels, about a millisecond.
  sampleThumb: () => {
    const width = THUMB_SIDE;
    const height = Math.round((THUMB_SIDE * SAMPLE_SIZE.height) / SAMPLE_SIZE.width);
    const rgba = new Uint8Array(width * height * 4);
    paintSample(width, height, rgba);
    return createImageBitmap(new ImageData(new Uint8ClampedArray(rgba.buffer), width, height));
  },
});
