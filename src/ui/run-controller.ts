import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RunRecord, RunSettings } from '../core/record.js';
import { startRun, type LoadedPhoto, type RunDeps, type RunHandle } from '../engine/run.js';

/**
 * Ties engine runs to an element: one run at a time, a new run or a disconnect aborts the
 * current one, and a late record of an old run never overwrites a newer one.
 */
export class RunController implements ReactiveController {
  private abort: AbortController | null = null;
  private callId = 0;
  private nextRunId = 1;
  running = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: RunDeps,
    private readonly onStart: (handle: RunHandle) => void,
    private readonly onRecord: (record: RunRecord, current: boolean) => void,
  ) {
    host.addController(this);
  }

  async run(photo: LoadedPhoto, settings: RunSettings): Promise<RunRecord> {
    this.cancel();
    const call = ++this.callId;
    const abort = (this.abort = new AbortController());
    this.running = true;
    this.host.requestUpdate();
    let record: RunRecord;
    try {
      const handle = startRun(this.nextRunId++, photo, settings, this.deps, abort.signal);
      this.onStart(handle);
      record = await handle.record;
    } finally {
      // Even a run that could not start leaves the page free to run again.
      if (call === this.callId) {
        this.running = false;
        this.abort = null;
        this.host.requestUpdate();
      }
    }
    this.onRecord(record, call === this.callId);
    this.host.requestUpdate();
    return record;
  }

  cancel(): void {
    this.abort?.abort();
  }

  /** Runs restored from an earlier visit keep their numbers; new ones count on from the highest. */
  continueAfter(id: number): void {
    this.nextRunId = Math.max(this.nextRunId, id + 1);
  }

  /**
   * Stop the current run and treat it as stale: its record is still kept, but it no longer
   * speaks for what is on screen (another photo was chosen).
   */
  abandon(): void {
    this.cancel();
    this.callId++;
    this.abort = null;
    if (this.running) {
      this.running = false;
      this.host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    this.cancel();
  }
}
