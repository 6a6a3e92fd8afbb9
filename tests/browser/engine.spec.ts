import { expect, test, type Page } from '@playwright/test';
import type { FilterSpec } from '../../src/core/types.js';

async function openHarness(page: Page, width: number, height: number): Promise<void> {
  await page.goto('/tests/browser/harness.html');
  await page.waitForFunction(() => document.body.dataset['ready'] === 'true');
  await page.evaluate(([w, h]) => window.tilelab.load(w, h), [width, height] as const);
}

test('JPEGs with EXIF orientation 1, 6 and 3, and one in Display P3, decode to exactly the bytes the browser draws, turned where they should be', async ({
  page,
}) => {
  await openHarness(page, 16, 16);
  for (const [orientation, turned, space] of [
    [1, false, 'srgb'],
    [6, true, 'srgb'],
    [3, false, 'srgb'],
    [1, false, 'display-p3'],
  ] as const) {
    const r = await page.evaluate(([o, s]) => window.tilelab.decodeJpegBothWays(320, 200, o, s), [orientation, space] as const);
    const what = `orientation ${orientation}, ${space}`;
    expect(r.differ, what).toBe(0);
    expect([r.width, r.height], what).toEqual(turned ? [200, 320] : [320, 200]);
  }
});

test.describe('against the browser’s own ctx.filter', () => {
  const specs: FilterSpec[] = [
    { kind: 'grayscale', amount: 1 },
    { kind: 'grayscale', amount: 0.35 },
    { kind: 'sepia', amount: 1 },
    { kind: 'sepia', amount: 0.6 },
    { kind: 'invert', amount: 1 },
    { kind: 'invert', amount: 0.25 },
    { kind: 'brightness', amount: 1.8 },
    { kind: 'brightness', amount: 0.4 },
    { kind: 'contrast', amount: 1.6 },
    { kind: 'contrast', amount: 0.3 },
    { kind: 'blur', sigma: 2 },
    { kind: 'blur', sigma: 4 },
    { kind: 'blur', sigma: 6.5 },
    { kind: 'blur', sigma: 12 },
  ];
  // One page for every filter: opening the harness costs more than comparing a 320 × 240 image.
  test('every point filter and blur is within ±1 per channel of it', async ({ page }) => {
    await openHarness(page, 320, 240);
    for (const filter of specs) {
      const diff = await page.evaluate(async (filter) => {
        const r = await window.tilelab.run({ filter, mode: 'parallel', workers: 2, tileSize: 64 });
        const ours = window.tilelab.pixels('dst');
        const theirs = (await window.tilelab.browserFilter(filter)).pixels;
        if (!theirs) throw new Error('the browser filter returned no pixels');
        // The browser blurs with transparent black beyond the edge; the lab replicates the edge.
        const m = filter.kind === 'blur' ? Math.ceil(filter.sigma * 3 * 1.88) + 2 : 0;
        let max = 0,
          compared = 0;
        for (let y = m; y < 240 - m; y++)
          for (let x = m; x < 320 - m; x++)
            for (let c = 0; c < 4; c++) {
              const i = (y * 320 + x) * 4 + c;
              const a = ours[i],
                b = theirs[i];
              if (a === undefined || b === undefined) throw new Error(`no channel value at ${i}`);
              max = Math.max(max, Math.abs(a - b));
              compared++;
            }
        const changed = ours.some((v, i) => v !== window.tilelab.pixels('src')[i]);
        return { max, compared, outcome: r.outcome, changed };
      }, filter);
      const name = JSON.stringify(filter);
      expect(diff.outcome, name).toBe('done');
      expect(diff.compared, name).toBeGreaterThan(10_000);
      expect(diff.changed, name).toBe(true);
      expect(diff.max, name).toBeLessThanOrEqual(1);
    }
  });
});

