import { describe, expect, it } from 'vitest';
import {
  cssFilterOf,
  defaultSpec,
  describeSpec,
  FILTERS,
  findFilter,
  makeSpec,
  type FilterDef,
  type FilterRegistry,
  type FilterSpec,
} from '../../src/core/filters.js';
import { applyFilter, haloOf } from '../../src/core/kernels/index.js';
import { wholeImageView } from '../../src/core/kernels/view.js';
import { isRunMode, laneCount, MODES, RUN_MODES } from '../../src/core/modes.js';
import { csvCell, recordsToCsv, runLabel } from '../../src/core/record.js';
import { Scratch } from '../../src/core/scratch.js';
import { controlsView } from '../../src/ui/controls-model.js';
import { decodeState, encodeState } from '../../src/ui/url-state.js';
import { benchConfigs, benchFilters, isPoint } from '../../bench/plan.js';

/**
 * A filter the app does not have: posterize to `levels` steps per channel, reading `spread`
 * pixels around each tile. It exists only here, to show that every consumer reads the registry.
 */
interface PosterizeSpec {
  readonly kind: 'test-posterize';
  readonly levels: number;
  readonly spread: number;
}
const kernelCalls: number[] = [];
const posterize: FilterDef<PosterizeSpec> = {
  kind: 'test-posterize',
  label: 'Posterize',
  about: 'Fewer shades per channel.',
  params: [
    { name: 'levels', label: 'Levels', symbol: 'n', unit: '', min: 2, max: 16, step: 1, default: 4 },
    { name: 'spread', label: 'Spread', symbol: 's', unit: 'px', min: 0, max: 5, step: 1, default: 1 },
  ],
  halo: (spec) => spec.spread,
  kernel(view, tile, spec) {
    kernelCalls.push(spec.levels);
    const step = 255 / (spec.levels - 1);
    for (let y = tile.y; y < tile.y + tile.h; y++)
      for (let x = tile.x; x < tile.x + tile.w; x++)
        for (let c = 0; c < 4; c++) {
          const i = (y * view.width + x) * 4 + c;
          view.dst[i] = Math.round(Math.round((view.src[i] ?? 0) / step) * step);
        }
  },
  css: (spec) => `url(#posterize-${spec.levels})`,
};
// The app's registry is closed over FilterSpec; a test registry adds an entry of another shape.
const registry: FilterRegistry = [...FILTERS, posterize as unknown as FilterDef<FilterSpec>];
const spec = (levels: number, spread = 1): FilterSpec => ({ kind: 'test-posterize', levels, spread }) as unknown as FilterSpec;

describe('a filter added to a registry', () => {
  it('is found, made with its defaults and clamped to its ranges', () => {
    expect(findFilter('test-posterize', registry)?.label).toBe('Posterize');
    expect(findFilter('test-posterize')).toBeUndefined();
    expect(defaultSpec('test-posterize' as FilterSpec['kind'], registry)).toEqual({ kind: 'test-posterize', levels: 4, spread: 1 });
    expect(makeSpec('test-posterize' as FilterSpec['kind'], { levels: 99, spread: -3 }, registry)).toEqual({
      kind: 'test-posterize',
      levels: 16,
      spread: 0,
    });
  });

  it('is carried by a shared link, every parameter by name, and restored from it', () => {
    const state = { filter: spec(6, 3), mode: RUN_MODES[0], workers: 2, tileSize: 128, kernel: 'js', experiment: null } as const;
    const query = encodeState(state);
    expect(query).toContain('filter=test-posterize');
    expect(query).toContain('levels=6');
    expect(query).toContain('spread=3');
    expect(decodeState(query, 2, registry).filter).toEqual({ kind: 'test-posterize', levels: 6, spread: 3 });
    // Out of range in the link: clamped, not dropped; without the entry the link falls back to the default filter.
    expect(decodeState('filter=test-posterize&levels=1', 2, registry).filter).toEqual({ kind: 'test-posterize', levels: 2, spread: 1 });
    expect(decodeState(query, 2).filter).toEqual(defaultSpec('median'));
  });

  it('is offered by the controls with a slider per parameter, labelled and with its unit', () => {
    const view = controlsView({ filter: spec(5, 2), mode: 'parallel', workers: 2, tileSize: 256, kernel: 'js' }, registry);
    expect(view.filters.map((f) => f.value)).toContain('test-posterize');
    expect(view.filters.find((f) => f.selected)?.label).toBe('Posterize');
    expect(view.about).toBe('Fewer shades per channel.');
    expect(view.sliders.map((s) => [s.label, s.min, s.max, s.value, s.shown])).toEqual([
      ['Levels', 2, 16, 5, '5'],
      ['Spread', 0, 5, 2, '2px'],
    ]);
  });

  it('is described with its own symbols and its CSS counterpart', () => {
    expect(describeSpec(spec(5, 2), registry)).toBe('Posterize n=5 s=2px');
    expect(cssFilterOf(spec(5, 2), registry)).toBe('url(#posterize-5)');
  });

  it('runs its own kernel with its own halo through the one dispatch', () => {
    expect(haloOf(spec(4, 3), registry)).toBe(3);
    const src = Uint8Array.from({ length: 4 * 4 * 4 }, (_, i) => (i * 37) % 256);
    const dst = new Uint8Array(src.length);
    kernelCalls.length = 0;
    applyFilter(wholeImageView(4, 4, src, dst), { x: 0, y: 0, w: 4, h: 4 }, spec(2), new Scratch(), registry);
    expect(kernelCalls).toEqual([2]);
    expect([...dst].every((v) => v === 0 || v === 255)).toBe(true);
  });

  it('is measured by the benchmark, with its CSS counterpart as a yardstick', () => {
    expect(benchFilters([], registry).map((f) => f.kind)).toContain('test-posterize');
    expect(benchFilters(['test-posterize'], registry)).toEqual([{ kind: 'test-posterize', levels: 4, spread: 1 }]);
    expect(() => benchFilters(['test-posterize'])).toThrow('no filter "test-posterize"');
    expect(benchConfigs(spec(4), [1, 2], registry).map((c) => c.label)).toContain('ctx.filter');
    // It reads neighbours (spread 1), so it is not held to the point-filter targets.
    expect(isPoint(spec(4, 1), registry)).toBe(false);
    expect(isPoint(spec(4, 0), registry)).toBe(true);
  });

  it('is unknown to the app registry: asking for it fails loudly', () => {
    expect(() => haloOf(spec(4))).toThrow('unknown filter test-posterize');
  });
});

