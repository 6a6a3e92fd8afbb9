import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { FILTERS, isFilterKind, makeSpec, paramsOf, type FilterRegistry } from '../core/filters.js';
import { COMPARE_ROUNDS } from '../core/compare.js';
import { isRunMode } from '../core/modes.js';
import { isKernelChoice, KERNELS } from '../core/kernel-choice.js';
import { AUTO_TILE, autoTileSize, MAX_TILE, MIN_TILE, MIN_TILES_PER_WORKER, TILE_SIZES } from '../core/tiling.js';
import { controlsView, type ControlSettings } from './controls-model.js';
import { theme } from './theme.js';
import { keysFor } from './shortcuts.js';

export type { ControlSettings } from './controls-model.js';

const OFFERED_TILES = TILE_SIZES.filter((t) => t >= MIN_TILE && t <= MAX_TILE);

/**
 * Filter, its parameters, mode, kernel, workers and tile size; Run and Cancel.
 * @fires settings-change - detail: ControlSettings
 * @fires run - the Run button
 * @fires cancel - the Cancel button
 * @fires compare-run - the Compare modes button
 */
@customElement('tl-controls')
export class TlControls extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; container-type: inline-size; }
      form { display: grid; gap: 12px; }
      .field { display: grid; gap: 4px; min-width: 0; }
      .field > label, .field > .name { font-weight: 600; }
      select, input[type='number'] { width: 100%; min-width: 0; box-sizing: border-box; }
      .hint { color: var(--muted); font-size: 0.8em; line-height: 1.35; margin: 0; }
      .slider { display: flex; align-items: center; gap: 10px; }
      .slider input { flex: 1; min-width: 0; min-height: 44px; accent-color: var(--accent); }
      .slider .value { min-width: 5ch; text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
      /* The first row: what a class changes most, then the button that runs it. */
      .pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5em, 1fr)); gap: 12px; }
      /* On a phone, Filter and Mode each take one line with the label beside it, keeping Run on the first screen. */
      @container (max-width: 360px) {
        .first { grid-template-columns: minmax(0, 1fr); gap: 8px; }
        .first .field { grid-template-columns: 3.6em minmax(0, 1fr); align-items: center; gap: 8px; }
      }
      .actions { display: flex; gap: 10px; flex-wrap: wrap; }
      .actions button { flex: 1 1 auto; }
      .actions button.primary { flex-basis: 5em; }
      fieldset { border: 0; border-top: 2px solid var(--line); margin: 4px 0 0; padding: 10px 0 0; display: grid; gap: 12px; min-width: 0; }
      legend { font-weight: 600; padding: 0 6px 0 0; color: var(--muted); }
    `,
  ];

  @property({ attribute: false }) settings!: ControlSettings;
  @property({ type: Number }) cores = 1;
  @property({ type: Boolean }) running = false;
  @property({ type: Boolean, attribute: 'can-run' }) canRun = false;
  /** The photo's size, to say which tile size Auto picks for it. */
  @property({ attribute: false }) photoSize: { width: number; height: number } | null = null;
  /** A comparison of every mode can start (a photo, nothing else running). */
  @property({ type: Boolean, attribute: 'can-compare' }) canCompare = false;
  /** Why the WebAssembly SIMD kernels cannot run here; null when they can, undefined while that is being found out. */
  @property({ attribute: false }) simdReason: string | null | undefined = undefined;
  /** The filters offered: the app's registry unless a page passes its own. */
  @property({ attribute: false }) filters: FilterRegistry = FILTERS;

  private emit(next: Partial<ControlSettings>): void {
    this.dispatchEvent(
      new CustomEvent<ControlSettings>('settings-change', { detail: { ...this.settings, ...next }, bubbles: true, composed: true }),
    );
  }

  private _onFilter(e: Event): void {
    const kind = (e.target as HTMLSelectElement).value;
    if (isFilterKind(kind, this.filters)) this.emit({ filter: makeSpec(kind, {}, this.filters) });
  }

  private _onParam(name: string, e: Event): void {
    const value = Number((e.target as HTMLInputElement).value);
    this.emit({ filter: makeSpec(this.settings.filter.kind, { ...paramsOf(this.settings.filter), [name]: value }, this.filters) });
  }

  private _onMode(e: Event): void {
    const mode = (e.target as HTMLSelectElement).value;
    if (isRunMode(mode)) this.emit({ mode });
  }

  private _onKernel(e: Event): void {
    const kernel = (e.target as HTMLSelectElement).value;
    if (isKernelChoice(kernel)) this.emit({ kernel });
  }

  private _onWorkers(e: Event): void {
    const n = Math.round(Number((e.target as HTMLInputElement).value));
    if (Number.isFinite(n)) this.emit({ workers: Math.min(2 * this.cores, Math.max(1, n)) });
  }

  private _onTile(e: Event): void {
    this.emit({ tileSize: Number((e.target as HTMLSelectElement).value) });
  }

  private _onSubmit(e: Event): void {
    e.preventDefault();
    if (this.canRun) this.dispatchEvent(new CustomEvent('run', { bubbles: true, composed: true }));
  }

  private _onCompare(): void {
    this.dispatchEvent(new CustomEvent('compare-run', { bubbles: true, composed: true }));
  }

  private _onCancel(): void {
    this.dispatchEvent(new CustomEvent('cancel', { bubbles: true, composed: true }));
  }

  override render() {
    const s = this.settings;
    const view = controlsView(s, this.filters);
    const size = this.photoSize;
    const auto = size ? autoTileSize(size.width, size.height, s.workers) : null;
    const simdOff = typeof this.simdReason === 'string';
    const kernelHint = simdOff
      ? `${KERNELS.simd.label} cannot run here, so every mode uses JavaScript: ${this.simdReason ?? ''}`
      : `Same pixels either way. ${KERNELS.simd.label} works on 16 bytes with one instruction; JavaScript on one number at a time.`;
    return html`
      <form @submit=${this._onSubmit}>
        <div class="pair first">
          <div class="field">
            <label for="filter">Filter</label>
            <select id="filter" @change=${this._onFilter} aria-describedby="filter-hint">
              ${view.filters.map((f) => html`<option value=${f.value} ?selected=${f.selected}>${f.label}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="mode">Mode</label>
            <select id="mode" @change=${this._onMode} aria-describedby="mode-hint" aria-keyshortcuts=${keysFor('mode')}>
              ${view.modes.map((m) => html`<option value=${m.value} ?selected=${m.selected}>${m.label}</option>`)}
            </select>
          </div>
        </div>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${!this.canRun} aria-keyshortcuts=${keysFor('run')}>Run</button>
          <button type="button" ?disabled=${!this.running} @click=${this._onCancel} aria-keyshortcuts=${keysFor('cancel')}>Cancel</button>
          <button type="button" ?disabled=${!this.canCompare} @click=${this._onCompare}
            title="Every mode on this photo and filter, ${COMPARE_ROUNDS} rounds, with their spread">Compare modes</button>
        </div>
        ${view.sliders.map(
          (p) => html`
            <div class="field">
              <label for="param-${p.name}">${p.label}</label>
              <div class="slider">
                <input id="param-${p.name}" type="range" min=${p.min} max=${p.max} step=${p.step}
                  .value=${String(p.value)} @input=${(e: Event) => this._onParam(p.name, e)} />
                <span class="value" aria-hidden="true">${p.shown}</span>
              </div>
            </div>
          `,
        )}
        <p class="hint" id="filter-hint">${view.about}</p>
        <p class="hint" id="mode-hint">${view.modeCaption}</p>
        <fieldset>
          <legend>How the tiles are computed</legend>
          <div class="field">
            <label for="kernel">Kernel</label>
            <select id="kernel" @change=${this._onKernel} aria-describedby="kernel-hint">
              ${view.kernels.map(
                (k) => html`<option value=${k.value} ?selected=${simdOff ? k.value === 'js' : k.selected}
                  ?disabled=${simdOff && k.value === 'simd'}>${k.label}</option>`,
              )}
            </select>
            <p class="hint" id="kernel-hint">${kernelHint}</p>
          </div>
          <div class="pair">
            <div class="field">
              <label for="workers">Workers</label>
              <input id="workers" type="number" min="1" max=${2 * this.cores} step="1" .value=${String(s.workers)}
                ?disabled=${!view.workersEnabled} @change=${this._onWorkers} aria-describedby="workers-hint" />
            </div>
            <div class="field">
              <label for="tile">Tile size</label>
              <select id="tile" @change=${this._onTile} aria-describedby="workers-hint">
                <option value=${AUTO_TILE} ?selected=${s.tileSize === AUTO_TILE}>Auto${auto ? ` (${auto} px)` : ''}</option>
                ${OFFERED_TILES.map((t) => html`<option value=${t} ?selected=${t === s.tileSize}>${t} px</option>`)}
              </select>
            </div>
          </div>
          <p class="hint" id="workers-hint">This device reports ${this.cores} core${this.cores === 1 ? '' : 's'}; up to ${2 * this.cores} workers.
            Auto tiles: the largest up to 256 px that gives each worker at least ${MIN_TILES_PER_WORKER}.</p>
        </fieldset>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-controls': TlControls;
  }
}
