import { describe, expect, it } from 'vitest';
import { resultName, slug, stem } from '../../src/core/file-names.js';
import { makeSpec } from '../../src/core/filters.js';
import type { RunSettings } from '../../src/core/record.js';
import { keysFor, SHORTCUTS, shortcutFor, takesTyping, type FocusTarget, type KeyPress } from '../../src/ui/shortcuts.js';

const settings = (over: Partial<RunSettings>): RunSettings => ({
  filter: makeSpec('median', { radius: 3 }),
  mode: 'parallel',
  memory: 'shared',
  workers: 2,
  kernel: 'simd',
  tileSize: 256,
  schedule: 'dynamic',
  region: null,
  ...over,
});

describe('download names say photo, filter, parameters, mode, workers and kernel', () => {
  it.each([
    ['Sample: lake at sunset', {}, 'sample-lake-at-sunset-median-r3-parallel-2w-simd.png'],
    ['lake at sunset.JPG', { workers: 4, kernel: 'js' }, 'lake-at-sunset-median-r3-parallel-4w-js.png'],
    ['harbour.png', { mode: 'blocking' }, 'harbour-median-r3-blocking-simd.png'],
    ['harbour.png', { mode: 'concurrent', kernel: 'js', workers: 8 }, 'harbour-median-r3-concurrent-js.png'],
    ['harbour.png', { memory: 'message' }, 'harbour-median-r3-parallel-2w-messages-simd.png'],
    ['Café crème.webp', { filter: makeSpec('blur', { sigma: 2.5 }) }, 'cafe-creme-blur-sigma2.5-parallel-2w-simd.png'],
    ['x.png', { filter: makeSpec('sharpen', { amount: 1.5, sigma: 2 }) }, 'x-sharpen-amount1.5-sigma2-parallel-2w-simd.png'],
    ['x.png', { filter: makeSpec('sobel') }, 'x-sobel-parallel-2w-simd.png'],
    ['写真.png', { mode: 'blocking' }, 'photo-median-r3-blocking-simd.png'],
    ['../../etc/passwd', { mode: 'blocking' }, 'etc-passwd-median-r3-blocking-simd.png'],
  ] as const)('%s with %o → %s', (photo, over, name) => {
    expect(resultName(photo, settings(over))).toBe(name);
  });

  it('keeps only safe characters and a short stem', () => {
    expect(slug('  A/B\\C:D*E?F"G<H>I|J  ')).toBe('a-b-c-d-e-f-g-h-i-j');
    expect(stem(`${'long '.repeat(40)}.png`)).toMatch(/^[a-z0-9.-]{1,60}$/);
    expect(stem('.png')).toBe('photo');
  });
});

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});
const el = (tagName: string, type?: string, isContentEditable = false): FocusTarget => ({
  tagName,
  ...(type ? { type } : {}),
  isContentEditable,
});

describe('keyboard shortcuts', () => {
  it.each([
    ['r', {}, null, { kind: 'run' }],
    ['R', {}, null, { kind: 'run' }], // caps lock
    ['Escape', {}, null, { kind: 'cancel' }],
    ['1', {}, null, { kind: 'mode', mode: 'parallel' }],
    ['2', {}, null, { kind: 'mode', mode: 'concurrent' }],
    ['3', {}, null, { kind: 'mode', mode: 'blocking' }],
    ['?', { shiftKey: true }, null, { kind: 'help' }],
    ['?', {}, null, { kind: 'help' }],
    ['r', {}, el('BUTTON'), { kind: 'run' }],
    ['2', {}, el('INPUT', 'range'), { kind: 'mode', mode: 'concurrent' }],
    ['4', {}, null, null],
    ['x', {}, null, null],
    ['R', { shiftKey: true }, null, null],
    ['r', { ctrlKey: true }, null, null],
    ['r', { metaKey: true }, null, null],
    ['1', { altKey: true }, null, null],
    ['Escape', { ctrlKey: true }, null, null],
    ['r', {}, el('INPUT', 'text'), null],
    ['r', {}, el('INPUT'), null],
    ['2', {}, el('INPUT', 'number'), null],
    ['Escape', {}, el('TEXTAREA'), null],
    ['1', {}, el('SELECT'), null],
    ['?', { shiftKey: true }, el('DIV', undefined, true), null],
  ] as const)('%s %o on %o → %o', (key, mods, target, action) => {
    expect(shortcutFor(press(key, mods), target)).toEqual(action);
  });

  it('what takes typing', () => {
    expect(takesTyping(el('input', 'search'))).toBe(true);
    expect(takesTyping(el('INPUT', 'checkbox'))).toBe(false);
    expect(takesTyping(el('BODY'))).toBe(false);
    expect(takesTyping(null)).toBe(false);
  });

  it('lists every key once, and names each control’s keys for aria-keyshortcuts', () => {
    expect(new Set(SHORTCUTS.map((s) => s.key)).size).toBe(SHORTCUTS.length);
    expect(SHORTCUTS.map((s) => s.shown)).toEqual(['R', 'Esc', '1', '2', '3', '?']);
    expect(keysFor('mode')).toBe('1 2 3');
    expect(keysFor('run')).toBe('R');
    expect(keysFor('cancel')).toBe('Escape');
  });
});
