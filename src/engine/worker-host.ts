import { wrap, type Remote } from 'comlink';
import { messageOf } from '../core/errors.js';

/** Makes the worker a host runs; injected so tests can hand it a broken one. */
export type WorkerFactory = () => Worker;

/**
 * How a worker failed: it never started (script missing or throwing as it loads, no answer to
 * its first ping), crashed later, sent a message that could not be read, was stopped, or
 * answered a call with an error (it is still running then).
 */
export type FailureKind = 'start' | 'crash' | 'message' | 'stop' | 'throw';

/** A call that a worker could not answer; `message` is what the page says about it. */
export class WorkerFailure<Lane extends number | undefined = number | undefined> extends Error {
  override readonly name = 'WorkerFailure';

  constructor(
    /** Which worker: 'decode', 'filter 2'. */
    readonly worker: string,
    readonly kind: FailureKind,
    /** What happened, in words: 'crashed (…)', 'failed to start (…)'. */
    readonly reason: string,
    message: string,
    /** A filter worker's place in the pool. */
    readonly lane: Lane,
  ) {
    super(message);
  }
}

/** A running worker: its API, and a promise that rejects with a WorkerFailure when it dies. */
export interface WorkerHandle<T> {
  readonly api: Remote<T>;
  /** Never resolves. Race calls against it: Comlink alone never settles a call to a dead worker. */
  readonly dead: Promise<never>;
}

/** Builds the failure a host reports, so each kind of worker can name itself its own way. */
export type Describe = (kind: FailureKind, reason: string) => WorkerFailure;

export interface WorkerHostOptions {
  readonly factory: WorkerFactory;
  /** Which worker this is, as failures name it: 'decode'. */
  readonly worker: string;
  /** By default: "The decode worker crashed (…); it will be restarted." */
  readonly describe?: Describe;
  /** A worker that has not answered its first ping by then has failed to start. */
  readonly startTimeoutMs?: number;
}

interface Pingable {
  ping(): unknown;
}

interface Generation<T> extends WorkerHandle<T> {
  /** Resolves once the worker answered its first ping; rejects as `dead` does. */
  readonly ready: Promise<void>;
  readonly end: (kind: FailureKind, reason: string) => void;
}

const defaultDescribe =
  (worker: string): Describe =>
  (kind, reason) =>
    new WorkerFailure(
      worker,
      kind,
      reason,
      `The ${worker} worker ${reason}${kind === 'throw' ? '' : '; it will be restarted'}.`,
      undefined,
    );

/**
 * `call`, settled also by the worker's death and by `signal`. An error the worker answered with
 * becomes a `throw` failure, so callers meet one error type whatever went wrong in the worker;
 * an abort rejects with the signal's reason, as other cancellable calls do.
 */
export function guard<R>(call: R, dead: Promise<never>, describe: Describe, signal?: AbortSignal): Promise<Awaited<R>> {
  let stop = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    if (!signal) return;
    // The signal's reason is what every cancellable call rejects with (an AbortError by default).
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the caller chose the reason
    stop = () => reject(signal.reason);
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
  return Promise.race([call, dead, aborted])
    .catch((e: unknown) => {
      if (e instanceof WorkerFailure || (signal?.aborted && e === signal.reason)) throw e;
      throw describe('throw', `threw: ${messageOf(e)}`);
    })
    .finally(() => signal?.removeEventListener('abort', stop));
}

/**
 * One worker behind one failure path. Every call races the worker's death (a script that fails
 * to load or throws as it loads, an uncaught error, an unreadable message, no answer to the
 * first ping, `kill`) and an optional AbortSignal, and rejects with a WorkerFailure when the
 * worker dies. A dead worker is dropped at once and the next call starts a fresh one; starting
 * it lazily means a script that can never load fails each call instead of respawning in a loop.
 */
export class WorkerHost<T extends Pingable> {
  private factory: WorkerFactory;
  private current: Generation<T> | null = null;
  private readonly describe: Describe;

  constructor(private readonly options: WorkerHostOptions) {
    this.factory = options.factory;
    this.describe = options.describe ?? defaultDescribe(options.worker);
  }

  /** Start later workers with `factory` (for fault drills); `null` goes back to the original. */
  useFactory(factory: WorkerFactory | null): void {
    this.factory = factory ?? this.options.factory;
  }

  /** Whether a worker is running (or starting) now. */
  get running(): boolean {
    return this.current !== null;
  }

  /** The worker once it answers, started if needed; rejects with a WorkerFailure if it cannot start. */
  async ready(): Promise<WorkerHandle<T>> {
    const g = this.generation();
    await g.ready;
    return { api: g.api, dead: g.dead };
  }

  /** `fn` on the worker's API, e.g. `host.call((api) => api.decode(file), signal)`. */
  async call<R>(fn: (api: Remote<T>) => R, signal?: AbortSignal): Promise<Awaited<R>> {
    signal?.throwIfAborted();
    const g = this.generation();
    return guard(fn(g.api), g.dead, this.describe, signal);
  }

  /** Stop the worker as a crash would: its calls reject, and the next call starts a fresh one. */
  kill(reason = 'was stopped'): void {
    this.current?.end('stop', reason);
  }

  private generation(): Generation<T> {
    this.current ??= this.spawn();
    return this.current;
  }

  private spawn(): Generation<T> {
    let worker: Worker;
    try {
      worker = this.factory();
    } catch (e) {
      // A worker the browser refuses to create (bad URL, policy): this call fails, the next retries.
      throw this.describe('start', `failed to start (${messageOf(e)})`);
    }
    let started = false;
    let over = false;
    let reject: (failure: WorkerFailure) => void = () => {};
    const dead = new Promise<never>((_, r) => (reject = r));
    dead.catch(() => {}); // observed by whoever races against it
    const end = (kind: FailureKind, reason: string): void => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      worker.terminate();
      if (this.current === generation) this.current = null;
      reject(this.describe(kind, reason));
    };
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      // A script that fails to load fires a plain Event; an uncaught exception an ErrorEvent.
      const detail = e instanceof ErrorEvent && e.message ? e.message : started ? 'no message' : 'its script could not be loaded';
      if (started) end('crash', `crashed (${detail})`);
      else end('start', `failed to start (${detail})`);
    });
    worker.addEventListener('messageerror', () => end('message', 'sent a message that could not be read'));
    const timeout = this.options.startTimeoutMs ?? 30_000;
    const timer = setTimeout(() => end('start', `failed to start (no answer after ${timeout / 1000} s)`), timeout);
    const api = wrap<T>(worker);
    const ready = Promise.race([api.ping(), dead]).then(
      () => {
        started = true;
        clearTimeout(timer);
      },
      (e: unknown) => {
        end('start', `failed to start (${messageOf(e)})`);
        return dead;
      },
    );
    ready.catch(() => {});
    const generation: Generation<T> = { api, dead, ready, end };
    return generation;
  }
}
