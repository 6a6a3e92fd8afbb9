import { describe, expect, it } from 'vitest';
import {
  browserFromBrands,
  browserFromUserAgent,
  devicesSummary,
  parseExport,
  platformFromUserAgent,
  type DeviceCurve,
} from '../../src/core/devices.js';
import { EXPORT_FORMAT, EXPORT_VERSION, type DeviceInfo } from '../../src/core/record.js';

/** An exported run, as JSON.stringify writes a RunRecord: only what a speedup reads varies. */
const run = (workers: number, wallMs: number, over: { mode?: string; outcome?: string; photo?: string; kernel?: string } = {}) => ({
  id: 1,
  photo: { key: 'photo-1', name: over.photo ?? 'lake.jpg', width: 400, height: 300, decodeMs: 5 },
  settings: {
    filter: { kind: 'median', radius: 2 },
    mode: over.mode ?? 'parallel',
    memory: 'shared',
    workers,
    kernel: over.kernel ?? 'js',
    tileSize: 64,
    schedule: 'dynamic',
    region: null,
  },
  outcome: over.outcome ?? 'done',
  tiles: 20,
  tilesDone: 20,
  wallMs,
  spans: [],
  digest: 'ab',
});

const laptop: DeviceInfo = { cores: 8, browser: 'Chrome 131', platform: 'macOS', simd: true };
const current = (runs: unknown[], experiments: Record<string, unknown> = {}, device: unknown = laptop) =>
  JSON.stringify({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: '2026-11-25T10:00:00Z',
    device,
    runs,
    experiments,
    compare: null,
  });

/** A device's curve: speedups as [workers, speedup] pairs. */
const curve = (
  file: string,
  device: DeviceInfo | null,
  source: string,
  ...points: readonly (readonly [number, number])[]
): DeviceCurve => ({
  file,
  device,
  source,
  points: points.map(([workers, speedup]) => ({ workers, speedup })),
});

const coresPoints = [
  { workers: 1, medianMs: 100, speedup: 1 },
  { workers: 2, medianMs: 52, speedup: 1.92 },
  { workers: 4, medianMs: 30, speedup: 3.33 },
];

