import type { CompareResult } from '../../src/core/compare.js';
import type { CoresResult } from '../../src/core/experiments.js';
import type { KeyValue } from '../../src/ui/history-store.js';

/** IndexedDB's part, as a Map; `fail` makes the next writes throw what a browser would. */
export class FakeKeyValue implements KeyValue {
  readonly map = new Map<string, unknown>();
  /** Every key written, in order, once per write. */
  readonly written: string[] = [];
  fail: ((key: string) => Error | null) | null = null;

  setMany(items: readonly (readonly [string, unknown])[]): Promise<void> {
    for (const [k] of items) {
      const e = this.fail?.(k);
      if (e) return Promise.reject(e);
    }
    this.written.push(...items.map(([k]) => k));
    // structuredClone, as IndexedDB does: nothing the page holds is shared with the store.
    for (const [k, v] of items) this.map.set(k, structuredClone(v));
    return Promise.resolve();
  }
  delMany(keys: readonly string[]): Promise<void> {
    for (const k of keys) this.map.delete(k);
    return Promise.resolve();
  }
  entries(): Promise<(readonly [unknown, unknown])[]> {
    const e = this.fail?.('*');
    return e ? Promise.reject(e) : Promise.resolve([...this.map].map(([k, v]) => [k, structuredClone(v)] as const));
  }
  clear(): Promise<void> {
    this.map.clear();
    return Promise.resolve();
  }
}

export const quota = (): Error => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** Results as an earlier visit kept them: a cores sweep (one bound infinite) and a comparison. */
export const cores: CoresResult = {
  kind: 'cores',
  cores: 2,
  points: [
    { workers: 1, medianMs: 100, minMs: 90, maxMs: 110, speedup: 1, speedupLow: 0.8, speedupHigh: 1.2, runs: 3 },
    { workers: 2, medianMs: 55, minMs: 50, maxMs: Infinity, speedup: 1.8, speedupLow: 0, speedupHigh: 2, runs: 3 },
  ],
  fit: null,
  serialBounds: null,
};
export const compare = {
  kind: 'compare',
  subject: 'Sobel edges on lake.jpg',
  cores: 2,
  rows: [],
  machine: { busy: false, text: 'quiet' },
  identical: true,
} satisfies CompareResult;
