import { FILTERS, filterInfo, formatParam, paramsOf, type FilterRegistry, type FilterSpec } from '../core/filters.js';
import { MODES, RUN_MODES, type RunMode } from '../core/modes.js';
import { KERNEL_CHOICES, KERNELS, type KernelChoice } from '../core/kernel-choice.js';

export interface ControlSettings {
  readonly filter: FilterSpec;
  readonly mode: RunMode;
  readonly workers: number;
  readonly tileSize: number;
  readonly kernel: KernelChoice;
}

export interface Option<V extends string> {
  readonly value: V;
  readonly label: string;
  readonly selected: boolean;
}

export interface Slider {
  readonly name: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly value: number;
  /** The value as the page shows it, with its unit. */
  readonly shown: string;
}

/** What the controls show, derived from the registries: no filter or mode is named here. */
export interface ControlsView {
  readonly filters: readonly Option<string>[];
  readonly about: string;
  readonly sliders: readonly Slider[];
  readonly modes: readonly Option<RunMode>[];
  readonly modeCaption: string;
  /** The Workers control applies only to a mode that runs on a pool. */
  readonly workersEnabled: boolean;
  readonly kernels: readonly Option<KernelChoice>[];
}

export function controlsView(s: ControlSettings, registry: FilterRegistry = FILTERS): ControlsView {
  const info = filterInfo(s.filter.kind, registry);
  const values = paramsOf(s.filter);
  const mode = MODES[s.mode];
  return {
    filters: registry.map((f) => ({ value: f.kind, label: f.label, selected: f.kind === s.filter.kind })),
    about: info.about,
    sliders: info.params.map((p) => {
      const value = values[p.name] ?? p.default;
      return { name: p.name, label: p.label, min: p.min, max: p.max, step: p.step, value, shown: formatParam(p, value) };
    }),
    modes: RUN_MODES.map((m) => ({ value: m, label: MODES[m].label, selected: m === s.mode })),
    modeCaption: mode.caption,
    workersEnabled: !mode.usesPageThread,
    kernels: KERNEL_CHOICES.map((k) => ({ value: k, label: KERNELS[k].label, selected: k === s.kernel })),
  };
}
