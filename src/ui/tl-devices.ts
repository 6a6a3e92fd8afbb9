import { LitElement, css, html, svg } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { deviceLabel, devicesSummary, parseExport, type DeviceCurve } from '../core/devices.js';
import { messageOf } from '../core/errors.js';
import { niceTicks } from '../core/stats.js';
import { exportButtons } from './chart-export.js';
import { chartStyles, laneColour, theme } from './theme.js';

const W = 1000,
  H = 520,
  L = 90,
  R = 30,
  T = 20,
  B = 80;
/** Dashes as well as colours, so lines stay apart in greyscale and for colour-blind readers. */
const DASHES = ['', '14 8', '4 6', '18 6 4 6'] as const;
const dashOf = (i: number): string => DASHES[i % DASHES.length] ?? '';

/**
 * "Compare devices": the class's exported JSON files, opened (or dropped) together, drawn as one
 * speedup curve per device against the ideal line. A file that cannot be used is named and says
 * why; the others still draw.
 */
@customElement('tl-devices')
export class TlDevices extends LitElement {
  static override styles = [
    theme,
    chartStyles,
    css`
      :host { display: block; }
      .intro { margin: 0 0 8px; font-size: 0.9em; }
      .pick { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; }
      .pick span { color: var(--muted); font-size: 0.85em; }
      input[type='file'] { position: absolute; opacity: 0; width: 1px; height: 1px; }
      input:focus-visible + label.button { box-shadow: var(--focus); }
      :host([dragging]) .zone { outline: 3px dashed var(--accent); outline-offset: 4px; }
      .problems p { margin: 8px 0 0; border-left: 6px solid var(--danger); background: var(--paper); padding: 6px 12px; border-radius: 6px; font-size: 0.9em; }
      .legend { display: grid; gap: 4px; margin: 8px 0; padding: 0; list-style: none; }
      .legend svg { width: 48px; height: 14px; vertical-align: middle; margin-right: 8px; }
      .axis text { fill: var(--ink); }
      .grid line { stroke: var(--readback); opacity: 0.6; }
      .ideal { stroke: var(--ink); }
    `,
  ];

  @state() private curves: readonly DeviceCurve[] = [];
  @state() private problems: readonly string[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('dragover', this.onDragOver);
    this.addEventListener('dragleave', this.onDragLeave);
    this.addEventListener('drop', this.onDrop);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('dragover', this.onDragOver);
    this.removeEventListener('dragleave', this.onDragLeave);
    this.removeEventListener('drop', this.onDrop);
  }

  private readonly onDragOver = (e: DragEvent): void => {
    e.preventDefault();
    this.toggleAttribute('dragging', true);
  };

  private readonly onDragLeave = (): void => {
    this.toggleAttribute('dragging', false);
  };

  /** Files dropped here are exports, not photos: the page's photo drop sees the event as handled. */
  private readonly onDrop = (e: DragEvent): void => {
    e.preventDefault();
    this.toggleAttribute('dragging', false);
    void this.open([...(e.dataTransfer?.files ?? [])]);
  };

  private _onFiles(e: Event): void {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    void this.open(files);
  }

  /** Read every file; a file opened again (same name) replaces its earlier curve. */
  async open(files: readonly File[]): Promise<void> {
    if (!files.length) return;
    const results = await Promise.all(
      files.map(async (f) => {
        try {
          return parseExport(f.name, await f.text());
        } catch (e) {
          return { ok: false as const, message: `“${f.name}” could not be read: ${messageOf(e)}` };
        }
      }),
    );
    const fresh = results.flatMap((r) => (r.ok ? [r.curve] : []));
    const names = new Set(files.map((f) => f.name));
    this.curves = [...this.curves.filter((c) => !names.has(c.file)), ...fresh];
    this.problems = results.flatMap((r) => (r.ok ? [] : [r.message]));
  }

  private _onClear(): void {
    this.curves = [];
    this.problems = [];
  }