describe('parseExport', () => {
  it.each<[string, string, string, DeviceCurve]>([
    [
      'a current export: median 1-worker wall ÷ median N-worker wall',
      'laptop.json',
      current([run(1, 100), run(1, 120), run(1, 110), run(2, 55), run(4, 40), run(4, 20), run(4, 30), run(4, 35)]),
      curve('laptop.json', laptop, 'Median r=2px on lake.jpg (JavaScript)', [1, 1], [2, 2], [4, 110 / 32.5]),
    ],
    [
      'an old export (a bare list of runs), whose device is unknown',
      'old.json',
      JSON.stringify([run(1, 90), run(3, 30)]),
      curve('old.json', null, 'Median r=2px on lake.jpg (JavaScript)', [1, 1], [3, 3]),
    ],
    [
      'the cores experiment, preferred over the runs',
      'tablet.json',
      current([run(1, 100), run(2, 80)], { cores: { kind: 'cores', cores: 4, points: coresPoints, fit: null, serialBounds: null } }),
      curve('tablet.json', laptop, 'the cores experiment', ...coresPoints.map(({ workers, speedup }) => [workers, speedup] as const)),
    ],
    [
      'the photo and filter with the most worker counts; other modes, failures and other photos do not mix in',
      'mixed.json',
      current([
        run(1, 100, { photo: 'a.jpg' }),
        run(2, 50, { photo: 'a.jpg' }),
        run(1, 80, { photo: 'b.jpg' }),
        run(2, 40, { photo: 'b.jpg' }),
        run(4, 20, { photo: 'b.jpg' }),
        run(4, 1, { photo: 'b.jpg', outcome: 'cancelled' }),
        run(8, 1, { photo: 'b.jpg', mode: 'blocking' }),
        run(2, 10, { photo: 'b.jpg', kernel: 'simd' }),
      ]),
      curve('mixed.json', laptop, 'Median r=2px on b.jpg (JavaScript)', [1, 1], [2, 2], [4, 4]),
    ],
  ])('reads %s', (_, file, text, curve) => {
    const parsed = parseExport(file, text);
    expect(parsed).toEqual({ ok: true, curve });
  });

  it.each([
    ['bad JSON', 'notes.json', '{"runs": [', '“notes.json” is not JSON'],
    ['a text file', 'photo.txt', 'hello', '“photo.txt” is not JSON'],
    [
      'foreign JSON (an object)',
      'package.json',
      JSON.stringify({ name: 'x', version: '1.0.0' }),
      '“package.json” is JSON but not a Tilelab export',
    ],
    ['foreign JSON (a list of other things)', 'list.json', JSON.stringify([1, 2, 3]), '“list.json” is JSON but not a Tilelab export'],
    ['an empty list', 'empty.json', '[]', '“empty.json” is JSON but not a Tilelab export'],
    [
      'no 1-worker runs',
      'no-one.json',
      current([run(2, 50), run(4, 30)]),
      '“no-one.json” is a Tilelab export, but it has no parallel runs',
    ],
    [
      'runs at one worker count only',
      'one-count.json',
      current([run(1, 50), run(1, 60)]),
      '“one-count.json” is a Tilelab export, but it has no parallel runs',
    ],
    ['no runs at all', 'none.json', current([]), '“none.json” is a Tilelab export, but it has no parallel runs'],
    [
      'a cores experiment without a 1-worker point, and no runs',
      'half.json',
      current([], { cores: { kind: 'cores', points: [{ workers: 2, speedup: 2 }] } }),
      '“half.json” is a Tilelab export, but',
    ],
  ])('refuses %s, naming the file', (_, file, text, message) => {
    const parsed = parseExport(file, text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it('reads an export whose device field is damaged, as an unknown device', () => {
    const parsed = parseExport('odd.json', current([run(1, 10), run(2, 5)], {}, { cores: 'eight' }));
    expect(parsed.ok && parsed.curve.device).toBeNull();
  });
});

describe('the browser and platform', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Chrome 131',
      'Windows',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge 131',
      'Windows',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      'Safari 17.5',
      'macOS',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari 17.5',
      'iOS',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox 133', 'Linux'],
    [
      'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
      'Samsung Internet 25',
      'Android',
    ],
    ['curl/8.0', 'Unknown browser', ''],
  ])('%s is %s on %s', (ua, browser, platform) => {
    expect(browserFromUserAgent(ua)).toBe(browser);
    expect(platformFromUserAgent(ua)).toBe(platform);
  });

  it.each([
    [
      [
        { brand: 'Not_A Brand', version: '8' },
        { brand: 'Chromium', version: '131' },
        { brand: 'Google Chrome', version: '131' },
      ],
      'Chrome 131',
    ],
    [
      [
        { brand: 'Chromium', version: '131' },
        { brand: 'Not?A_Brand', version: '24' },
      ],
      'Chromium 131',
    ],
    [
      [
        { brand: 'Microsoft Edge', version: '130' },
        { brand: 'Chromium', version: '130' },
      ],
      'Edge 130',
    ],
    [[], null],
  ])('brands %j name %s', (brands, name) => {
    expect(browserFromBrands(brands)).toBe(name);
  });
});

describe('devicesSummary', () => {
  it('names each device, its best speedup and where it came from', () => {
    const text = devicesSummary([
      curve('a.json', laptop, 'the cores experiment', [1, 1], [4, 3.5]),
      curve('b.json', null, 'Invert on x.png (JavaScript)', [1, 1], [2, 0.9]),
    ]);
    expect(text).toBe(
      'a.json (Chrome 131 on macOS, 8 cores, SIMD yes): best 3.50× on 4 workers, from the cores experiment. ' +
        'b.json (device not recorded): best 1.00× on 1 worker, from Invert on x.png (JavaScript). The ideal is n× on n workers.',
    );
  });
});
