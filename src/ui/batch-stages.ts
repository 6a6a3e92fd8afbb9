import { batchEntryName, OUTPUT_FORMATS, outputFormatFor, type OutputFormat } from '../core/batch-names.js';
import { runBatch, type BatchOptions, type BatchStages, type BatchSummary } from '../core/batch.js';
import type { RunRecord, RunSettings } from '../core/record.js';
import { sniff } from '../core/sniff.js';
import type { DecodeApi } from '../engine/decode-api.js';
import { loadPhoto, loadSample, newDecodeWorker, type LoadResult } from '../engine/image-io.js';
import { THUMB_SIDE } from '../engine/planes.js';
import { KernelMemoryPool, type KernelMemory } from '../engine/simd/memory.js';
import { startRun, type LoadedPhoto, type RunDeps, type RunHandle } from '../engine/run.js';
import { WorkerHost } from '../engine/worker-host.js';
import type { BatchOutput, BatchSink } from './batch-zip.js';
import type { QueueItem } from './tl-photo-queue.js';

/**
 * A worker of its own for encoding: the decode worker is busy decoding the next photo, and the
 * lesson is that encoding photo k−1 overlaps both that and the filtering of photo k.
 */
export const encodeWorker = new WorkerHost<DecodeApi>({ worker: 'encode', factory: newDecodeWorker });

/** A photo of the queue: a file, or the sample (no file), as `QueueItem` has them. */
export type BatchPhoto = Pick<QueueItem, 'id' | 'name' | 'file' | 'downscale'>;

/** Bytes read from a photo's file, with the format its first bytes say. */
interface ReadPhoto {
  readonly item: BatchPhoto;
  readonly file: File | null;
  readonly format: OutputFormat;
}

interface Filtered {
  readonly photo: LoadedPhoto;
  readonly record: RunRecord;
  readonly format: OutputFormat;
}

interface Encoded {
  readonly name: string;
  readonly blob: Blob;
}

export interface BatchEngine {
  readonly deps: RunDeps;
  /** Whether pixels may live in shared memory (the page is cross-origin isolated). */
  readonly sharedMemory: boolean;
  readonly sink: BatchSink;
  /** The format every photo is saved in; by default each follows its photo (JPEG stays JPEG, else PNG). */
  readonly format?: OutputFormat;
  /** Each photo's filter run as it starts (its tables fill in live) and when it ended. */
  readonly onRunStart?: (index: number, handle: RunHandle) => void;
  readonly onRun?: (index: number, record: RunRecord) => void;
}

/** Nothing of a batch's photos is shown: the decode's display bitmap is made at thumbnail size, not the screen's. */
const BATCH_SHOWN_SIDE = THUMB_SIDE;

const loaded = (r: LoadResult): LoadedPhoto => {
  if (!r.ok) throw new Error(r.message);
  // The page shows the photo it has selected; a batch needs only the pixels.
  r.bitmap.close();
  r.thumb.close();
  return r.photo;
};

/**
 * The five stages of a batch on this page's engine: the file read into memory, decoded in the
 * decode worker, filtered by `startRun` with the page's settings (mode, kernel, workers), encoded
 * in a worker of its own, and written to the sink.
 */
export function batchStages(
  settings: RunSettings,
  engine: BatchEngine,
  pool: KernelMemoryPool = new KernelMemoryPool(),
): BatchStages<BatchPhoto, ReadPhoto, { photo: LoadedPhoto; format: OutputFormat }, Filtered, Encoded, AbortSignal> {
  let runId = 1;
  // The batch's kernel memories (as many as photos in flight) are in `pool`, each handed on when its photo leaves.
  const held = new Map<number, KernelMemory>();
  return {
    async read(item) {
      if (!item.file) return { item, file: null, format: engine.format ?? 'png' };
      const bytes = new Uint8Array(await item.file.arrayBuffer());
      const format = engine.format ?? outputFormatFor(sniff(bytes.subarray(0, 1 << 16)).format);
      return { item, file: new File([bytes], item.name, { type: item.file.type }), format };
    },
    async decode({ item, file, format }, index, signal) {
      const options = { signal, side: BATCH_SHOWN_SIDE, pool };
      const r = file
        ? await loadPhoto(file, item.id, engine.sharedMemory, { ...options, downscale: item.downscale })
        : await loadSample(item.id, engine.sharedMemory, options);
      const photo = loaded(r);
      if (photo.planes.kernelMemory) held.set(index, photo.planes.kernelMemory);
      return { photo, format };
    },
    async filter({ photo, format }, index, signal) {
      const handle = startRun(runId++, photo, settings, engine.deps, signal);
      engine.onRunStart?.(index, handle);
      const record = await handle.record;
      engine.onRun?.(index, record);
      if (record.outcome !== 'done') throw new Error(record.error ?? `the filter was ${record.outcome}`);
      return { photo, record, format };
    },
    async encode({ photo, format }, _i, signal) {
      const { dst, width, height } = photo.planes;
      const { mime, quality } = OUTPUT_FORMATS[format];
      const blob = await encodeWorker.call((api) => api.encode(dst, width, height, mime, quality), signal);
      return { name: batchEntryName(photo.info.name, settings.filter, format), blob };
    },
    save: ({ name, blob }, _i, signal) => engine.sink.save(name, blob, signal),
    left(index) {
      const km = held.get(index);
      held.delete(index);
      if (km) pool.give(km);
    },
  };
}

/**
 * Filter every photo of `photos` with `settings` and save the results to `engine.sink`:
 * resolves with the batch's summary, the sink's output (the ZIP, or the folder) and how many
 * kernel memories the batch reserved for its photos' pixels, also after a cancel (with what was
 * saved until then).
 */
export async function filterAll(
  photos: readonly BatchPhoto[],
  settings: RunSettings,
  engine: BatchEngine,
  options: BatchOptions<AbortSignal>,
): Promise<{ summary: BatchSummary; output: BatchOutput; kernelMemories: number }> {
  const pool = new KernelMemoryPool();
  const summary = await runBatch(photos, batchStages(settings, engine, pool), options);
  return { summary, output: await engine.sink.finish(), kernelMemories: pool.created };
}