  private chart(curves: readonly DeviceCurve[]) {
    const maxN = Math.max(2, ...curves.flatMap((c) => c.points.map((p) => p.workers)));
    const ticks = niceTicks(Math.max(maxN, ...curves.flatMap((c) => c.points.map((p) => p.speedup))), 6);
    const maxS = ticks[ticks.length - 1] ?? maxN;
    const x = (n: number) => L + ((n - 1) / (maxN - 1)) * (W - L - R);
    const y = (s: number) => T + (1 - s / maxS) * (H - T - B);
    const xTicks = maxN <= 16 ? Array.from({ length: maxN }, (_, i) => i + 1) : niceTicks(maxN, 8).filter((n) => n >= 1);
    return svg`
      <g class="grid">${ticks.map((s) => svg`<line x1=${L} x2=${W - R} y1=${y(s)} y2=${y(s)} stroke="currentColor" stroke-opacity="0.2"></line>`)}</g>
      <g class="axis" fill="currentColor">
        ${ticks.map((s) => svg`<text x=${L - 12} y=${y(s) + 7} text-anchor="end">${s}×</text>`)}
        ${xTicks.map((n) => svg`<text x=${x(n)} y=${H - B + 30} text-anchor="middle">${n}</text>`)}
        <text x=${(L + W - R) / 2} y=${H - 18} text-anchor="middle" font-weight="600">Workers (cores used)</text>
        <text transform="translate(24 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle" font-weight="600">Speedup</text>
      </g>
      <line class="ideal" x1=${x(1)} y1=${y(1)} x2=${x(maxN)} y2=${y(Math.min(maxN, maxS))} stroke="currentColor" stroke-width="2" stroke-dasharray="2 8" stroke-linecap="round"></line>
      ${curves.map(
        (c, i) => svg`
        <polyline points=${c.points.map((p) => `${x(p.workers)},${y(p.speedup)}`).join(' ')} fill="none" stroke=${laneColour(i)}
          stroke-width="4" stroke-dasharray=${dashOf(i)}></polyline>
        ${c.points.map((p) => svg`<circle cx=${x(p.workers)} cy=${y(p.speedup)} r="7" fill=${laneColour(i)}><title>${c.file}: ${p.speedup.toFixed(2)}× on ${p.workers} workers</title></circle>`)}`,
      )}
    `;
  }

  override render() {
    const curves = this.curves;
    return html`
      <div class="zone">
        <div class="head"><h2 id="devices-title">Compare devices</h2>
          ${curves.length ? exportButtons(() => this.renderRoot.querySelector('svg.devices'), 'tilelab-devices', 'devices chart') : ''}</div>
        <p class="intro">Collect the class’s exports (Runs → Export results → JSON) from laptops, tablets and phones and open them together:
          one speedup line per device, from its cores experiment or its parallel runs at 1 worker and more.</p>
        <div class="pick">
          <input id="device-files" type="file" accept=".json,application/json" multiple @change=${this._onFiles} />
          <label class="button" for="device-files">Open exported JSON files</label>
          <span>or drop them here.</span>
          ${curves.length || this.problems.length ? html`<button type="button" @click=${this._onClear}>Clear the comparison</button>` : ''}
        </div>
        <div class="problems" aria-live="polite">${this.problems.map((p) => html`<p>${p}</p>`)}</div>
        ${
          curves.length
            ? html`
          <ul class="legend" aria-label="Devices">
            ${curves.map(
              (c, i) => html`<li>
                <svg viewBox="0 0 48 14" aria-hidden="true"><line x1="0" x2="48" y1="7" y2="7" stroke=${laneColour(i)} stroke-width="4" stroke-dasharray=${dashOf(i)}></line></svg>
                <strong>${c.device ? deviceLabel(c.device) : 'Device not recorded (older export)'}</strong> — ${c.file}, from ${c.source}</li>`,
            )}
            <li><svg viewBox="0 0 48 14" aria-hidden="true"><line class="ideal" x1="0" x2="48" y1="7" y2="7" stroke="currentColor" stroke-width="2" stroke-dasharray="2 8"></line></svg>Ideal: n× on n workers</li>
          </ul>
          <svg class="devices" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="devices-title devices-summary">${this.chart(curves)}</svg>
          <p class="summary" id="devices-summary">${devicesSummary(curves)}</p>`
            : ''
        }
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-devices': TlDevices;
  }
}
