import { Zip, ZipPassThrough } from 'fflate';
import { uniqueName } from '../core/batch-names.js';

/** Where a batch's results end up: what `runBatch`'s save stage writes each photo to. */
export interface BatchSink {
  readonly kind: 'zip' | 'folder';
  /**
   * Write one file; resolves with the name it was written under (`name`, or "name-2.jpg" when a
   * file of that name is already there), once it is written.
   */
  save(name: string, data: Blob, signal?: AbortSignal): Promise<string>;
  /** After the last save, or a cancel: the ZIP with every file saved so far, or the folder's name. */
  finish(): Promise<BatchOutput>;
}

export type BatchOutput =
  | { readonly kind: 'zip'; readonly blob: Blob; readonly entries: readonly string[] }
  | { readonly kind: 'folder'; readonly folder: string; readonly entries: readonly string[] };

/**
 * A ZIP made as the photos are saved (fflate's streaming `Zip`). Photos are JPEG or PNG, already
 * compressed, so entries are stored as they are: deflating them again costs time and saves
 * nothing. Each chunk becomes a Blob part at once, so the browser may keep the archive outside
 * the page's heap; `onChunk` sees the same bytes for a caller that streams them on.
 */
export function zipSink(onChunk?: (chunk: Uint8Array) => void): BatchSink {
  const parts: Blob[] = [];
  const entries: string[] = [];
  const taken = new Set<string>();
  let failed: Error | null = null;
  let finished: (blob: Blob) => void = () => {};
  let broke: (e: Error) => void = () => {};
  const done = new Promise<Blob>((resolve, reject) => {
    finished = resolve;
    broke = reject;
  });
  const zip = new Zip((err, chunk, final) => {
    if (err) {
      failed = err;
      broke(err);
      return;
    }
    parts.push(new Blob([chunk]));
    onChunk?.(chunk);
    if (final) finished(new Blob(parts, { type: 'application/zip' }));
  });
  let ended = false;

  return {
    kind: 'zip',
    async save(name, data, signal) {
      if (ended) throw new Error('the ZIP was already finished');
      const bytes = new Uint8Array(await data.arrayBuffer());
      signal?.throwIfAborted();
      if (failed) throw failed;
      const chosen = uniqueName(name, taken);
      const entry = new ZipPassThrough(chosen);
      entry.mtime = Date.now();
      zip.add(entry);
      entry.push(bytes, true);
      entries.push(chosen);
      return chosen;
    },
    async finish() {
      if (!ended) zip.end();
      ended = true;
      return { kind: 'zip', blob: await done, entries: [...entries] };
    },
  };
}

/** The parts of the File System Access API a folder sink uses (met by `FileSystemDirectoryHandle`). */
export interface FolderLike {
  readonly name: string;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<{ createWritable(): Promise<WritableLike> }>;
}

interface WritableLike {
  write(data: Blob): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}

/** Whether a file of this name is in the folder already: its handle without `create` rejects if not. */
async function exists(folder: FolderLike, name: string): Promise<boolean> {
  try {
    await folder.getFileHandle(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Each photo written straight into a folder the user chose, as it is saved. A file already in
 * the folder is never overwritten: the new one takes the next free name.
 */
export function folderSink(folder: FolderLike): BatchSink {
  const taken = new Set<string>();
  const entries: string[] = [];
  return {
    kind: 'folder',
    async save(name, data, signal) {
      let chosen = uniqueName(name, taken);
      while (await exists(folder, chosen)) chosen = uniqueName(name, taken);
      signal?.throwIfAborted();
      const file = await folder.getFileHandle(chosen, { create: true });
      const out = await file.createWritable();
      try {
        await out.write(data);
        await out.close();
      } catch (e) {
        await out.abort(e).catch(() => {});
        throw e;
      }
      entries.push(chosen);
      return chosen;
    },
    finish: () => Promise.resolve({ kind: 'folder', folder: folder.name, entries: [...entries] }),
  };
}

type DirectoryPicker = (options?: { mode?: 'read' | 'readwrite'; id?: string }) => Promise<FolderLike>;

const directoryPicker = (): DirectoryPicker | null => {
  const picker: unknown = Reflect.get(globalThis, 'showDirectoryPicker');
  return typeof picker === 'function' ? (picker as DirectoryPicker).bind(globalThis) : null;
};

/** Whether this browser can save a batch into a folder (File System Access API, in a secure, top-level page). */
export const canSaveToFolder = (): boolean => directoryPicker() !== null;

/**
 * The sink for a batch: a folder the user picks where the browser offers it and `preferFolder`
 * is set, else a ZIP. Call it straight from the click (the picker needs the user's gesture).
 * Resolves with null when the user closes the picker without choosing: nothing should start.
 */
export async function chooseBatchSink(preferFolder: boolean): Promise<BatchSink | null> {
  const pick = preferFolder ? directoryPicker() : null;
  if (!pick) return zipSink();
  try {
    return folderSink(await pick({ mode: 'readwrite', id: 'tilelab-batch' }));
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return null;
    // Refused (a cross-origin frame, a policy): the ZIP still works.
    return zipSink();
  }
}
