import type { Remote } from 'comlink';
import type { FilterWorkerApi } from './filter-worker-api.js';
import { guard, WorkerFailure, WorkerHost, type Describe, type FailureKind } from './worker-host.js';

/** A filter worker's failure; `lane` is its place in the pool. */
export type WorkerFault = WorkerFailure<number>;

/** One worker as a run uses it: its API, and a promise that rejects if it dies. */
export interface PoolLane {
  readonly index: number;
  readonly api: Remote<FilterWorkerApi>;
  /** Never resolves; rejects with a WorkerFault when the worker dies. Race calls against it. */
  readonly dead: Promise<never>;
}

/** Makes filter worker `index`; injected so tests can hand the pool a broken one. */
export type FilterWorkerFactory = (index: number) => Worker;

export const newFilterWorker: FilterWorkerFactory = (index) =>
  new Worker(new URL('../../workers/filter.worker.ts', import.meta.url), { type: 'module', name: `tilelab-filter-${index + 1}` });

/**
 * A filter worker's failure, worded as a clause: the run that met it says what happened next
 * (its tiles went to the other workers, it was replaced). Only a start failure ends a run, so
 * that one says itself that the next run gets a fresh worker.
 */
const describeLane =
  (index: number): Describe =>
  (kind: FailureKind, reason: string): WorkerFault =>
    new WorkerFailure(
      `filter ${index + 1}`,
      kind,
      reason,
      `Worker ${index + 1} ${reason}${kind === 'start' ? '; it will be restarted for the next run' : ''}`,
      index,
    );

/** A lane's call, failing as soon as its worker dies instead of waiting for a reply that never comes. */
export const guarded = <T>(lane: PoolLane, call: Promise<T>): Promise<T> => guard(call, lane.dead, describeLane(lane.index));

/**
 * Filter workers, created on demand and kept for the next run: starting a worker costs far
 * more than a small run, and would show up in every wall time. Each worker sits behind a
 * WorkerHost: one that dies or fails to start is dropped, and the next `lanes` starts a fresh
 * one in its place.
 */
export class WorkerPool {
  private readonly hosts: WorkerHost<FilterWorkerApi>[] = [];
  private factory: FilterWorkerFactory;

  constructor(private readonly defaultFactory: FilterWorkerFactory = newFilterWorker) {
    this.factory = defaultFactory;
  }

  get size(): number {
    return this.hosts.length;
  }

  /** Start workers from now on with `factory` (for fault drills); `null` goes back to the default. */
  useFactory(factory: FilterWorkerFactory | null): void {
    this.factory = factory ?? this.defaultFactory;
  }

  /**
   * The first `n` workers, started if needed and answering. Rejects with the WorkerFault of the
   * first one that could not start; that one is dropped, so the next call starts it afresh.
   */
  async lanes(n: number): Promise<PoolLane[]> {
    while (this.hosts.length < n) this.hosts.push(this.host(this.hosts.length));
    const settled = await Promise.allSettled(this.hosts.slice(0, n).map((h) => h.ready()));
    return settled.map((s, index) => {
      if (s.status === 'rejected') throw s.reason;
      return { index, api: s.value.api, dead: s.value.dead };
    });
  }

  /**
   * One call on worker `index` (started if needed), e.g. reading back a digest; rejects with its
   * WorkerFault if that worker fails, rather than waiting for a reply that never comes.
   */
  async call<R>(index: number, fn: (api: Remote<FilterWorkerApi>) => R, signal?: AbortSignal): Promise<Awaited<R>> {
    while (this.hosts.length <= index) this.hosts.push(this.host(this.hosts.length));
    const host = this.hosts[index];
    if (!host) throw new RangeError(`no filter worker ${index + 1}`);
    return host.call(fn, signal);
  }

  /** Stop worker `index` as a crash would (for fault drills and tests). */
  kill(index: number): void {
    this.hosts[index]?.kill('stopped mid-run');
  }

  /** Drop worker `index` (one that misbehaved, say); the next `lanes` starts a fresh one. */
  replace(index: number): void {
    this.hosts[index]?.kill('was replaced');
  }

  /** Stop workers beyond the first `n` (all by default). */
  shrink(n = 0): void {
    for (const h of this.hosts.splice(n)) h.kill('was shut down');
  }

  private host(index: number): WorkerHost<FilterWorkerApi> {
    return new WorkerHost<FilterWorkerApi>({
      worker: `filter ${index + 1}`,
      factory: () => this.factory(index),
      describe: describeLane(index),
    });
  }
}
