import { createRunTables, runTablesBytes, type RunTables } from '../core/run-tables.js';
import type { PhotoInfo, RunOutcome, RunRecord, RunSettings } from '../core/record.js';
import { countTiles } from '../core/tiling.js';
import { epochMs, ms } from '../core/types.js';
import { finishedSpans } from '../core/run-tables.js';
import { sharedNow } from './clock.js';
import { sha256Hex } from './digest.js';
import { FrameMeter } from './frame-meter.js';
import { LongTaskWatch } from './long-tasks.js';
import { runParallelMessages } from './message-passing.js';
import { newBuffer, type Planes } from './planes.js';
import type { WorkerFault, WorkerPool } from './pool.js';
import { runBlocking, type MainThreadJob } from './run-blocking.js';
import { runConcurrent, type IdleScheduler } from './run-concurrent.js';
import { runParallelShared } from './run-parallel.js';

export interface LoadedPhoto {
  readonly info: PhotoInfo;
  readonly planes: Planes;
}

export interface RunDeps {
  readonly pool: WorkerPool;
  readonly idle: IdleScheduler;
}

export interface RunHandle {
  /** Live progress: read once a frame to draw finished tiles. */
  readonly tables: RunTables;
  readonly settings: RunSettings;
  readonly record: Promise<RunRecord>;
}

interface Filtered {
  readonly faults: readonly WorkerFault[];
  readonly slices: number;
  /** Longest main-thread stretch measured by the run itself. */
  readonly mainMs: number;
  readonly bytesCopied: number;
}

const nextFrame = (): Promise<void> =>
  new Promise((r) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => r()) : setTimeout(r, 0)));
const nextTask = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Settings as they can run here: message passing where memory cannot be shared. */
export function effectiveSettings(s: RunSettings, planes: Planes): RunSettings {
  const workers = s.mode === 'parallel' ? Math.max(1, Math.round(s.workers)) : 1;
  const memory = s.mode === 'parallel' && planes.shared ? s.memory : 'message';
  return { ...s, workers, memory: s.mode === 'parallel' ? memory : 'shared' };
}

async function filter(photo: LoadedPhoto, s: RunSettings, tables: RunTables, deps: RunDeps, signal: AbortSignal): Promise<Filtered> {
  const job: MainThreadJob = { planes: photo.planes, spec: s.filter, tileSize: s.tileSize, tables, region: s.region };
  switch (s.mode) {
    case 'blocking': {
      const t0 = performance.now();
      if (!signal.aborted) runBlocking(job);
      return { slices: 1, mainMs: performance.now() - t0, bytesCopied: 0, faults: [] };
    }
    case 'concurrent': {
      const r = await runConcurrent(job, signal, deps.idle);
      return { slices: r.slices, mainMs: r.longestSliceMs, bytesCopied: 0, faults: [] };
    }
    case 'parallel': {
      const lanes = await deps.pool.lanes(s.workers);
      const pjob = { ...job, schedule: s.schedule, lanes };
      if (s.memory === 'shared') {
        const r = await runParallelShared(pjob, signal);
        return { slices: 0, mainMs: 0, bytesCopied: 0, faults: r.faults };
      }
      const r = await runParallelMessages(pjob, signal);
      return { slices: 0, mainMs: 0, bytesCopied: r.bytesCopied, faults: r.faults };
    }
  }
}

/**
 * Start one run of `photo` with `settings`. The returned tables fill in as tiles finish; the
 * record settles once the run ended (done, cancelled or failed) and the output is hashed.
 */
export function startRun(id: number, photo: LoadedPhoto, settings: RunSettings, deps: RunDeps, signal: AbortSignal): RunHandle {
  const s = effectiveSettings(settings, photo.planes);
  const { width, height } = photo.planes;
  const tiles = countTiles(width, height, s.tileSize);
  const shareTables = s.mode === 'parallel' && s.memory === 'shared';
  const tables = createRunTables(newBuffer(runTablesBytes(tiles), shareTables), tiles);

  const record = (async (): Promise<RunRecord> => {
    // Starting workers is not part of the run; a pool that cannot start fails the run below.
    const startError = s.mode === 'parallel' ? await deps.pool.lanes(s.workers).then(() => null, messageOf) : null;
    if (s.mode === 'blocking') {
      // Let the page paint "running" first; the loop then runs in a timer task of its own.
      await nextFrame();
      await nextTask();
    }
    const watch = new LongTaskWatch().start();
    const frames = new FrameMeter().start();
    const startedAt = sharedNow();
    let outcome: RunOutcome = 'done';
    let error: string | undefined;
    let filtered: Filtered = { slices: 0, mainMs: 0, bytesCopied: 0, faults: [] };
    try {
      if (startError) throw new Error(startError);
      filtered = await filter(photo, s, tables, deps, signal);
    } catch (e) {
      outcome = 'failed';
      error = messageOf(e);
    }
    const wall = sharedNow() - startedAt;
    const frameStats = frames.stop();
    const tasks = await watch.stop();
    const spans = finishedSpans(tables);
    if (outcome === 'done' && spans.length < tiles) outcome = 'cancelled';
    // A worker that failed is replaced, so the next run starts with a full pool.
    for (const f of filtered.faults) deps.pool.replace(f.lane);
    const faults = filtered.faults.map((f) => `${f.message}; its unfinished tiles were filtered by the other workers, and it was replaced.`);

    let digest: string | null = null;
    const r0 = performance.now();
    if (outcome === 'done') {
      try {
        digest = photo.planes.shared
          ? await (await deps.pool.lanes(1))[0]!.api.digest(photo.planes.dst)
          : await sha256Hex(photo.planes.dst);
      } catch (e) {
        outcome = 'failed';
        error = `the output could not be read back: ${messageOf(e)}`;
      }
    }
    return {
      id,
      photo: photo.info,
      settings: s,
      outcome,
      ...(error === undefined ? {} : { error }),
      tiles,
      tilesDone: spans.length,
      startedAt: epochMs(startedAt),
      wallMs: ms(wall),
      readbackMs: ms(performance.now() - r0),
      longestTaskMs: ms(Math.max(tasks.longestMs, filtered.mainMs)),
      longTaskTotalMs: ms(tasks.totalMs),
      longestFrameGapMs: ms(frameStats.longestGapMs),
      droppedFrames: frameStats.droppedFrames,
      slices: filtered.slices,
      spans,
      digest,
      bytesCopied: filtered.bytesCopied,
      faults,
    };
  })();
  return { tables, settings: s, record };
}
