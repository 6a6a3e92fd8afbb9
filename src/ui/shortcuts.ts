import { MODES, RUN_MODES, type RunMode } from '../core/modes.js';

/** What a shortcut does; the page element decides how. */
export type ShortcutAction =
  { readonly kind: 'run' } | { readonly kind: 'cancel' } | { readonly kind: 'help' } | { readonly kind: 'mode'; readonly mode: RunMode };

export interface Shortcut {
  /** `KeyboardEvent.key` that triggers it (letters in lower case). */
  readonly key: string;
  /** As the help dialog shows it. */
  readonly shown: string;
  /** The `aria-keyshortcuts` value of the control it stands for. */
  readonly aria: string;
  readonly does: string;
  readonly action: ShortcutAction;
}

/** Every shortcut, in the order the help dialog lists them. Modes follow RUN_MODES: 1 is the first. */
export const SHORTCUTS: readonly Shortcut[] = [
  { key: 'r', shown: 'R', aria: 'R', does: 'Run the filter on the photo', action: { kind: 'run' } },
  { key: 'Escape', shown: 'Esc', aria: 'Escape', does: 'Cancel the run, comparison, experiment or batch', action: { kind: 'cancel' } },
  ...RUN_MODES.map((mode, i) => ({
    key: String(i + 1),
    shown: String(i + 1),
    aria: String(i + 1),
    does: `Mode: ${MODES[mode].label}`,
    action: { kind: 'mode', mode } as const,
  })),
  { key: '?', shown: '?', aria: '?', does: 'Show these keyboard shortcuts', action: { kind: 'help' } },
];

/** The `aria-keyshortcuts` value for the control that does `kind` (the Mode menu gets every mode's key). */
export const keysFor = (kind: ShortcutAction['kind']): string =>
  SHORTCUTS.filter((s) => s.action.kind === kind)
    .map((s) => s.aria)
    .join(' ');

/** The part of a key press that decides a shortcut: no DOM needed, so tests give plain objects. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

/** The part of an element that says whether keys typed into it are text. */
export interface FocusTarget {
  readonly tagName: string;
  readonly type?: string;
  readonly isContentEditable?: boolean;
}

/** Inputs whose keys are not text: a shortcut pressed on them is still a shortcut. */
const KEYLESS_INPUTS = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file']);

/** Keys pressed here are typing (or choosing in a menu), not shortcuts. */
export function takesTyping(t: FocusTarget | null | undefined): boolean {
  if (!t) return false;
  const tag = t.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable === true) return true;
  return tag === 'INPUT' && !KEYLESS_INPUTS.has((t.type ?? 'text').toLowerCase());
}

/**
 * The shortcut a key press means, or null: never with Ctrl, Cmd or Alt (those belong to the
 * browser and the system), never while typing, and Shift only where the key needs it ("?").
 */
export function shortcutFor(e: KeyPress, target?: FocusTarget | null): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || takesTyping(target)) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const found = SHORTCUTS.find((s) => s.key === key);
  if (!found || (e.shiftKey && key !== '?')) return null;
  return found.action;
}