describe('the app registry', () => {
  it.each(FILTERS.map((f) => [f.kind, f] as const))(
    '%s: defaults within range; its kernel and halo read only declared parameters, and each of them',
    (_kind, f) => {
      const s = defaultSpec(f.kind);
      // Watch what the kernel and halo read from the spec: an undeclared field would be missing
      // from the sliders and the link; a declared one never read would be a slider that does nothing.
      const read = new Set<string>();
      const watched = new Proxy(s, {
        get(target, key, receiver) {
          if (typeof key === 'string') read.add(key);
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      const src = Uint8Array.from({ length: 12 * 10 * 4 }, (_, i) => (i * 29) % 256);
      f.kernel(wholeImageView(12, 10, src, new Uint8Array(src.length)), { x: 2, y: 2, w: 6, h: 5 }, watched, new Scratch());
      f.halo(watched);
      read.delete('kind');
      expect([...read].sort()).toEqual(f.params.map((p) => p.name).sort());
      for (const p of f.params) {
        expect(p.default).toBeGreaterThanOrEqual(p.min);
        expect(p.default).toBeLessThanOrEqual(p.max);
      }
      expect(f.halo(s)).toBeGreaterThanOrEqual(0);
    },
  );
});

describe('modes as data', () => {
  it('label, lane count and the Workers control follow each entry', () => {
    for (const m of RUN_MODES) {
      const settings = {
        filter: defaultSpec('invert'),
        mode: m,
        memory: 'shared',
        workers: 3,
        tileSize: 64,
        kernel: 'js',
        schedule: 'dynamic',
        region: null,
      } as const;
      expect(runLabel(settings).startsWith(MODES[m].label)).toBe(true);
      expect(laneCount(m, 3)).toBe(MODES[m].usesPageThread ? 1 : 3);
      const view = controlsView(settings);
      expect(view.workersEnabled).toBe(!MODES[m].usesPageThread);
      expect(view.modeCaption).toBe(MODES[m].caption);
      expect(view.modes.map((o) => o.label)).toEqual(RUN_MODES.map((k) => MODES[k].label));
      expect(
        decodeState(encodeState({ filter: settings.filter, mode: m, workers: 2, tileSize: 64, kernel: 'js', experiment: null }), 2).mode,
      ).toBe(m);
    }
    const labels = benchConfigs(defaultSpec('sobel'), [1, 2]).map((c) => c.label);
    for (const m of RUN_MODES) expect(labels.some((l) => l.startsWith(m))).toBe(true);
    expect(labels).not.toContain('ctx.filter');
    expect(isRunMode('teleport')).toBe(false);
    expect(decodeState('mode=teleport', 2).mode).toBe(RUN_MODES[0]);
  });
});

describe('CSV export', () => {
  it.each(['=HYPERLINK("http://x")', '+1+1', '-2', '@SUM(A1)', '\tcmd'])('neutralises a cell that starts like a formula: %s', (name) => {
    expect(csvCell(name).replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('keeps numbers, negative ones included, as numbers', () => {
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell('plain.jpg')).toBe('plain.jpg');
  });

  it('a photo named like a formula reaches the file neutralised', () => {
    const csv = recordsToCsv([
      {
        id: 1,
        photo: { key: 'k', name: '=cmd|calc!A1.jpg', width: 1, height: 1, decodeMs: 0 },
        outcome: 'done',
        tiles: 1,
        tilesDone: 1,
        settings: {
          filter: defaultSpec('invert'),
          mode: 'blocking',
          memory: 'shared',
          workers: 1,
          tileSize: 64,
          schedule: 'dynamic',
          region: null,
        },
        startedAt: 0,
        wallMs: 1,
        readbackMs: 0,
        longestTaskMs: 0,
        longTaskTotalMs: 0,
        longestFrameGapMs: 0,
        droppedFrames: 0,
        pageBusyShare: 0.02,
        slices: 0,
        spans: [],
        digest: 'd',
        bytesCopied: 0,
        faults: [],
      } as unknown as Parameters<typeof recordsToCsv>[0][number],
    ]);
    expect(csv.split('\n')[1]).toContain(",'=cmd|calc!A1.jpg,");
  });
});
