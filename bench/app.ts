/// <reference types="node" />
/**
 * The app the class sees, measured the way the class uses it: the built app, served with its
 * isolation headers, driven through its own controls (meter on, tiles drawn, timeline live) in
 * a 1280×720 page. The page's own main-thread cost comes from the DevTools protocol
 * (`Performance.getMetrics`: TaskDuration), sampled every SAMPLE_MS during each run.
 */
import type { Browser, CDPSession, Page } from '@playwright/test';
import { build, preview } from 'vite';
import { compareConfigs, type CompareConfig } from '../src/core/compare.js';
import { filterInfo } from '../src/core/filters.js';
import { KERNEL_CHOICES, KERNELS, type KernelChoice } from '../src/core/kernel-choice.js';
import { MODES } from '../src/core/modes.js';
import type { RunRecord } from '../src/core/record.js';
import type { FilterSpec } from '../src/core/types.js';
import { samplePng } from '../tests/fixtures.js';
import { poolLabel, TILE } from './plan.js';
import { tilelabLabel } from './simd.js';

/** How often the page's busy time is read during a run, in ms. */
const SAMPLE_MS = 100;
/** The harness paints its photos with the sample painter's default seed: the same pixels, so the same work. */
const SAMPLE_SEED = 7;
/** How long the idle page is watched, in ms. */
const IDLE_MS = 10_000;

export interface AppRun {
  readonly wallMs: number;
  readonly longestTaskMs: number;
  /**
   * Busy share of the page's main thread during the run, from the DevTools protocol; null for
   * the page-thread modes, whose thread is busy filtering (and cannot answer the protocol meanwhile).
   */
  readonly cdpBusy: number | null;
  /** The same, as the page measured it itself (RunRecord.pageBusyShare). */
  readonly pageBusy: number;
  readonly digest: string | null;
}

export interface AppConfigResult {
  readonly label: string;
  readonly kernel: KernelChoice;
  /**
   * The harness's label for the same configuration: "parallel×2" in its main table (JavaScript),
   * "SIMD ×2" in its WebAssembly SIMD section; null where the harness has none (SIMD on the page's thread).
   */
  readonly harness: string | null;
  readonly runs: AppRun[];
}

export interface AppBench {
  readonly megapixels: number;
  readonly filter: FilterSpec;
  readonly idleBusy: number;
  readonly idleThread: number;
  readonly configs: AppConfigResult[];
  readonly identical: boolean;
}

type Metrics = Record<string, number>;

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

const share = (a: Metrics, b: Metrics, key = 'TaskDuration'): number =>
  ((b[key] ?? 0) - (a[key] ?? 0)) / ((b['Timestamp'] ?? 0) - (a['Timestamp'] ?? 0));

/** The app's last RunRecord, read from its own history: what its runs table shows. */
const lastRecord = (page: Page): Promise<RunRecord | null> =>
  page.evaluate(() => (document.querySelector('tl-app') as unknown as { history: { last: RunRecord | null } }).history.last);
/** Only its id: polled during a run, so the poll itself costs the page next to nothing. */
const lastId = (page: Page): Promise<number> =>
  page.evaluate(() => (document.querySelector('tl-app') as unknown as { history: { last: RunRecord | null } }).history.last?.id ?? 0);

/** Set the controls for `config` and run once; the busy share is read between the run's first and last samples. */
async function runOnce(
  page: Page,
  cdp: CDPSession,
  config: CompareConfig,
  kernel: KernelChoice,
  filter: FilterSpec,
  previousId: number,
): Promise<AppRun & { id: number }> {
  const { mode, workers } = config.change;
  await page.getByLabel('Mode', { exact: true }).selectOption({ label: MODES[mode].label });
  await page.getByLabel('Kernel', { exact: true }).selectOption({ label: KERNELS[kernel].label });
  if (!MODES[mode].usesPageThread) await page.getByLabel('Workers', { exact: true }).fill(String(workers));
  await page.getByLabel('Tile size', { exact: true }).selectOption({ label: `${TILE} px` });
  // Read before the click: during a page-thread run the page cannot answer until it is done.
  const first = await metrics(cdp);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  let last = first;
  while ((await lastId(page)) <= previousId) {
    last = await metrics(cdp);
    await new Promise((r) => setTimeout(r, SAMPLE_MS));
  }
  const r = await lastRecord(page);
  const label = `${config.label}, ${KERNELS[kernel].label}`;
  if (!r || r.outcome !== 'done') throw new Error(`app ${label}: ${r?.outcome ?? 'no record'} ${r?.error ?? ''}`);
  // The controls really said what this row claims (the kernel as it ran: the app falls back to JavaScript where SIMD cannot run).
  if (
    r.settings.mode !== mode ||
    (!MODES[mode].usesPageThread && r.settings.workers !== workers) ||
    r.settings.tileSize !== TILE ||
    r.settings.kernel !== kernel ||
    JSON.stringify(r.settings.filter) !== JSON.stringify(filter)
  )
    throw new Error(`app ${label}: the run had ${JSON.stringify({ ...r.settings, spans: undefined })}`);
  return {
    id: r.id,
    wallMs: r.wallMs,
    longestTaskMs: r.longestTaskMs,
    cdpBusy: MODES[mode].usesPageThread ? null : share(first, last),
    pageBusy: r.pageBusyShare,
    digest: r.digest,
  };
}

