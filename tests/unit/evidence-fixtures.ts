import type { RunRecord, RunSettings } from '../../src/core/record.js';
import { epochMs, ms } from '../../src/core/types.js';
import type { ExperimentContext } from '../../src/engine/experiments.js';

/** A finished run whose wall time and longest frame gap the test scripts: the tests' clock. */
export function record(id: number, settings: Partial<RunSettings>, wallMs: number, gapMs = 16.7): RunRecord {
  const mode = settings.mode ?? 'parallel';
  return {
    id,
    photo: { key: 'p', name: 'p.png', width: 64, height: 64, decodeMs: ms(1) },
    settings: {
      filter: { kind: 'sobel' },
      mode,
      memory: 'shared',
      workers: mode === 'parallel' ? 2 : 1,
      tileSize: 64,
      kernel: 'js',
      schedule: 'dynamic',
      region: null,
      ...settings,
    },
    outcome: 'done',
    tiles: 1,
    tilesDone: 1,
    startedAt: epochMs(0),
    wallMs: ms(wallMs),
    readbackMs: ms(1),
    longestTaskMs: ms(0),
    longTaskTotalMs: ms(0),
    longestFrameGapMs: ms(gapMs),
    droppedFrames: 0,
    pageBusyShare: 0.02,
    slices: 0,
    spans: [],
    digest: 'd',
    bytesCopied: 0,
    faults: [],
  };
}

/**
 * What an experiment gets on a scripted two-core machine: `runOne` is the tests' clock; no race,
 * copy or SIMD unless `over` gives them.
 */
export function scriptedContext(runOne: ExperimentContext['runOne'], over: Partial<ExperimentContext> = {}): ExperimentContext {
  return {
    base: record(0, {}, 0).settings,
    size: { width: 64, height: 64 },
    cores: 2,
    sharedMemory: true,
    region: { x: 0, y: 0, w: 1, h: 1 },
    repeats: 3,
    runOne,
    race: () => Promise.reject(new Error('no race here')),
    copy: () => Promise.reject(new Error('no copy here')),
    simdReason: 'no SIMD here',
    signal: new AbortController().signal,
    onProgress: () => undefined,
    ...over,
  };
}
