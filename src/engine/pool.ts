import { releaseProxy, wrap, type Remote } from 'comlink';
import type { FilterWorkerApi } from './filter-worker-api.js';

interface Member {
  readonly worker: Worker;
  readonly api: Remote<FilterWorkerApi>;
  readonly ready: Promise<unknown>;
}

/**
 * Filter workers, created on demand and kept for the next run: starting a worker costs far
 * more than a small run, and would show up in every wall time.
 */
export class WorkerPool {
  private members: Member[] = [];

  get size(): number {
    return this.members.length;
  }

  /** The first `n` workers, started if needed and answering. */
  async lanes(n: number): Promise<Remote<FilterWorkerApi>[]> {
    while (this.members.length < n) this.members.push(this.spawn(this.members.length));
    const chosen = this.members.slice(0, n);
    await Promise.all(chosen.map((m) => m.ready));
    return chosen.map((m) => m.api);
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
    const api = wrap<FilterWorkerApi>(worker);
    return { worker, api, ready: api.ping() };
  }
}
