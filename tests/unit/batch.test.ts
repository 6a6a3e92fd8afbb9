import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import {
  batchMemoryBytes,
  bottleneck,
  inFlightLimit,
  MAX_IN_FLIGHT,
  peakInFlight,
  runBatch,
  STAGES,
  stageBusyShare,
  timeLeftMs,
  type BatchProgress,
  type BatchSchedule,
  type BatchSpan,
  type BatchStages,
  type BatchSummary,
  type Stage,
} from '../../src/core/batch.js';
import { batchEntryName, JPEG_QUALITY, OUTPUT_FORMATS, outputFormatFor, uniqueName } from '../../src/core/batch-names.js';
import { makeSpec } from '../../src/core/filters.js';
import { epochMs } from '../../src/core/types.js';
import { folderSink, zipSink, type BatchSink, type FolderLike } from '../../src/ui/batch-zip.js';

/** Let every promise that can settle settle: the batch's own bookkeeping runs between stages. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

interface Call {
  readonly photo: number;
  readonly stage: Stage;
  readonly startedAt: number;
  readonly endsAt: number;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

interface Photo {
  readonly name: string;
}

/**
 * Stages that do nothing until the test lets them end, on a clock the test moves. Each stage's
 * output is a deterministic function of its input, so both schedules must save the same bytes.
 * `cost` says how long a stage of a photo takes; `fails` which stage of which photo rejects.
 */
class FakeStages {
  time = 0;
  readonly pending: Call[] = [];
  readonly started: { photo: number; stage: Stage; at: number }[] = [];
  readonly saved = new Map<string, string>();
  readonly signals: AbortSignal[] = [];
  /** Each photo as the batch let it go, with how many stages had started by then. */
  readonly left: { photo: number; at: number; started: number }[] = [];

  constructor(
    private readonly cost: (photo: number, stage: Stage) => number,
    private readonly fails: (photo: number, stage: Stage) => string | null = () => null,
  ) {}

  readonly now = (): number => this.time;

  private call<T>(photo: number, stage: Stage, out: () => T, signal: AbortSignal): Promise<T> {
    this.started.push({ photo, stage, at: this.time });
    this.signals.push(signal);
    return new Promise<T>((resolve, reject) => {
      const failure = this.fails(photo, stage);
      const call: Call = {
        photo,
        stage,
        startedAt: this.time,
        endsAt: this.time + this.cost(photo, stage),
        resolve: () => (failure === null ? resolve(out()) : reject(new Error(failure))),
        reject,
      };
      // Only the filter stops early when the batch is cancelled (within a tile); the others finish.
      if (stage === 'filter')
        signal.addEventListener('abort', () => {
          const at = this.pending.indexOf(call);
          if (at < 0) return;
          this.pending.splice(at, 1);
          reject(new Error('cancelled'));
        });
      this.pending.push(call);
    });
  }

  stages(): BatchStages<Photo, string, string, string, string, AbortSignal> {
    return {
      read: (p, i, s) => this.call(i, 'read', () => `bytes of ${p.name}`, s),
      decode: (r, i, s) => this.call(i, 'decode', () => `pixels(${r})`, s),
      filter: (d, i, s) => this.call(i, 'filter', () => `median(${d})`, s),
      encode: (f, i, s) => this.call(i, 'encode', () => `jpeg(${f})`, s),
      save: (e, i, s) =>
        this.call(
          i,
          'save',
          () => {
            this.saved.set(`out-${i}.jpg`, e);
            return `out-${i}.jpg`;
          },
          s,
        ),
      left: (i) => void this.left.push({ photo: i, at: this.time, started: this.started.length }),
    };
  }

  /** End the stage that finishes first, moving the clock to its end. */
  async step(): Promise<boolean> {
    await settle();
    const next = [...this.pending].sort((a, b) => a.endsAt - b.endsAt || a.photo - b.photo)[0];
    if (!next) return false;
    this.pending.splice(this.pending.indexOf(next), 1);
    this.time = next.endsAt;
    next.resolve();
    await settle();
    return true;
  }

