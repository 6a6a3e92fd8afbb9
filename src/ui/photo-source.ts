import { inspectFile, loadPhoto, loadSample, SAMPLE_SIZE } from '../engine/image-io.js';
import type { PhotoSource } from './photo-library.js';
import { displaySide } from './view-size.js';

/**
 * Photos as the browser gives them: files sniffed and decoded, the sample painted, and the shown
 * bitmap and thumbnails scaled, all in the decode worker: the page's thread only copies pixels.
 */
export const browserPhotoSource = (sharedMemory: boolean): PhotoSource => ({
  inspect: inspectFile,
  load: (item) =>
    item.file
      ? loadPhoto(item.file, item.id, sharedMemory, item.downscale, undefined, displaySide())
      : loadSample(item.id, sharedMemory, SAMPLE_SIZE, undefined, displaySide()),
});
