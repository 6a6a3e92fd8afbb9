import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../src/core/filters.js';
import type { ExperimentResult } from '../../src/core/experiments.js';
import type { RunRecord } from '../../src/core/record.js';
import { epochMs, ms } from '../../src/core/types.js';
import type { Inspection } from '../../src/engine/decode-api.js';
import type { LoadResult } from '../../src/engine/image-io.js';
import { ExperimentRunner, type ExperimentSetup } from '../../src/ui/experiment-runner.js';
import { GROUP_OVER, MessageStore } from '../../src/ui/messages.js';
import { PhotoLibrary, SAMPLE_ID, type PhotoSource } from '../../src/ui/photo-library.js';
import { RunHistory } from '../../src/ui/run-history.js';

const counter = () => {
  const c = {
    n: 0,
    bump: () => {
      c.n++;
    },
  };
  return c;
};

describe('MessageStore', () => {
  it('keeps every message until it is dismissed', () => {
    const c = counter();
    const m = new MessageStore(c.bump);
    for (let i = 0; i < 9; i++) m.say(`message ${i}`);
    expect(m.messages.map((x) => x.text)).toEqual(Array.from({ length: 9 }, (_, i) => `message ${i}`));
    const second = m.messages[1];
    if (!second) throw new Error('no second message');
    m.dismiss(second.id);
    expect(m.messages).toHaveLength(8);
    expect(m.messages.some((x) => x.text === 'message 1')).toBe(false);
    expect(c.n).toBe(10);
  });

  it(`names up to ${GROUP_OVER} bad files one by one, and groups more into one message that names each`, () => {
    const m = new MessageStore(() => {});
    const files = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `f${i}.txt`, reason: `“f${i}.txt” is not an image.` }));
    m.sayFiles(files(GROUP_OVER));
    expect(m.messages.map((x) => x.text)).toEqual(files(GROUP_OVER).map((f) => f.reason));
    m.clear();
    m.sayFiles(files(7));
    expect(m.messages).toHaveLength(1);
    expect(m.messages[0]?.text).toBe('7 files could not be used.');
    expect(m.messages[0]?.details).toEqual(files(7).map((f) => f.reason));
  });

  it('keeps a downscale offer as its own message with its button, beside the group', () => {
    const m = new MessageStore(() => {});
    let ran = 0;
    const offer = {
      label: 'Downscale and add',
      run: () => {
        ran++;
      },
    };
    m.sayFiles([
      ...Array.from({ length: 5 }, (_, i) => ({ name: `b${i}`, reason: `b${i} bad` })),
      { name: 'giant.png', reason: 'giant.png is too big', offer },
    ]);
    expect(m.messages.map((x) => x.text)).toEqual(['giant.png is too big', '5 files could not be used.']);
    m.messages[0]?.action?.run();
    expect(ran).toBe(1);
  });

  it('turns a caught error into a sentence that says what was being done', () => {
    const m = new MessageStore(() => {});
    m.fail('Saving photo.png', new Error('The decode worker crashed; it was restarted.'));
    expect(m.messages[0]?.text).toBe('Saving photo.png failed: The decode worker crashed; it was restarted.');
  });
});

const bitmap = () => {
  const b = { width: 40, height: 30, closed: false, close: () => void (b.closed = true) };
  return b as unknown as ImageBitmap & { closed: boolean };
};
const loaded = (key: string, name: string): LoadResult => ({
  ok: true,
  bitmap: bitmap(),
  thumb: bitmap(),
  notes: [],
  photo: {
    info: { key, name, width: 40, height: 30, decodeMs: ms(5) },
    planes: { width: 40, height: 30, shared: false, src: new Uint8Array(4800), dst: new Uint8Array(4800) },
  },
});
const file = (name: string) => ({ name }) as File;

/** A photo source whose answers the test controls, one pending promise per call. */
function fakeSource() {
  const loads: { id: string; resolve: (r: LoadResult) => void; reject: (e: unknown) => void }[] = [];
  const source: PhotoSource = {
    inspect: (f: File): Promise<Inspection> =>
      f.name.endsWith('.txt')
        ? Promise.resolve({ ok: false, message: `“${f.name}” is not an image.` })
        : f.name === 'crash.png'
          ? Promise.reject(new Error('The decode worker crashed; it was restarted.'))
          : Promise.resolve({ ok: true, thumb: bitmap(), notes: f.name.includes('anim') ? [`“${f.name}” is animated.`] : [] }),
    load: (item) => new Promise((resolve, reject) => loads.push({ id: item.id, resolve, reject })),
    sampleThumb: () => Promise.resolve(bitmap()),
  };
  return { source, loads };
}

