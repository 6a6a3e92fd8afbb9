import type { RunOutcome, RunRecord, RunSettings } from '../core/record.js';
import { finishedSpans, type RunTables } from '../core/run-tables.js';
import { epochMs, ms } from '../core/types.js';
import { sharedNow } from './clock.js';
import { sha256Hex } from './digest.js';
import { FrameMeter } from './frame-meter.js';
import { planJob, type LoadedPhoto, type RunJob } from './job.js';
import { LongTaskWatch } from './long-tasks.js';
import { RUNNERS, type ModeResult, type RunDeps } from './modes.js';
import { AllWorkersFailed, messageOf } from '../core/errors.js';

export type { LoadedPhoto, RunJob } from './job.js';
export type { RunDeps } from './modes.js';

export interface RunHandle {
  /** Live progress: read a few times a second to draw finished tiles. */
  readonly tables: RunTables;
  readonly settings: RunSettings;
  readonly record: Promise<RunRecord>;
}

/** The mode's run, timed and observed; a run that cannot start or throws ends as 'failed', never as a rejection. */
async function filter(job: RunJob, deps: RunDeps, signal: AbortSignal) {
  const runner = RUNNERS[job.settings.mode];
  let error: string | null = null;
  try {
    await runner.prepare(job, deps);
  } catch (e) {
    error = messageOf(e);
  }
  const watch = new LongTaskWatch().start();
  const frames = new FrameMeter().start();
  const startedAt = sharedNow();
  let result: ModeResult = { slices: 0, mainMs: 0, bytesCopied: 0, faults: [] };
  if (error === null) {
    try {
      result = await runner.run(job, deps, signal);
    } catch (e) {
      error = messageOf(e);
      // Each worker that failed is still named and replaced, though the run could not finish.
      if (e instanceof AllWorkersFailed) result = { ...result, faults: e.faults as ModeResult['faults'] };
    }
  }
  const wallMs = sharedNow() - startedAt;
  return { startedAt, wallMs, frames: frames.stop(), tasks: await watch.stop(), result, error };
}

/** SHA-256 of the output, hashed in a worker when the pixels are shared (the page stays free). */
function digestOf(job: RunJob, deps: RunDeps): Promise<string> {
  const { planes } = job;
  if (!planes.shared) return sha256Hex(planes.dst);
  return deps.pool.call(0, (api) => api.digest(planes.dst));
}

/**
 * Start one run of `photo` with `settings`. The returned tables fill in as tiles finish; the
 * record settles once the run ended (done, cancelled or failed) and the output is hashed.
 */
export function startRun(id: number, photo: LoadedPhoto, settings: RunSettings, deps: RunDeps, signal: AbortSignal): RunHandle {
  const job = planJob(photo, settings);
  const { tables, grid } = job;

  const record = (async (): Promise<RunRecord> => {
    const f = await filter(job, deps, signal);
    const spans = finishedSpans(tables);
    let outcome: RunOutcome = f.error !== null ? 'failed' : spans.length < grid.count ? 'cancelled' : 'done';
    let error = f.error;
    // A worker that failed is replaced, so the next run starts with a full pool.
    for (const fault of f.result.faults) deps.pool.replace(fault.lane);
    const after = outcome === 'failed' ? 'it was replaced' : 'its unfinished tiles were filtered by the other workers, and it was replaced';
    const faults = f.result.faults.map((x) => `${x.message}; ${after}.`);

    let digest: string | null = null;
    const r0 = performance.now();
    if (outcome === 'done') {
      try {
        digest = await digestOf(job, deps);
      } catch (e) {
        outcome = 'failed';
        error = `the output could not be read back: ${messageOf(e)}`;
      }
    }
    return {
      id,
      photo: photo.info,
      settings: job.settings,
      outcome,
      ...(error === null ? {} : { error }),
      tiles: grid.count,
      tilesDone: spans.length,
      startedAt: epochMs(f.startedAt),
      wallMs: ms(f.wallMs),
      readbackMs: ms(performance.now() - r0),
      longestTaskMs: ms(Math.max(f.tasks.longestMs, f.result.mainMs)),
      longTaskTotalMs: ms(f.tasks.totalMs),
      longestFrameGapMs: ms(f.frames.longestGapMs),
      droppedFrames: f.frames.droppedFrames,
      pageBusyShare: f.frames.frameWorkShare,
      slices: f.result.slices,
      spans,
      digest,
      bytesCopied: f.result.bytesCopied,
      faults,
    };
  })();
  return { tables, settings: job.settings, record };
}
