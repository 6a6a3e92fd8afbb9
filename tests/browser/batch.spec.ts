import { expect, test, type Page } from '@playwright/test';
import type { BatchSpan } from '../../src/core/batch.js';
import type { LabOptions, LabResult } from './batch-harness.js';

/**
 * A batch on the real engine: files read, decoded in the decode worker, filtered by the pool,
 * encoded in the encode worker and streamed into a ZIP, which the page reads back.
 */

async function openLab(page: Page): Promise<void> {
  await page.goto('/tests/browser/batch-harness.html');
  await page.waitForFunction(() => document.body.dataset['ready'] === 'true');
}

const runLab = (page: Page, o: LabOptions): Promise<LabResult> => page.evaluate((o) => window.batchLab.run(o), o);

const median = { kind: 'median', radius: 1 } as const;
const overlap = (a: BatchSpan, b: BatchSpan): boolean => a.start < b.end && b.start < a.end;
const crossStage = (spans: readonly BatchSpan[]): number =>
  spans.flatMap((a, i) => spans.slice(i + 1).filter((b) => a.stage !== b.stage && overlap(a, b))).length;

test('both schedules save the same files from a queue of good and bad photos, and skip the bad ones by name', async ({ page }) => {
  await openLab(page);
  const one = await runLab(page, { schedule: 'sequential', filter: median });
  const piped = await runLab(page, { schedule: 'pipelined', filter: median });

  const names = ['lake-median-r1.jpg', 'sunset-median-r1.png', 'lake-median-r1-2.jpg', 'sample-lake-at-sunset-median-r1.png'];
  for (const r of [one, piped]) {
    expect(r.entries.map((e) => e.name)).toEqual(names);
    expect(r.summary.saved.map((s) => s.savedAs)).toEqual(names);
    expect(r.summary.skipped.map((s) => [s.photo, s.stage])).toEqual([
      ['notes.jpg', 'decode'],
      ['empty.png', 'decode'],
    ]);
    expect(r.summary.skipped[0]?.reason).toContain('text file');
    expect(r.summary.skipped[1]?.reason).toContain('empty');
    expect(r.entries.every((e) => e.bytes > 0)).toBe(true);
  }
  // The same pixels, and the same encoded files, whichever schedule.
  expect(Object.values(piped.digests)).toHaveLength(4);
  expect(piped.digests).toEqual(one.digests);
  expect(piped.entries).toEqual(one.entries);
  // Two photos with the same pixels give the same file under their two names.
  expect(one.entries[0]?.sha).toBe(one.entries[2]?.sha);

  // Photos hand their kernel memory on: one after another, the second lake reuses what the first held.
  expect(one.kernelMemories).toBeGreaterThan(0);
  expect(one.kernelMemories).toBeLessThan(one.summary.saved.length);

  expect(crossStage(one.summary.spans)).toBe(0);
  expect(crossStage(piped.summary.spans)).toBeGreaterThan(0);
  expect(piped.summary.peakInFlight).toBeLessThanOrEqual(3);
});

test('a long batch of same-size photos reserves no more kernel memories than it has photos in flight', async ({ page }) => {
  await openLab(page);
  const photos = { count: 7, width: 640, height: 480, type: 'image/jpeg' } as const;
  const piped = await runLab(page, { schedule: 'pipelined', filter: median, photos, sink: 'count' });
  const one = await runLab(page, { schedule: 'sequential', filter: median, photos, sink: 'count' });
  expect(piped.summary.saved).toHaveLength(7);
  expect(piped.kernelMemories).toBeGreaterThan(0);
  expect(piped.kernelMemories).toBeLessThanOrEqual(piped.summary.peakInFlight);
  expect(one.kernelMemories).toBe(1);
  // Reused memories give the same pixels as fresh ones.
  expect(piped.digests).toEqual(one.digests);
});

test('a batch cancelled after its first save keeps what was saved in the ZIP and starts no stage after', async ({ page }) => {
  await openLab(page);
  const r = await runLab(page, { schedule: 'pipelined', filter: median, cancelAfterSaved: 1 });
  expect(r.summary.cancelled).toBe(true);
  const saved = r.summary.saved.map((s) => s.savedAs);
  expect(saved[0]).toBe('lake-median-r1.jpg');
  expect(r.entries.map((e) => e.name)).toEqual(saved);
  const abortedAt = r.abortedAt ?? NaN;
  expect(r.summary.spans.filter((s) => s.start > abortedAt)).toEqual([]);
  // The sample, last in the queue, cannot have been saved before the cancel: it stays unfinished.
  expect(r.summary.unfinished.map((u) => u.photo)).toContain('Sample: lake at sunset');
  expect(r.summary.unfinished.length + r.summary.skipped.length + r.summary.saved.length).toBe(r.summary.total);
});