test.describe('parallel mode on shared memory', () => {
  test('every worker count and tile size gives the blocking result, with spans on one clock', async ({ page }) => {
    await openHarness(page, 700, 460);
    const filter: FilterSpec = { kind: 'median', radius: 2 };
    const out = await page.evaluate(async (filter) => {
      const base = await window.tilelab.run({ filter, mode: 'blocking', tileSize: 128 });
      const runs = [];
      for (const workers of [1, 2, 3, 4])
        for (const tileSize of [16, 100, 256, 1024]) {
          const r = await window.tilelab.run({ filter, mode: 'parallel', workers, tileSize });
          const lanes = [...new Set(r.spans.map((s) => s.lane))];
          const inside = r.spans.every((s) => s.start >= r.startedAt - 1 && s.end <= r.startedAt + r.wallMs + 1 && s.end >= s.start);
          runs.push({
            workers,
            tileSize,
            digest: r.digest,
            tiles: r.tiles,
            spans: r.spans.length,
            lanes,
            inside,
            memory: r.settings.memory,
          });
        }
      return { base: base.digest, runs, pool: window.tilelab.poolSize() };
    }, filter);
    expect(out.base).toMatch(/^[0-9a-f]{64}$/);
    for (const r of out.runs) {
      expect(r, JSON.stringify(r)).toMatchObject({ digest: out.base, spans: r.tiles, inside: true, memory: 'shared' });
      expect(Math.max(...r.lanes)).toBeLessThan(r.workers);
    }
    // The pool is made once and reused: never more workers than the largest run asked for.
    expect(out.pool).toBe(4);
  });

  test('static schedule gives each worker its fixed, contiguous block', async ({ page }) => {
    await openHarness(page, 512, 256);
    const r = await page.evaluate(() =>
      window.tilelab.run({ filter: { kind: 'sobel' }, mode: 'parallel', workers: 3, tileSize: 64, schedule: 'static' }),
    );
    expect(r.outcome).toBe('done');
    expect(r.spans).toHaveLength(32);
    // 32 tiles over 3 lanes: tiles 0–9, 10–20 and 21–31.
    for (const s of r.spans) expect(s.lane, `tile ${s.tile}`).toBe(s.tile < 10 ? 0 : s.tile < 21 ? 1 : 2);
  });

  test('cancel stops a run part-way and the pool still works afterwards', async ({ page }) => {
    await openHarness(page, 1600, 1200);
    const filter: FilterSpec = { kind: 'median', radius: 8 };
    const out = await page.evaluate(async (filter) => {
      const cancelled = await window.tilelab.run({ filter, mode: 'parallel', workers: 2, tileSize: 64 }, { cancelAfterTiles: 20 });
      const again = await window.tilelab.run({ filter: { kind: 'invert', amount: 1 }, mode: 'parallel', workers: 2 });
      const base = await window.tilelab.run({ filter: { kind: 'invert', amount: 1 }, mode: 'blocking' });
      return { cancelled, again: again.digest, base: base.digest };
    }, filter);
    expect(out.cancelled.outcome).toBe('cancelled');
    expect(out.cancelled.digest).toBeNull();
    expect(out.cancelled.tilesDone).toBeGreaterThanOrEqual(20);
    expect(out.cancelled.tilesDone).toBeLessThan(out.cancelled.tiles);
    expect(out.again).toBe(out.base);
  });

  test('message passing copies every tile and still gives the same pixels', async ({ page }) => {
    await openHarness(page, 600, 400);
    const out = await page.evaluate(async () => {
      const filter = { kind: 'blur', sigma: 3 } as const;
      const shared = await window.tilelab.run({ filter, mode: 'parallel', workers: 2, tileSize: 128 });
      const message = await window.tilelab.run({ filter, mode: 'parallel', memory: 'message', workers: 2, tileSize: 128 });
      return { shared, message };
    });
    expect(out.message.digest).toBe(out.shared.digest);
    expect(out.message.settings.memory).toBe('message');
    expect(out.shared.bytesCopied).toBe(0);
    // Each tile's read area (tile plus halo) goes out, its own pixels come back.
    expect(out.message.bytesCopied).toBeGreaterThan(2 * 600 * 400 * 4);
  });

  test('without shared memory, parallel mode falls back to messages', async ({ page }) => {
    await page.goto('/tests/browser/harness.html');
    await page.waitForFunction(() => document.body.dataset['ready'] === 'true');
    const out = await page.evaluate(async () => {
      await window.tilelab.load(300, 200, false);
      const parallel = await window.tilelab.run({ filter: { kind: 'sepia', amount: 1 }, mode: 'parallel', workers: 2 });
      const blocking = await window.tilelab.run({ filter: { kind: 'sepia', amount: 1 }, mode: 'blocking' });
      return { parallel, blocking };
    });
    expect(out.parallel.settings.memory).toBe('message');
    expect(out.parallel.digest).toBe(out.blocking.digest);
  });
});

test.describe('concurrent mode', () => {
  /** Timer ticks that ran between the first tile's start and the last tile's end. */
  async function ticksDuring(page: Page, mode: 'concurrent' | 'blocking', fallback = false) {
    return page.evaluate(
      async ([mode, fallback]) => {
        const ticks: number[] = [];
        const timer = setInterval(() => ticks.push(performance.timeOrigin + performance.now()), 5);
        const r = await window.tilelab.run({ filter: { kind: 'median', radius: 3 }, mode, tileSize: 64 }, { fallback });
        clearInterval(timer);
        const first = Math.min(...r.spans.map((s) => s.start));
        const last = Math.max(...r.spans.map((s) => s.end));
        return { r, during: ticks.filter((t) => t > first && t < last).length };
      },
      [mode, fallback] as const,
    );
  }

  test('filters in idle slices, letting timers run in between; same pixels as blocking', async ({ page }) => {
    await openHarness(page, 900, 600);
    const blocking = await ticksDuring(page, 'blocking');
    const concurrent = await ticksDuring(page, 'concurrent');
    expect(blocking.r.slices).toBe(1);
    expect(blocking.during).toBe(0);
    expect(concurrent.r.slices).toBeGreaterThan(3);
    expect(concurrent.during).toBeGreaterThan(3);
    expect(concurrent.r.digest).toBe(blocking.r.digest);
    // Each slice stops before its deadline by the measured tile cost, so on this workload the
    // longest slice stays far below the whole blocking loop.
    expect(concurrent.r.longestTaskMs).toBeLessThan(blocking.r.longestTaskMs);
  });

  test('the fallback scheduler (no requestIdleCallback) does the same job', async ({ page }) => {
    await openHarness(page, 600, 400);
    const blocking = await ticksDuring(page, 'blocking');
    const fallback = await ticksDuring(page, 'concurrent', true);
    expect(fallback.r.slices).toBeGreaterThan(3);
    expect(fallback.during).toBeGreaterThan(3);
    expect(fallback.r.digest).toBe(blocking.r.digest);
  });

  test('cancel stops between slices', async ({ page }) => {
    await openHarness(page, 1200, 900);
    const r = await page.evaluate(() =>
      window.tilelab.run({ filter: { kind: 'median', radius: 6 }, mode: 'concurrent', tileSize: 64 }, { cancelAfterTiles: 10 }),
    );
    expect(r.outcome).toBe('cancelled');
    expect(r.tilesDone).toBeGreaterThanOrEqual(10);
    expect(r.tilesDone).toBeLessThan(r.tiles);
  });
});

