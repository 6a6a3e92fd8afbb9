import { expect, test, type Page } from '@playwright/test';
import type { Outcome } from './harness.js';

/**
 * One failure path for every worker call: a worker that fails to load, dies mid-call or cannot
 * start ends the call with a WorkerFailure naming it, is replaced, and the next call works.
 * Calls are started with `track` and awaited with a bounded wait, so a call that never settles
 * (what Comlink alone does with a dead worker) fails the test rather than stalling it.
 */

/** How long a call to a dead worker may take to settle: far beyond a failure, far below a test. */
const SETTLES_WITHIN = 15_000;

async function openHarness(page: Page, photo?: { width: number; height: number }): Promise<void> {
  await page.goto('/tests/browser/harness.html');
  await page.waitForFunction(() => document.body.dataset['ready'] === 'true');
  if (photo) await page.evaluate(([w, h]) => window.tilelab.load(w, h), [photo.width, photo.height] as const);
}

/** Wait, bounded, for tracked call `id` to settle. */
async function settled(page: Page, id: number): Promise<Outcome<unknown>> {
  const read = () => page.evaluate((id) => window.tilelab.faults.outcome(id), id);
  await expect.poll(read, { message: `call ${id} never settled`, timeout: SETTLES_WITHIN }).not.toBeNull();
  const out = await read();
  if (!out) throw new Error('unreachable: the poll saw it settle');
  return out;
}

/** Errors nobody handled in the page, such as a failure's promise that was never observed. */
let unhandled: string[] = [];
test.beforeEach(({ page }) => {
  unhandled = [];
  page.on('pageerror', (e) => unhandled.push(e.message));
});
test.afterEach(() => expect(unhandled).toEqual([]));

test.describe('decode worker', () => {
  for (const script of ['throws-on-load', 'missing'] as const) {
    test(`one whose script ${script === 'missing' ? 'is missing' : 'throws as it loads'} fails the decode with a message, and the next decode works`, async ({
      page,
    }) => {
      await openHarness(page);
      const id = await page.evaluate((script) => {
        const f = window.tilelab.faults;
        f.breakNextDecodeWorker(script);
        return f.track(f.decodeFile(320, 200));
      }, script);
      const failed = await settled(page, id);
      expect(failed).toMatchObject({ status: 'rejected', name: 'WorkerFailure', failure: { worker: 'decode', kind: 'start', lane: null } });
      expect(failed.status === 'rejected' && failed.message).toMatch(
        script === 'missing'
          ? /^The decode worker failed to start \(its script could not be loaded\); it will be restarted\.$/
          : /^The decode worker failed to start \(.*drill: this worker throws as it loads.*\); it will be restarted\.$/,
      );
      expect(await page.evaluate(() => window.tilelab.faults.decodeWorkerRunning())).toBe(false);

      // The host starts a real worker for the next call by itself: nothing was restored.
      const next = await settled(page, await page.evaluate(() => window.tilelab.faults.track(window.tilelab.faults.decodeFile(321, 203))));
      expect(next).toEqual({ status: 'fulfilled', value: { width: 321, height: 203 } });
      const thumb = await settled(
        page,
        await page.evaluate(() => window.tilelab.faults.track(window.tilelab.faults.inspectFile(320, 200))),
      );
      expect(thumb).toEqual({ status: 'fulfilled', value: { width: 160, height: 100 } });
    });
  }

  test('killed mid-decode, the decode fails with a message; the loaded photo is kept and the next decode works', async ({ page }) => {
    await openHarness(page, { width: 400, height: 300 });
    const before = await page.evaluate(() => window.tilelab.run({ filter: { kind: 'sepia', amount: 1 }, mode: 'blocking' }));
    const id = await page.evaluate(() => {
      const f = window.tilelab.faults;
      // 24 MP: painted and read back for long enough that the kill lands while the worker is on it.
      const call = f.track(f.decodeSample(6000, 4000));
      f.killDecodeWorker();
      return call;
    });
    const failed = await settled(page, id);
    expect(failed).toMatchObject({
      status: 'rejected',
      name: 'WorkerFailure',
      message: 'The decode worker was stopped; it will be restarted.',
      failure: { worker: 'decode', kind: 'stop' },
    });

    const out = await page.evaluate(async () => {
      const f = window.tilelab.faults;
      const again = await window.tilelab.run({ filter: { kind: 'sepia', amount: 1 }, mode: 'blocking' });
      return { again, next: await f.decodeSample(800, 600), png: await f.encodePng() };
    });
    expect(out.again.digest).toBe(before.digest);
    expect(out.next).toEqual({ width: 800, height: 600 });
    expect(out.png).toBeGreaterThan(1000);
  });

  test('an aborted decode settles at once with an AbortError and leaves the worker running', async ({ page }) => {
    await openHarness(page, { width: 64, height: 64 });
    const id = await page.evaluate(() => window.tilelab.faults.track(window.tilelab.faults.decodeSample(1200, 800, true)));
    expect(await settled(page, id)).toMatchObject({ status: 'rejected', name: 'AbortError', failure: null });
    const out = await page.evaluate(async () => ({
      running: window.tilelab.faults.decodeWorkerRunning(),
      next: await window.tilelab.faults.decodeSample(300, 200),
    }));
    expect(out).toEqual({ running: true, next: { width: 300, height: 200 } });
  });
});

