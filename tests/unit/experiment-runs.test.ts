import { describe, expect, it } from 'vitest';
import type { RunRecord, RunSettings } from '../../src/core/record.js';
import { runExperiment } from '../../src/engine/experiments.js';
import { record, scriptedContext } from './evidence-fixtures.js';

describe("an experiment's runs", () => {
  it("get the experiment's signal, so cancelling stops the run in flight and not only the next one", async () => {
    const abort = new AbortController();
    const signals: AbortSignal[] = [];
    let i = 0;
    const runOne = (s: RunSettings, signal: AbortSignal): Promise<RunRecord> => {
      signals.push(signal);
      // The second run is still going when the teacher presses Cancel: it ends as cancelled.
      if (++i === 2) {
        abort.abort();
        return Promise.resolve({ ...record(i, s, 10), outcome: signal.aborted ? 'cancelled' : 'done' });
      }
      return Promise.resolve(record(i, s, 10));
    };
    const ctx = scriptedContext(runOne, { signal: abort.signal });
    await expect(runExperiment('memory', ctx)).rejects.toMatchObject({ name: 'AbortError' });
    expect(signals).toHaveLength(2);
    for (const s of signals) expect(s).toBe(abort.signal);
  });
});