/**
 * Build the app, serve it, and measure: the idle page for IDLE_MS, then Blocking, Concurrent,
 * Parallel ×1 and ×N, each with the JavaScript and the WebAssembly SIMD kernel, on a photo-like
 * `width`×`height` PNG chosen through the app's own file control, `filter` at its defaults (chosen
 * through the Filter control), `repeats` rounds after a warm-up, interleaved and rotated.
 */
export async function benchApp(
  browser: Browser,
  port: number,
  width: number,
  height: number,
  repeats: number,
  filter: FilterSpec,
): Promise<AppBench> {
  await build({ logLevel: 'warn' });
  const server = await preview({ preview: { port, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('app page error:', e.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`http://127.0.0.1:${port}/`);
    const status = page.getByRole('status').filter({ hasText: /\S/ }).first();
    await status.filter({ hasText: 'Ready to run' }).waitFor({ timeout: 120_000 });
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);

    // Idle: the sample photo loaded, the meter running, no run.
    await page.waitForTimeout(2000);
    const i0 = await metrics(cdp);
    await page.waitForTimeout(IDLE_MS);
    const i1 = await metrics(cdp);

    const name = `bench-${width}x${height}.png`;
    await page
      .getByLabel('Choose photos', { exact: true })
      .setInputFiles([{ name, mimeType: 'image/png', buffer: samplePng(width, height, SAMPLE_SEED) }]);
    await page.getByText(`${name}: ${width} × ${height} px`).first().waitFor({ timeout: 180_000 });
    await status
      .filter({ hasText: 'Ready to run' })
      .waitFor({ timeout: 60_000 })
      .catch(() => undefined);

    // The harness's filter at its defaults, chosen through the Filter control (which resets the parameters).
    await page.getByLabel('Filter', { exact: true }).selectOption({ label: filterInfo(filter.kind).label });
    const configs = compareConfigs(cores).flatMap((config) => KERNEL_CHOICES.map((kernel) => ({ config, kernel })));
    const results: AppConfigResult[] = configs.map(({ config: c, kernel }) => {
      const pool = !MODES[c.change.mode].usesPageThread;
      return {
        label: `${c.label}, ${KERNELS[kernel].label}`,
        kernel,
        harness:
          kernel === 'js'
            ? pool
              ? poolLabel(c.change.mode, c.change.workers)
              : c.change.mode
            : pool
              ? tilelabLabel(kernel, c.change.workers)
              : null,
        runs: [],
      };
    });
    let id = (await lastRecord(page))?.id ?? 0;
    for (let rep = -1; rep < repeats; rep++) {
      const k = Math.max(0, rep) % configs.length;
      const order = [...configs.keys()].slice(k).concat([...configs.keys()].slice(0, k));
      for (const i of order) {
        const config = configs[i];
        const result = results[i];
        if (!config || !result) continue;
        const r = await runOnce(page, cdp, config.config, config.kernel, filter, id);
        id = r.id;
        if (rep >= 0) result.runs.push(r);
      }
    }
    const digests = new Set(results.flatMap((c) => c.runs.map((r) => r.digest)));
    return {
      megapixels: Math.round((width * height) / 1e6),
      filter,
      idleBusy: share(i0, i1),
      idleThread: share(i0, i1, 'ThreadTime'),
      configs: results,
      identical: digests.size === 1 && !digests.has(null),
    };
  } finally {
    await context.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
