import type { Inspection } from '../engine/decode-api.js';
import type { LoadResult } from '../engine/image-io.js';
import type { LoadedPhoto } from '../engine/job.js';
import { formatMs } from '../core/stats.js';
import { formatMegapixels } from '../core/sizes.js';
import type { FileProblem, MessageStore } from './messages.js';
import type { QueueItem } from './tl-photo-queue.js';
import { messageOf } from '../core/errors.js';

export const SAMPLE_ID = 'sample';
const SAMPLE_NAME = 'Sample: lake at sunset';

/** Where photos come from: the decode worker in the page, fakes in unit tests. */
export interface PhotoSource {
  inspect(file: File): Promise<Inspection>;
  load(item: QueueItem): Promise<LoadResult>;
  /** The sample's thumbnail, without decoding the sample: the queue shows it even while another photo is chosen. */
  sampleThumb(): Promise<ImageBitmap>;
}

export interface LibraryHooks {
  /** Called when the selection changes, before decoding: stop whatever ran on the old photo. */
  readonly leaving: () => void;
  readonly status: (text: string) => void;
  readonly changed: () => void;
  /** The queue or the selection changed: the moment to keep them for the next visit. */
  readonly queueChanged?: () => void;
}

/** A photo kept from an earlier visit. */
export interface RestoredPhoto {
  readonly id: string;
  readonly name: string;
  readonly file: Blob;
  readonly downscale: boolean;
}

/**
 * The photo queue and the selected photo. Files are checked and decoded off the page's thread;
 * a file that cannot be used is named in a message, and nothing already loaded is lost: a failed
 * decode leaves the previous photo on screen.
 */
export class PhotoLibrary {
  queue: readonly QueueItem[] = [];
  selectedId: string | null = null;
  photo: LoadedPhoto | null = null;
  bitmap: ImageBitmap | null = null;
  loading = false;
  private selectCall = 0;
  private nextId = 0;

  constructor(
    private readonly source: PhotoSource,
    private readonly messages: MessageStore,
    private readonly hooks: LibraryHooks,
  ) {}

  /** The built-in sample, first in the queue, selected. */
  async addSample(): Promise<void> {
    this.listSample();
    await this.select(SAMPLE_ID);
  }

  /**
   * The sample first in the queue, not yet chosen: the page lists it in its first drawing, before
   * the history says which photo to decode, so the queue does not grow under the photo later.
   */
  listSample(): void {
    if (this.queue.some((q) => q.id === SAMPLE_ID)) return;
    this.queue = [{ id: SAMPLE_ID, name: SAMPLE_NAME, file: null, thumb: null, downscale: false }, ...this.queue];
    this.hooks.changed();
    void this.sampleThumb();
  }

  /** A thumbnail is a nicety: if it cannot be made, the queue shows the name alone. */
  private async sampleThumb(): Promise<void> {
    try {
      const thumb = await this.source.sampleThumb();
      if (!this.queue.some((q) => q.id === SAMPLE_ID && !q.thumb)) {
        thumb.close();
        return;
      }
      this.queue = this.queue.map((q) => (q.id === SAMPLE_ID && !q.thumb ? { ...q, thumb } : q));
      this.hooks.changed();
    } catch {
      // The name stays in the queue; the sample still decodes when chosen.
    }
  }

  /**
   * Queue photos, one at a time off the main thread; the first one that can be used becomes the
   * selected photo. Every file that cannot be used is named, with a downscale offer where one fits.
   */
  async addFiles(files: readonly File[]): Promise<void> {
    let first = true;
    const problems: FileProblem[] = [];
    for (const file of files) {
      const name = file.name || 'pasted image';
      let checked: Inspection;
      try {
        checked = await this.source.inspect(file);
      } catch (e) {
        problems.push({ name, reason: `“${name}” could not be checked: ${messageOf(e)}` });
        continue;
      }
      if (!checked.ok) {
        const fit = checked.fit;
        const offer = fit ? { label: 'Downscale and add', run: () => this.enqueue(file, null, true, true) } : undefined;
        problems.push({ name, reason: checked.message, ...(offer ? { offer } : {}) });
        continue;
      }
      for (const n of checked.notes) this.messages.note(n);
      this.enqueue(file, checked.thumb, false, first);
      first = false;
    }
    this.messages.sayFiles(problems);
  }