  async drain(): Promise<void> {
    while (await this.step());
  }
}

const photos = (n: number): Photo[] => Array.from({ length: n }, (_, i) => ({ name: `photo ${i}.jpg` }));

/** Costs where every stage matters: filtering is the longest, as on a median. */
const COSTS: Record<Stage, number> = { read: 10, decode: 40, filter: 60, encode: 30, save: 5 };
const byStage = (_p: number, s: Stage): number => COSTS[s];

async function batch(
  schedule: BatchSchedule,
  fake: FakeStages,
  n: number,
  extra: { signal?: AbortSignal; onProgress?: (p: BatchProgress) => void; maxInFlight?: number } = {},
): Promise<BatchSummary> {
  const done = runBatch(photos(n), fake.stages(), { schedule, now: fake.now, signal: new AbortController().signal, ...extra });
  await fake.drain();
  return done;
}

const overlap = (a: BatchSpan, b: BatchSpan): boolean => a.start < b.end && b.start < a.end;
const pairs = <T>(xs: readonly T[]): [T, T][] => xs.flatMap((a, i) => xs.slice(i + 1).map((b): [T, T] => [a, b]));

describe('runBatch schedules', () => {
  it.each(['sequential', 'pipelined'] as const)('%s saves every photo with the same output per photo', async (schedule) => {
    const fake = new FakeStages(byStage);
    const summary = await batch(schedule, fake, 5);
    expect(summary.saved.map((s) => s.savedAs)).toEqual(['out-0.jpg', 'out-1.jpg', 'out-2.jpg', 'out-3.jpg', 'out-4.jpg']);
    expect(fake.saved.get('out-3.jpg')).toBe('jpeg(median(pixels(bytes of photo 3.jpg)))');
    expect(summary.spans).toHaveLength(5 * STAGES.length);
    expect(summary.cancelled).toBe(false);
    expect(summary.skipped).toEqual([]);
  });

  it('gives identical outputs under both schedules', async () => {
    const a = new FakeStages(byStage);
    const b = new FakeStages(byStage);
    await batch('sequential', a, 6);
    await batch('pipelined', b, 6);
    expect([...b.saved]).toEqual([...a.saved]);
  });

  it('sequential: no two spans overlap, and each photo starts after the one before was saved', async () => {
    const fake = new FakeStages(byStage);
    const { spans, totalMs } = await batch('sequential', fake, 4);
    for (const [a, b] of pairs(spans)) expect(overlap(a, b), `${a.stage} ${a.photo} vs ${b.stage} ${b.photo}`).toBe(false);
    const sum = Object.values(COSTS).reduce((x, y) => x + y, 0);
    expect(totalMs).toBe(4 * sum);
  });

  it('pipelined: stages overlap across photos, yet each stage takes one photo at a time, in order', async () => {
    const fake = new FakeStages(byStage);
    const { spans, totalMs } = await batch('pipelined', fake, 4);
    const across = pairs(spans).filter(([a, b]) => a.stage !== b.stage && overlap(a, b));
    expect(across.length).toBeGreaterThan(0);
    expect(across.every(([a, b]) => a.photo !== b.photo)).toBe(true);
    for (const stage of STAGES) {
      const lane = spans.filter((s) => s.stage === stage);
      for (const [a, b] of pairs(lane)) expect(overlap(a, b)).toBe(false);
      expect(lane.map((s) => s.photo)).toEqual([0, 1, 2, 3]);
    }
    const sequential = await batch('sequential', new FakeStages(byStage), 4);
    expect(totalMs).toBeLessThan(sequential.totalMs);
  });

  it.each([
    ['pipelined', 3, 3],
    ['pipelined', 2, 2],
    ['pipelined', 1, 1],
    ['sequential', 3, 1],
  ] as const)('%s with maxInFlight %i holds at most %i photos between read and save', async (schedule, max, limit) => {
    let most = 0;
    const inFlight = (p: BatchProgress): number => p.status.filter((s) => s !== 'queued' && s !== 'saved' && s !== 'skipped').length;
    // Slow saves make photos pile up in front of them: backpressure must stop new reads.
    const fake = new FakeStages((_p, s) => (s === 'save' ? 200 : COSTS[s]));
    const summary = await batch(schedule, fake, 8, { maxInFlight: max, onProgress: (p) => (most = Math.max(most, inFlight(p))) });
    expect(most).toBe(limit);
    expect(peakInFlight(summary.spans)).toBe(limit);
    expect(summary.maxInFlight).toBe(limit);
    expect(summary.saved).toHaveLength(8);
  });
});

