/**
 * Runs the WebAssembly SIMD section of `npm run bench` (see bench/simd.ts for what it measures)
 * in two pages of the same browser: the engine harness (Tilelab, the copy yardstick, ctx.filter)
 * and the peers' bench page (bench/peers.ts), both on the same painted pixels. Each filter's
 * configurations run once per round, interleaved, in an order that rotates by round, after one
 * warm-up round; the runs are sequential, so no two configurations share the cores.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { POOL_MODE } from '../src/core/modes.js';
import type { FilterSpec } from '../src/core/types.js';
import { PEERS_PAGE } from './peers-paths.js';
import { PEER_LIBRARIES, sampleIndices, type PeerCheck, type PeerLibrary } from './peers-plan.js';
import { TILE } from './plan.js';
import { SimdRuns, simdConfigs, type SimdConfig, type SimdRow } from './simd.js';

/** Pixels of Tilelab's output the peers' outputs are compared on. */
const CHECKED_PIXELS = 4096;

export interface PeersPage {
  readonly page: Page;
  /** What each library reported about itself once started. */
  readonly info: Record<PeerLibrary, string>;
}

/** Open the peers' page (built beside the harness by bench/peers-build.ts) and start both libraries. */
export async function openPeers(browser: Browser, origin: string): Promise<PeersPage> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => {
    console.error('peers page error:', e.message);
  });
  await page.goto(`${origin}${PEERS_PAGE}`);
  await page.waitForFunction(() => document.body.dataset['ready'] === 'true');
  const started = await page.evaluate(() => window.peers.start());
  const version = (lib: PeerLibrary): string => {
    const pkg = PEER_LIBRARIES[lib].package;
    const json = JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as { version: string };
    return `${pkg}@${json.version}`;
  };
  return { page, info: { opencv: `${version('opencv')}: ${started.opencv}`, vips: `${version('vips')}: ${started.vips}` } };
}

export interface SimdSectionOptions {
  readonly harness: Page;
  readonly peers: PeersPage | null;
  readonly peerLibraries: readonly PeerLibrary[];
  readonly specs: readonly FilterSpec[];
  readonly cores: number;
  readonly repeats: number;
  readonly width: number;
  readonly height: number;
  readonly log: (line: string) => void;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';

/**
 * Measure every filter of `specs` in every configuration. The harness must have the photo of
 * `width`×`height` loaded; the peers' page is loaded here with the same pixels, checked by SHA-256.
 */
export async function runSimdSection(o: SimdSectionOptions): Promise<SimdRow[]> {
  const { harness, peers, width, height } = o;
  const megapixels = Math.round((width * height) / 1e6);
  if (peers) {
    const [ours, theirs] = [
      await harness.evaluate(() => window.tilelab.sourceDigest()),
      await peers.page.evaluate(([w, h]) => window.peers.load(w, h), [width, height] as const),
    ];
    if (ours !== theirs) throw new Error(`the peers' page painted other pixels than the harness (${theirs} ≠ ${ours})`);
  }
  const indices = sampleIndices(width * height, CHECKED_PIXELS);
  const rows: SimdRow[] = [];

  for (const spec of o.specs) {
    const configs = simdConfigs(spec, o.cores, peers ? o.peerLibraries : []);
    const runs = new SimdRuns(configs);
    let reference: number[] | null = null;

    const measure = async (cfg: SimdConfig, warmUp: boolean): Promise<void> => {
      switch (cfg.kind) {
        case 'tilelab': {
          const settings = { mode: POOL_MODE, memory: 'shared', workers: cfg.workers, kernel: cfg.kernel, tileSize: TILE } as const;
          const r = await harness.evaluate(([filter, s]) => window.tilelab.run({ filter, ...s }), [spec, settings] as const);
          if (r.outcome !== 'done') throw new Error(`${r.outcome}${r.error ? `: ${r.error}` : ''}`);
          // Never let a JavaScript run stand for SIMD: the engine falls back where SIMD cannot run.
          if (r.settings.kernel !== cfg.kernel || r.settings.workers !== cfg.workers || r.settings.memory !== 'shared')
            throw new Error(`ran ${r.settings.kernel} ×${r.settings.workers} (${r.settings.memory}), not what was asked`);
          runs.add(cfg.label, r.wallMs, !warmUp, r.digest);
          // The JavaScript kernel's output on one worker: what the peers' outputs are compared with.
          if (warmUp && cfg.kernel === 'js' && cfg.workers === 1)
            reference = await harness.evaluate((idx) => window.tilelab.samplePixels('dst', idx), indices);
          return;
        }
        case 'copy':
          runs.add(cfg.label, await harness.evaluate((w) => window.tilelab.copyYardstick(w), cfg.workers), !warmUp);
          return;
        case 'css':
          runs.add(cfg.label, (await harness.evaluate((f) => window.tilelab.browserFilter(f), spec)).ms, !warmUp);
          return;
        case 'peer': {
          if (!peers) throw new Error('no peers page');
          runs.add(cfg.label, await peers.page.evaluate((op) => window.peers.run(op), cfg.plan.op), !warmUp);
          if (warmUp && reference) {
            const ref = reference;
            const check: PeerCheck = await peers.page.evaluate(([lib, idx, r]) => window.peers.check(lib, idx, r), [
              cfg.lib,
              indices,
              ref,
            ] as const);
            runs.checked(cfg.label, check);
            if (!check.plausible) console.error(`bench: ${cfg.label} on ${spec.kind}: implausible output: ${check.reason ?? ''}`);
          }
          return;
        }
      }
    };

    for (let rep = -1; rep < o.repeats; rep++) {
      // The warm-up keeps the listed order (JavaScript ×1 first: the peers are checked against it); later rounds rotate.
      const k = Math.max(0, rep) % configs.length;
      for (const cfg of [...configs.slice(k), ...configs.slice(0, k)]) {
        if (runs.failed(cfg.label)) continue;
        try {
          await measure(cfg, rep < 0);
        } catch (e) {
          // A kernel that traps (not written yet) or a library that throws stops that configuration, not the benchmark.
          runs.fail(cfg.label, message(e));
          console.error(`bench: ${spec.kind} ${cfg.label} failed: ${message(e)}`);
        }
      }
    }
    const row = runs.row(spec, { megapixels, width, height });
    rows.push(row);
    o.log(
      `simd ${row.filter.padEnd(16)} ` +
        row.configs.map((c) => `${c.label} ${c.error ? 'failed' : `${c.medianMs.toFixed(c.medianMs < 10 ? 1 : 0)}ms`}`).join('  ') +
        `  identical=${row.identical}`,
    );
    const failed = row.configs.filter((c) => c.kind === 'tilelab' && c.error);
    if (failed.length)
      console.error(`bench: ${row.filter}: ${failed.map((c) => `${c.label} failed (${c.error ?? ''})`).join(', ')}: no SHA-256 to compare`);
    else if (!row.identical)
      console.error(
        `bench: ${row.filter}: SIMD and JavaScript did NOT give the same SHA-256 in every run: ` +
          row.configs
            .filter((c) => c.kind === 'tilelab')
            .map((c) => `${c.label} ${c.digests.map((d) => d.slice(0, 12)).join('/')}`)
            .join(', '),
      );
  }
  return rows;
}