  enqueue(file: File, thumb: ImageBitmap | null, downscale: boolean, select: boolean): void {
    const id = `photo-${++this.nextId}`;
    this.queue = [...this.queue, { id, name: file.name || 'pasted image', file, thumb, downscale }];
    this.hooks.changed();
    this.hooks.queueChanged?.();
    if (select) void this.select(id);
  }

  /**
   * The queue of an earlier visit, after the sample, with the same ids (runs name photos by id,
   * so the charts find their runs again); the photo selected then is decoded, else the sample.
   */
  async restore(photos: readonly RestoredPhoto[], selectedId: string | null): Promise<void> {
    const known = new Set(this.queue.map((q) => q.id));
    const items = photos
      .filter((p) => !known.has(p.id) && p.id !== SAMPLE_ID)
      .map((p) => ({
        id: p.id,
        name: p.name,
        file: p.file instanceof File ? p.file : new File([p.file], p.name),
        thumb: null,
        downscale: p.downscale,
      }));
    for (const item of items) this.nextId = Math.max(this.nextId, Number(/^photo-(\d+)$/.exec(item.id)?.[1] ?? 0));
    this.queue = [...this.queue.filter((q) => q.id === SAMPLE_ID), ...items, ...this.queue.filter((q) => q.id !== SAMPLE_ID)];
    this.listSample();
    this.hooks.changed();
    const chosen = selectedId !== null && this.queue.some((q) => q.id === selectedId) ? selectedId : SAMPLE_ID;
    await this.select(chosen);
    void this.restoreThumbs(items.filter((i) => i.id !== chosen));
  }

  /** Thumbnails of the photos not chosen, one at a time, after the chosen one is on screen. */
  private async restoreThumbs(items: readonly { readonly id: string; readonly file: File }[]): Promise<void> {
    for (const item of items) await this.restoreThumb(item.id, item.file);
  }

  private async restoreThumb(id: string, file: File): Promise<void> {
    try {
      const checked = await this.source.inspect(file);
      if (!checked.ok) return;
      const thumb = checked.thumb;
      this.queue = this.queue.map((q) => (q.id === id && !q.thumb ? { ...q, thumb } : q));
      this.hooks.changed();
    } catch {
      // The name stays in the queue; the photo still decodes when chosen.
    }
  }

  /** "Clear history": the queue goes back to the sample alone, selected. */
  async reset(): Promise<void> {
    this.queue = this.queue.filter((q) => q.id === SAMPLE_ID);
    this.hooks.changed();
    await this.addSample();
  }

  /** Decode the chosen photo; a newer choice wins over a decode still under way. */
  async select(id: string): Promise<void> {
    const item = this.queue.find((q) => q.id === id);
    if (!item) return;
    const call = ++this.selectCall;
    this.hooks.leaving();
    this.selectedId = id;
    this.loading = true;
    this.hooks.status(`Decoding ${item.name}…`);
    this.hooks.changed();
    let result: LoadResult;
    try {
      result = await this.source.load(item);
    } catch (e) {
      result = { ok: false, message: `“${item.name}” could not be decoded: ${messageOf(e)}` };
    }
    if (call !== this.selectCall) {
      if (result.ok) {
        result.bitmap.close();
        result.thumb.close();
      }
      return;
    }
    this.loading = false;
    if (!result.ok) {
      // The photo on screen stays; the selection goes back to it.
      this.selectedId = this.photo ? this.photo.info.key : null;
      this.messages.say(result.message);
      this.hooks.status('');
      this.hooks.changed();
      return;
    }
    for (const n of result.notes) this.messages.note(n);
    // The decode made a thumbnail too; the queue keeps the first one it got.
    if (!item.thumb) {
      const thumb = result.thumb;
      this.queue = this.queue.map((q) => (q.id === id ? { ...q, thumb } : q));
    } else result.thumb.close();
    if (item.downscale)
      this.messages.say(
        `“${item.name}” was downscaled to ${result.photo.info.width} × ${result.photo.info.height} px to fit the browser's limits.`,
      );
    this.photo = result.photo;
    this.bitmap?.close();
    this.bitmap = result.bitmap;
    const { width, height, decodeMs } = result.photo.info;
    this.hooks.queueChanged?.();
    this.hooks.status(
      `${item.name}: ${width} × ${height} px (${formatMegapixels(width, height)}), decoded in ${formatMs(decodeMs)}. Ready to run.`,
    );
    this.hooks.changed();
  }
}