function library() {
  const { source, loads } = fakeSource();
  const messages = new MessageStore(() => {});
  const log = { left: 0, status: [] as string[] };
  const lib = new PhotoLibrary(source, messages, {
    leaving: () => {
      log.left++;
    },
    status: (t) => log.status.push(t),
    changed: () => {},
  });
  return { lib, loads, messages, log };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('PhotoLibrary', () => {
  it('queues the sample first and selects it once decoded', async () => {
    const { lib, loads, log } = library();
    const done = lib.addSample();
    expect(lib.loading).toBe(true);
    expect(lib.queue.map((q) => q.id)).toEqual([SAMPLE_ID]);
    loads[0]?.resolve(loaded(SAMPLE_ID, 'Sample'));
    await done;
    expect(lib.loading).toBe(false);
    expect(lib.photo?.info.key).toBe(SAMPLE_ID);
    expect(log.status.at(-1)).toContain('40 × 30 px');
  });

  it('names every file of a drop that cannot be used, queues the rest and selects the first good one', async () => {
    const { lib, messages } = library();
    await lib.addFiles(['a.txt', 'good.png', 'b.txt', 'anim.gif', 'c.txt', 'crash.png', 'd.txt'].map(file));
    expect(lib.queue.map((q) => q.name)).toEqual(['good.png', 'anim.gif']);
    expect(lib.selectedId).toBe(lib.queue[0]?.id);
    const grouped = messages.messages.find((m) => m.text === '5 files could not be used.');
    expect(grouped?.details.join('\n')).toMatch(/a\.txt[\s\S]*b\.txt[\s\S]*c\.txt[\s\S]*crash\.png[\s\S]*d\.txt/);
    expect(grouped?.details.find((d) => d.includes('crash.png'))).toContain('decode worker crashed');
    expect(messages.messages.map((m) => m.text)).toContain('“anim.gif” is animated.');
  });

  it('a decode that fails keeps the photo on screen and says why', async () => {
    const { lib, loads, messages } = library();
    const first = lib.addSample();
    loads[0]?.resolve(loaded(SAMPLE_ID, 'Sample'));
    await first;
    lib.enqueue(file('bad.png'), null, false, true);
    await settle();
    loads[1]?.reject(new Error('The decode worker crashed (out of memory); it was restarted.'));
    await settle();
    expect(lib.loading).toBe(false);
    expect(lib.photo?.info.key).toBe(SAMPLE_ID);
    expect(lib.selectedId).toBe(SAMPLE_ID);
    expect(lib.queue).toHaveLength(2);
    expect(messages.messages.at(-1)?.text).toBe(
      '“bad.png” could not be decoded: The decode worker crashed (out of memory); it was restarted.',
    );
  });

  it('a newer choice wins: the late result of an older decode is closed, not shown', async () => {
    const { lib, loads, log } = library();
    lib.enqueue(file('one.png'), null, false, true);
    lib.enqueue(file('two.png'), null, false, true);
    await settle();
    expect(log.left).toBe(2);
    const late = loaded('photo-1', 'one.png');
    loads[1]?.resolve(loaded('photo-2', 'two.png'));
    await settle();
    loads[0]?.resolve(late);
    await settle();
    expect(lib.photo?.info.name).toBe('two.png');
    expect(late.ok && (late.bitmap as ImageBitmap & { closed: boolean }).closed).toBe(true);
    expect(late.ok && (late.thumb as ImageBitmap & { closed: boolean }).closed).toBe(true);
  });

  it('the sample is listed with its thumbnail before anything is decoded, once however often it is listed', async () => {
    const { lib, loads } = library();
    lib.listSample();
    lib.listSample();
    await settle();
    expect(lib.queue.map((q) => q.id)).toEqual([SAMPLE_ID]);
    expect(lib.queue[0]?.thumb).not.toBeNull();
    expect(lib.selectedId).toBeNull();
    expect(loads).toHaveLength(0);
  });

  it('the queue takes the thumbnail the decode made, and keeps the one it already had', async () => {
    const { lib, loads } = library();
    lib.enqueue(file('bare.png'), null, false, true);
    await settle();
    const first = loaded('photo-1', 'bare.png');
    loads[0]?.resolve(first);
    await settle();
    const kept = lib.queue.find((q) => q.name === 'bare.png')?.thumb;
    expect(kept).toBe(first.ok && first.thumb);
    lib.enqueue(file('again.png'), bitmap(), false, true);
    await settle();
    const second = loaded('photo-2', 'again.png');
    loads[1]?.resolve(second);
    await settle();
    expect(lib.queue.find((q) => q.name === 'again.png')?.thumb).not.toBe(second.ok && second.thumb);
    expect(second.ok && (second.thumb as ImageBitmap & { closed: boolean }).closed).toBe(true);
    expect((kept as ImageBitmap & { closed: boolean }).closed).toBe(false);
  });
});

const run = (id: number, outcome: RunRecord['outcome'], filter = defaultSpec('invert'), photo = 'p'): RunRecord => ({
  id,
  photo: { key: photo, name: 'p.png', width: 1, height: 1, decodeMs: ms(1) },
  outcome,
  tiles: 1,
  tilesDone: outcome === 'done' ? 1 : 0,
  settings: { filter, mode: 'blocking', memory: 'shared', workers: 1, tileSize: 64, kernel: 'js', schedule: 'dynamic', region: null },
  startedAt: epochMs(0),
  wallMs: ms(10),
  readbackMs: ms(1),
  longestTaskMs: ms(10),
  longTaskTotalMs: ms(10),
  longestFrameGapMs: ms(10),
  droppedFrames: 0,
  pageBusyShare: 0.02,
  slices: 1,
  spans: [],
  digest: outcome === 'done' ? 'd' : null,
  bytesCopied: 0,
  faults: [],
});

describe('RunHistory', () => {
  it('keeps every record; only a current, finished one is what the page shows and may download', () => {
    const h = new RunHistory(() => {});
    h.add(run(1, 'done'), true);
    expect(h.shown?.id).toBe(1);
    h.add(run(2, 'done'), false);
    expect(h.shown?.id).toBe(1);
    h.add(run(3, 'cancelled'), true);
    expect(h.shown).toBeNull();
    expect(h.last?.id).toBe(3);
    expect(h.records.map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('charts the newest finished runs of this photo and filter only', () => {
    const h = new RunHistory(() => {});
    for (let i = 1; i <= 15; i++) h.add(run(i, 'done'), true);
    h.add(run(16, 'done', defaultSpec('sepia')), true);
    h.add(run(17, 'done', defaultSpec('invert'), 'other'), true);
    h.add(run(18, 'failed'), true);
    expect(h.chartRuns('p', defaultSpec('invert')).map((r) => r.id)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });
});

describe('ExperimentRunner', () => {
  const setup = {} as ExperimentSetup;
  const hooks = () => {
    const log = { status: [] as string[], failed: [] as string[] };
    return {
      log,
      hooks: {
        status: (t: string) => log.status.push(t),
        failed: (w: string, e: unknown) => log.failed.push(`${w}: ${String(e)}`),
        changed: () => {},
      },
    };
  };

  it('reports progress, keeps the result and says it finished', async () => {
    const { log, hooks: h } = hooks();
    const result = { kind: 'race', workers: 2, rounds: [] } as ExperimentResult;
    const seen: string[] = [];
    const runner = new ExperimentRunner(
      'race',
      () => 'Race condition',
      (_k, ctx) => {
        ctx.onProgress(1, 2);
        seen.push(runner.progress);
        return Promise.resolve(result);
      },
      h,
    );
    await runner.run(setup);
    expect(seen).toEqual(['Race condition: 1 of 2 done…']);
    expect(runner.result).toBe(result);
    expect(runner.running).toBe(false);
    expect(log.status).toEqual(['Race condition finished.']);
  });

  it('a cancelled experiment says so; a failing one says why; neither leaves it running', async () => {
    const { log, hooks: h } = hooks();
    const runner = new ExperimentRunner(
      'cores',
      () => 'How many cores?',
      (_k, ctx) =>
        new Promise((_r, reject) => {
          ctx.signal.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')));
        }),
      h,
    );
    const going = runner.run(setup);
    expect(runner.running).toBe(true);
    runner.cancel();
    await going;
    expect(log.status).toEqual(['How many cores? cancelled.']);
    expect(log.failed).toEqual([]);

    const failing = new ExperimentRunner(
      'tiles',
      () => 'Tile size',
      () => Promise.reject(new Error('worker 2 crashed')),
      h,
    );
    await failing.run(setup);
    expect(failing.running).toBe(false);
    expect(log.status.at(-1)).toBe('Tile size failed.');
    expect(log.failed).toEqual(['Tile size: Error: worker 2 crashed']);
  });
});