test.describe('filter workers', () => {
  test('one whose script fails to start fails the run with its name; it is replaced and the next run matches blocking', async ({
    page,
  }) => {
    await openHarness(page, { width: 600, height: 400 });
    const filter = { kind: 'median', radius: 2 } as const;
    const id = await page.evaluate((filter) => {
      const f = window.tilelab.faults;
      f.breakNextFilterWorker(1, 'throws-on-load');
      return f.track(window.tilelab.run({ filter, mode: 'parallel', workers: 2, tileSize: 64 }));
    }, filter);
    const failed = await settled(page, id);
    expect(failed).toMatchObject({ status: 'fulfilled', value: { outcome: 'failed', tilesDone: 0, digest: null } });
    const record = failed.status === 'fulfilled' ? (failed.value as { error?: string }) : {};
    expect(record.error).toMatch(
      /^Worker 2 failed to start \(.*drill: this worker throws as it loads.*\); it will be restarted for the next run$/,
    );

    const nextId = await page.evaluate(
      (filter) => window.tilelab.faults.track(window.tilelab.run({ filter, mode: 'parallel', workers: 2, tileSize: 64 })),
      filter,
    );
    const next = await settled(page, nextId);
    const base = await page.evaluate((filter) => window.tilelab.run({ filter, mode: 'blocking' }), filter);
    expect(next.status).toBe('fulfilled');
    const after = next.status === 'fulfilled' ? (next.value as typeof base) : base;
    expect(after).toMatchObject({ outcome: 'done', digest: base.digest, faults: [] });
    expect(new Set(after.spans.map((s) => s.lane))).toEqual(new Set([0, 1]));
    expect(await page.evaluate(() => window.tilelab.poolSize())).toBe(2);
  });

  test('starting the pool rejects with a WorkerFailure naming the worker; the next start gets fresh workers', async ({ page }) => {
    await openHarness(page);
    const id = await page.evaluate(() => {
      const f = window.tilelab.faults;
      f.breakNextFilterWorker(0, 'missing');
      return f.track(f.startWorkers(3));
    });
    expect(await settled(page, id)).toMatchObject({
      status: 'rejected',
      name: 'WorkerFailure',
      message: 'Worker 1 failed to start (its script could not be loaded); it will be restarted for the next run',
      failure: { worker: 'filter 1', kind: 'start', lane: 0 },
    });
    const next = await settled(page, await page.evaluate(() => window.tilelab.faults.track(window.tilelab.faults.startWorkers(3))));
    expect(next).toEqual({ status: 'fulfilled', value: 3 });
  });

  test('a call on a pool worker killed mid-call rejects with its failure; the next call gets a fresh worker', async ({ page }) => {
    await openHarness(page, { width: 3000, height: 2000 });
    const id = await page.evaluate(async () => {
      const f = window.tilelab.faults;
      await f.startWorkers(2);
      return f.track(f.digestOn(1, true));
    });
    expect(await settled(page, id)).toMatchObject({
      status: 'rejected',
      name: 'WorkerFailure',
      message: 'Worker 2 stopped mid-run',
      failure: { worker: 'filter 2', kind: 'stop', lane: 1 },
    });
    const out = await page.evaluate(async () => {
      const f = window.tilelab.faults;
      return { fresh: await f.digestOn(1), other: await f.digestOn(0) };
    });
    expect(out.fresh).toMatch(/^[0-9a-f]{64}$/);
    expect(out.fresh).toBe(out.other);
  });
});