describe('runBatch failures and cancel', () => {
  it('skips the photos that cannot be read or decoded, names them with the reason, and saves the rest', async () => {
    const fails = (p: number, s: Stage): string | null =>
      p === 1 && s === 'read' ? '“photo 1.jpg” is empty (0 bytes).' : p === 3 && s === 'decode' ? 'a damaged JPEG' : null;
    for (const schedule of ['sequential', 'pipelined'] as const) {
      const fake = new FakeStages(byStage, fails);
      const summary = await batch(schedule, fake, 5);
      expect(summary.skipped).toEqual([
        { index: 1, photo: 'photo 1.jpg', stage: 'read', reason: '“photo 1.jpg” is empty (0 bytes).' },
        { index: 3, photo: 'photo 3.jpg', stage: 'decode', reason: 'a damaged JPEG' },
      ]);
      expect(summary.saved.map((s) => s.index)).toEqual([0, 2, 4]);
      expect(fake.started.filter((c) => c.photo === 1).map((c) => c.stage)).toEqual(['read']);
      expect(summary.unfinished).toEqual([]);
    }
  });

  it('a skipped photo never lets the photo behind it overtake the one before it in a stage', async () => {
    // Photo 1 filters slowly; photo 2 fails to decode at once; photo 3 must still wait for photo 1 in every lane.
    const cost = (p: number, s: Stage): number => (p === 1 && s === 'filter' ? 50 * COSTS.filter : COSTS[s]);
    const fails = (p: number, s: Stage): string | null => (p === 2 && s === 'decode' ? 'a damaged JPEG' : null);
    const fake = new FakeStages(cost, fails);
    const summary = await batch('pipelined', fake, 5);
    expect(summary.saved.map((x) => x.index)).toEqual([0, 1, 3, 4]);
    for (const stage of STAGES) {
      const spans = summary.spans.filter((x) => x.stage === stage);
      expect(
        spans.map((x) => x.photo),
        stage,
      ).toEqual([...spans.map((x) => x.photo)].sort((a, b) => a - b));
      for (let k = 1; k < spans.length; k++) expect((spans[k]?.start ?? 0) >= (spans[k - 1]?.end ?? 0), stage).toBe(true);
    }
  });

  it.each(['sequential', 'pipelined'] as const)(
    '%s: cancel keeps what was saved, stops the filter under way and starts no stage after',
    async (schedule) => {
      const fake = new FakeStages(byStage);
      const abort = new AbortController();
      const done = runBatch(photos(6), fake.stages(), { schedule, now: fake.now, signal: abort.signal });
      // Cancel once two photos are saved and a third is being filtered.
      while (!(fake.saved.has('out-1.jpg') && fake.pending.some((c) => c.stage === 'filter'))) expect(await fake.step()).toBe(true);
      expect(fake.pending.find((c) => c.stage === 'filter')?.photo).toBe(2);
      const before = fake.started.length;
      abort.abort();
      expect(fake.pending.some((c) => c.stage === 'filter')).toBe(false);
      await fake.drain();
      const summary = await done;
      expect(fake.started.length).toBe(before);
      expect(fake.signals.every((s) => s === abort.signal)).toBe(true);
      expect(summary.cancelled).toBe(true);
      expect(summary.saved.map((s) => s.savedAs)).toEqual(['out-0.jpg', 'out-1.jpg']);
      expect(summary.skipped).toEqual([]);
      expect(summary.unfinished.map((u) => u.index)).toEqual([2, 3, 4, 5]);
    },
  );

  it('lets each photo go once, after its last stage and before the photo that takes its place starts', async () => {
    const fails = (p: number, s: Stage): string | null => (p === 2 && s === 'decode' ? 'a damaged JPEG' : null);
    const fake = new FakeStages(byStage, fails);
    const summary = await batch('pipelined', fake, 7);
    expect(fake.left.map((l) => l.photo).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const { photo, at, started } of fake.left) {
      const own = summary.spans.filter((x) => x.photo === photo);
      expect(Math.max(...own.map((x) => x.end))).toBeLessThanOrEqual(at);
      // Photo i + 3 (the in-flight limit) reads only once photo i has gone.
      const next = fake.started.findIndex((c) => c.photo === photo + MAX_IN_FLIGHT && c.stage === 'read');
      if (photo + MAX_IN_FLIGHT < 7) expect(next).toBeGreaterThanOrEqual(started);
    }
  });

  it('lets every photo go after a cancel, the unfinished ones too', async () => {
    const fake = new FakeStages(byStage);
    const abort = new AbortController();
    const done = runBatch(photos(6), fake.stages(), { schedule: 'pipelined', now: fake.now, signal: abort.signal });
    while (!fake.saved.has('out-0.jpg')) expect(await fake.step()).toBe(true);
    abort.abort();
    await fake.drain();
    await done;
    expect(fake.left.map((l) => l.photo).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('a save under way when the batch is cancelled still counts as saved', async () => {
    const fake = new FakeStages(byStage);
    const abort = new AbortController();
    const done = runBatch(photos(2), fake.stages(), { schedule: 'sequential', now: fake.now, signal: abort.signal });
    while (!fake.pending.some((c) => c.stage === 'save')) expect(await fake.step()).toBe(true);
    abort.abort();
    await fake.drain();
    const summary = await done;
    expect(summary.saved.map((s) => s.index)).toEqual([0]);
    expect(summary.unfinished.map((u) => u.index)).toEqual([1]);
  });
});

describe('runBatch progress', () => {
  it('counts photos done, says each photo’s stage, and estimates the time left from finished photos', async () => {
    const seen: BatchProgress[] = [];
    const fake = new FakeStages(byStage, (p, s) => (p === 2 && s === 'decode' ? 'bad' : null));
    await batch('sequential', fake, 4, { onProgress: (p) => seen.push(p) });
    const first = seen[0];
    expect(first?.status).toEqual(['queued', 'queued', 'queued', 'queued']);
    expect(first?.timeLeftMs).toBeNull();
    const filtering = seen.find((p) => p.status[0] === 'filter');
    expect(filtering?.status.slice(1)).toEqual(['queued', 'queued', 'queued']);
    // Read 10 ms and decode 40 ms before it: the filter's bar starts at 50.
    expect(filtering?.active).toEqual([{ photo: 0, stage: 'filter', start: 50 }]);
    const afterFirst = seen.find((p) => p.saved === 1);
    // One photo took 145 ms; three are left.
    expect(afterFirst?.timeLeftMs).toBe(3 * 145);
    const last = seen.at(-1);
    expect(last).toMatchObject({ total: 4, saved: 3, skipped: 1, status: ['saved', 'saved', 'skipped', 'saved'], timeLeftMs: 0 });
    expect(seen.map((p) => p.saved + p.skipped)).toEqual([...seen.map((p) => p.saved + p.skipped)].sort((a, b) => a - b));
  });

  it('reports busy shares, the bottleneck and photos per minute in the summary', async () => {
    const summary = await batch('sequential', new FakeStages(byStage), 2);
    expect(summary.totalMs).toBe(290);
    expect(summary.busyShare.filter).toBeCloseTo(120 / 290);
    expect(summary.bottleneck).toBe('filter');
    expect(summary.photosPerMinute).toBeCloseTo((2 / 290) * 60_000);
  });
});

const span = (photo: number, stage: Stage, start: number, end: number): BatchSpan => ({
  photo,
  stage,
  start: epochMs(start),
  end: epochMs(end),
});

describe('batch chart helpers', () => {
  it.each([
    ['filter longest', [span(0, 'decode', 0, 10), span(0, 'filter', 10, 50), span(0, 'encode', 50, 60)], 'filter'],
    [
      'decode and encode outweigh a quick filter',
      [span(0, 'decode', 0, 40), span(0, 'filter', 40, 45), span(0, 'encode', 45, 80), span(1, 'decode', 40, 80)],
      'decode',
    ],
    ['a tie goes to the later stage', [span(0, 'read', 0, 10), span(0, 'save', 10, 20)], 'save'],
    ['nothing ran', [], null],
  ] as const)('bottleneck: %s', (_name, spans, expected) => {
    expect(bottleneck(spans)).toBe(expected);
  });

  it('busy share counts overlapping spans of a stage once', () => {
    const share = stageBusyShare([span(0, 'encode', 0, 50), span(1, 'encode', 25, 75), span(0, 'read', 0, 10)], 100);
    expect(share).toEqual({ read: 0.1, decode: 0, filter: 0, encode: 0.75, save: 0 });
    expect(stageBusyShare([], 0).filter).toBe(0);
  });

  it.each([
    [0, 0, 5, null],
    [300, 1, 2, 600],
    [300, 3, 0, 0],
  ] as const)('time left after %i ms, %i finished, %i left: %s', (elapsed, finished, remaining, expected) => {
    expect(timeLeftMs(elapsed, finished, remaining)).toBe(expected);
  });

  it('states the memory the in-flight bound implies', () => {
    expect(MAX_IN_FLIGHT).toBe(3);
    expect(batchMemoryBytes(4000, 3000)).toBe(528_000_000);
    expect(batchMemoryBytes(4000, 3000, inFlightLimit('sequential'))).toBe(336_000_000);
  });
});

describe('batch output names', () => {
  it.each([
    ['Lake at sunset.JPG', 'jpeg', makeSpec('median', { radius: 3 }), 'lake-at-sunset-median-r3.jpg'],
    ['Café.png', 'png', makeSpec('grayscale', {}), 'cafe-grayscale-amount1.png'],
  ] as const)('%s → %s', (photo, format, spec, expected) => {
    expect(batchEntryName(photo, spec, format)).toBe(expected);
  });

  it.each([
    ['jpeg', 'jpeg'],
    ['png', 'png'],
    ['webp', 'png'],
    ['gif', 'png'],
  ] as const)('a %s photo is saved as %s', (input, output) => {
    expect(outputFormatFor(input)).toBe(output);
  });

  it('states the JPEG quality', () => {
    expect(OUTPUT_FORMATS.jpeg.quality).toBe(JPEG_QUALITY);
    expect(OUTPUT_FORMATS.png.quality).toBeUndefined();
  });

  it('makes names unique within one batch, whatever their case', () => {
    const taken = new Set<string>();
    expect(['a.jpg', 'a.jpg', 'A.jpg', 'b.png', 'a.jpg'].map((n) => uniqueName(n, taken))).toEqual([
      'a.jpg',
      'a-2.jpg',
      'A-3.jpg',
      'b.png',
      'a-4.jpg',
    ]);
  });
});

const bytesOf = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

/** A batch of good and bad photos whose save stage writes to `sink`; the real names, fake pixels. */
function sinkBatch(sink: BatchSink, names: readonly string[], bad: ReadonlySet<string>): Promise<BatchSummary> {
  const spec = makeSpec('median', { radius: 3 });
  let t = 0;
  return runBatch(
    names.map((name) => ({ name })),
    {
      read: (p) => (bad.has(p.name) ? Promise.reject(new Error(`“${p.name}” is empty (0 bytes).`)) : Promise.resolve(p.name)),
      decode: (name) => Promise.resolve(name),
      filter: (name) => Promise.resolve(name),
      encode: (name) => Promise.resolve({ name: batchEntryName(name, spec, 'jpeg'), blob: new Blob([bytesOf(`filtered ${name}`)]) }),
      save: (e, _i, signal) => sink.save(e.name, e.blob, signal),
    },
    { schedule: 'pipelined', now: () => t++, signal: new AbortController().signal },
  );
}

describe('batch sinks', () => {
  it('streams saved photos into a ZIP that reads back with the right names and bytes', async () => {
    const sink = zipSink();
    const summary = await sinkBatch(sink, ['One.jpg', 'empty.jpg', 'Two.jpg', 'one.jpeg'], new Set(['empty.jpg']));
    const output = await sink.finish();
    if (output.kind !== 'zip') throw new Error('expected a ZIP');
    const files = unzipSync(new Uint8Array(await output.blob.arrayBuffer()));
    expect(Object.keys(files)).toEqual(['one-median-r3.jpg', 'two-median-r3.jpg', 'one-median-r3-2.jpg']);
    expect(new TextDecoder().decode(files['one-median-r3-2.jpg'])).toBe('filtered one.jpeg');
    expect(new TextDecoder().decode(files['two-median-r3.jpg'])).toBe('filtered Two.jpg');
    expect(output.entries).toEqual(Object.keys(files));
    expect(summary.saved.map((s) => s.savedAs)).toEqual(output.entries);
    expect(summary.skipped.map((s) => [s.photo, s.reason])).toEqual([['empty.jpg', '“empty.jpg” is empty (0 bytes).']]);
  });

  it('a ZIP finished after a cancel holds what was saved', async () => {
    const sink = zipSink();
    await sink.save('a.png', new Blob([bytesOf('A')]));
    const output = await sink.finish();
    if (output.kind !== 'zip') throw new Error('expected a ZIP');
    const files = unzipSync(new Uint8Array(await output.blob.arrayBuffer()));
    expect(Object.keys(files)).toEqual(['a.png']);
    await expect(sink.save('b.png', new Blob([bytesOf('B')]))).rejects.toThrow(/finished/);
  });

  it('writes into a folder without overwriting a file already there', async () => {
    const disk = new Map<string, string>([['one-median-r3.jpg', 'from yesterday']]);
    const folder: FolderLike = {
      name: 'Filtered',
      getFileHandle: (name, options) => {
        if (!disk.has(name) && !options?.create) return Promise.reject(new DOMException('missing', 'NotFoundError'));
        return Promise.resolve({
          createWritable: () => {
            const parts: Blob[] = [];
            return Promise.resolve({
              write: (data: Blob) => Promise.resolve(void parts.push(data)),
              close: async () => void disk.set(name, await new Blob(parts).text()),
              abort: () => Promise.resolve(),
            });
          },
        });
      },
    };
    const sink = folderSink(folder);
    const summary = await sinkBatch(sink, ['One.jpg', 'Two.jpg'], new Set());
    expect(await sink.finish()).toEqual({ kind: 'folder', folder: 'Filtered', entries: ['one-median-r3-2.jpg', 'two-median-r3.jpg'] });
    expect(disk.get('one-median-r3.jpg')).toBe('from yesterday');
    expect(disk.get('one-median-r3-2.jpg')).toBe('filtered One.jpg');
    expect(summary.saved).toHaveLength(2);
  });
});
