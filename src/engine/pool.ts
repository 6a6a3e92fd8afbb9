import { releaseProxy, wrap, type Remote } from 'comlink';
import type { FilterWorkerApi } from './filter-worker-api.js';

/** A worker that threw outside a call, was stopped, or crashed. */
export class WorkerFault extends Error {
  constructor(
    readonly lane: number,
    readonly reason: string,
  ) {
    super(`Worker ${lane + 1} ${reason}`);
  }
}

/** One worker as a run uses it: its API, and a promise that rejects if it dies. */
export interface PoolLane {
  readonly index: number;
  readonly api: Remote<FilterWorkerApi>;
  /** Never resolves; rejects with a WorkerFault when the worker dies. Race calls against it. */
  readonly dead: Promise<never>;
}

interface Member extends PoolLane {
  readonly worker: Worker;
  readonly ready: Promise<unknown>;
  readonly die: (reason: string) => void;
}

/**
 * Filter workers, created on demand and kept for the next run: starting a worker costs far
 * more than a small run, and would show up in every wall time. A worker that dies is replaced.
 */
export class WorkerPool {
  private members: Member[] = [];

  get size(): number {
    return this.members.length;
  }

  /** The first `n` workers, started if needed and answering. */
  async lanes(n: number): Promise<PoolLane[]> {
    while (this.members.length < n) this.members.push(this.spawn(this.members.length));
    const chosen = this.members.slice(0, n);
    await Promise.all(chosen.map((m) => m.ready));
    return chosen;
  }

  /** Stop worker `index` as a crash would (for fault drills and tests). */
  kill(index: number): void {
    const m = this.members[index];
    if (!m) return;
    m.worker.terminate();
    m.die('stopped mid-run');
  }

  /** Start a fresh worker in the place of worker `index`. */
  replace(index: number): void {
    const old = this.members[index];
    if (!old) return;
    old.worker.terminate();
    old.api[releaseProxy]();
    this.members[index] = this.spawn(index);
  }

  /** Stop workers beyond the first `n` (all by default). */
  shrink(n = 0): void {
    for (const m of this.members.splice(n)) {
      m.api[releaseProxy]();
      m.worker.terminate();
    }
  }

  private spawn(index: number): Member {
    const worker = new Worker(new URL('../../workers/filter.worker.ts', import.meta.url), {
      type: 'module',
      name: `tilelab-filter-${index + 1}`,
    });
    let die: (reason: string) => void = () => {};
    const dead = new Promise<never>((_, reject) => (die = (reason) => reject(new WorkerFault(index, reason))));
    dead.catch(() => {}); // observed by whoever races against it
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      die(`crashed (${e.message || 'error'})`);
    });
    worker.addEventListener('messageerror', () => die('sent a message that could not be read'));
    const api = wrap<FilterWorkerApi>(worker);
    return { index, worker, api, dead, die, ready: Promise.race([api.ping(), dead]) };
  }
}