test.describe('race experiment', () => {
  test('Atomics.add always counts every pixel; plain ++ never counts more', async ({ page }) => {
    await openHarness(page, 1500, 1000);
    const { exact, rounds } = await page.evaluate(async () => {
      const rounds = [];
      for (let i = 0; i < 4; i++)
        rounds.push({ plain: await window.tilelab.race(2, 'plain'), atomic: await window.tilelab.race(2, 'atomic') });
      return { exact: window.tilelab.exactBins(), rounds };
    });
    expect(exact.reduce((a, b) => a + b, 0)).toBe(1_500_000);
    for (const r of rounds) {
      expect(r.atomic).toMatchObject({ expected: 1_500_000, counted: 1_500_000, lost: 0 });
      // Every pixel in the bin one thread alone puts it in.
      expect(r.atomic.bins).toEqual(exact);
      expect(r.plain.expected).toBe(1_500_000);
      expect(r.plain.counted).toBeLessThanOrEqual(1_500_000);
      // A lost update only ever takes a count away, so no bin holds more than the exact count.
      const over = r.plain.bins.flatMap((n, bin) => (n > (exact[bin] ?? 0) ? [{ bin, n, exact: exact[bin] }] : []));
      expect(over).toEqual([]);
    }
  });
});

test.describe('worker faults', () => {
  test('a worker that throws mid-run is reported and replaced, and the output is unchanged', async ({ page }) => {
    await openHarness(page, 1200, 800);
    const out = await page.evaluate(async () => {
      const filter = { kind: 'median', radius: 4 } as const;
      const clean = await window.tilelab.run({ filter, mode: 'parallel', workers: 2, tileSize: 64 });
      const hurt = await window.tilelab.run(
        { filter, mode: 'parallel', workers: 2, tileSize: 64 },
        { throwInWorker: { index: 0, afterTiles: 10 } },
      );
      return { clean, hurt };
    });
    expect(out.hurt.outcome).toBe('done');
    expect(out.hurt.faults).toEqual([
      expect.stringMatching(
        /^Worker 1 threw: .*fault drill.*; its unfinished tiles were filtered by the other workers, and it was replaced\.$/,
      ),
    ]);
    expect(out.hurt.digest).toBe(out.clean.digest);
    expect(out.hurt.spans.filter((s) => s.lane === 0)).toHaveLength(10);
  });

  for (const memory of ['shared', 'message'] as const) {
    test(`a worker that dies mid-run (${memory}) is reported and replaced, and the output is unchanged`, async ({ page }) => {
      await openHarness(page, 1200, 800);
      const out = await page.evaluate(async (memory) => {
        const filter = { kind: 'median', radius: 4 } as const;
        const clean = await window.tilelab.run({ filter, mode: 'parallel', memory, workers: 2, tileSize: 64 });
        const hurt = await window.tilelab.run(
          { filter, mode: 'parallel', memory, workers: 2, tileSize: 64 },
          { killWorker: { index: 1, afterTiles: 30 } },
        );
        const after = await window.tilelab.run({ filter, mode: 'parallel', memory, workers: 2, tileSize: 64 });
        return { clean, hurt, after, pool: window.tilelab.poolSize() };
      }, memory);
      expect(out.hurt.outcome).toBe('done');
      expect(out.hurt.faults).toHaveLength(1);
      expect(out.hurt.faults[0]).toMatch(/^Worker 2 stopped mid-run; its unfinished tiles were filtered by the other workers/);
      expect(out.hurt.digest).toBe(out.clean.digest);
      expect(out.hurt.spans).toHaveLength(out.hurt.tiles);
      // The replacement takes part in the next run.
      expect(out.after.faults).toHaveLength(0);
      expect(new Set(out.after.spans.map((s) => s.lane))).toEqual(new Set([0, 1]));
      expect(out.after.digest).toBe(out.clean.digest);
      expect(out.pool).toBe(2);
    });
  }
});
