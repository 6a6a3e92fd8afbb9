import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { describeSpec } from '../core/filters.js';
import type { CompareResult } from '../core/compare.js';
import {
  agreements,
  recordsToCsv,
  resultsExport,
  runLabel,
  type DeviceInfo,
  type ExperimentResults,
  type ResultsExport,
  type RunRecord,
} from '../core/record.js';
import { KERNELS } from '../core/kernel-choice.js';
import { formatMs } from '../core/stats.js';
import { saveBlob } from './download.js';
import { theme } from './theme.js';

/**
 * Every run kept (this visit's and earlier ones'), whether runs of the same photo and filter
 * agree byte for byte, the export of all RunRecords with the device and the experiments' results,
 * and "Clear history", behind a confirmation so one click cannot lose a class's results.
 * @fires clear-history - the confirmed "Clear history"
 */
@customElement('tl-runs-table')
export class TlRunsTable extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .head { display: flex; align-items: center; justify-content: space-between; gap: 12px; flex-wrap: wrap; }
      h2 { font-size: 1.1em; margin: 0; }
      .menu { display: flex; gap: 8px; flex-wrap: wrap; }
      .scroll { overflow-x: auto; margin-top: 8px; }
      table { border-collapse: collapse; width: 100%; font-size: 0.75em; font-variant-numeric: tabular-nums; }
      th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--rule); white-space: nowrap; }
      th { background: var(--panel); }
      td.num { text-align: right; }
      code { font-size: 0.95em; }
      ul.agree { margin: 8px 0 0; padding-left: 1.2em; font-size: 0.85em; }
      .yes { color: var(--ok); font-weight: 700; }
      .no { color: var(--danger); font-weight: 700; }
      .empty { color: var(--muted); font-size: 0.85em; }
      .earlier { display: inline-block; margin-left: 6px; padding: 0 6px; border: 1px solid var(--line); border-radius: 6px; color: var(--muted); }
      .confirm { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-top: 8px; padding: 8px 10px; border: 2px solid var(--danger); border-radius: var(--radius); }
      .confirm p { margin: 0; flex: 1 1 16em; font-size: 0.9em; }
      button.danger { border-color: var(--danger); color: var(--danger); }
    `,
  ];

  @property({ attribute: false }) runs: readonly RunRecord[] = [];
  /** Ids of the runs restored from an earlier visit. */
  @property({ attribute: false }) earlier: ReadonlySet<number> = new Set();
  /** This device, written into every export; null until known. */
  @property({ attribute: false }) device: DeviceInfo | null = null;
  @property({ attribute: false }) experiments: ExperimentResults = {};
  @property({ attribute: false }) compare: CompareResult | null = null;
  /** Is anything kept (runs, results or photos) that "Clear history" would remove? */
  @property({ type: Boolean, attribute: 'has-history' }) hasHistory = false;
  @state() private exportOpen = false;
  @state() private confirming = false;

  private _onExport(): void {
    this.exportOpen = !this.exportOpen;
  }

  private _save(kind: 'json' | 'csv'): void {
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
    const blob =
      kind === 'json'
        ? new Blob([JSON.stringify(this.exported(), null, 2)], { type: 'application/json' })
        : new Blob([recordsToCsv(this.runs, this.device)], { type: 'text/csv' });
    saveBlob(blob, `tilelab-runs-${stamp}.${kind}`);
  }

  private exported(): ResultsExport {
    const device = this.device ?? { cores: 0, browser: 'unknown', platform: '', simd: false };
    return resultsExport(device, this.runs, this.experiments, this.compare, new Date());
  }

  private get hasResults(): boolean {
    return this.runs.length > 0 || Object.keys(this.experiments).length > 0 || this.compare !== null;
  }

  private _onClear(): void {
    this.confirming = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('#keep')?.focus());
  }

  private _onConfirm(clear: boolean): void {
    this.confirming = false;
    if (clear) this.dispatchEvent(new CustomEvent('clear-history', { bubbles: true, composed: true }));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('#clear')?.focus());
  }

  override render() {
    const groups = agreements(this.runs);
    return html`
      <div class="head">
        <h2>Runs</h2>
        <div class="menu">
          <button type="button" aria-expanded=${this.exportOpen ? 'true' : 'false'} aria-controls="export-menu"
            ?disabled=${!this.hasResults} @click=${this._onExport}>Export results</button>
          <span id="export-menu" class="menu" ?hidden=${!this.exportOpen}>
            <button type="button" @click=${() => this._save('json')}>JSON (${this.runs.length} runs)</button>
            <button type="button" ?disabled=${this.runs.length === 0} @click=${() => this._save('csv')}>CSV</button>
          </span>
          <button id="clear" type="button" aria-expanded=${this.confirming ? 'true' : 'false'} aria-controls="clear-confirm"
            ?disabled=${!this.hasHistory && !this.hasResults} @click=${this._onClear}>Clear history</button>
        </div>
      </div>
      <div id="clear-confirm" class="confirm" role="group" aria-label="Clear history?" ?hidden=${!this.confirming}>
        <p>Remove every run, experiment result and queued photo kept on this device? Export the results first to keep them.</p>
        <button type="button" class="danger" @click=${() => this._onConfirm(true)}>Yes, clear history</button>
        <button id="keep" type="button" @click=${() => this._onConfirm(false)}>Keep history</button>
      </div>
      ${
        this.earlier.size
          ? html`<p class="empty">Runs marked “earlier visit” were kept from an earlier visit: their times and digests stand, their pixels were not kept.</p>`
          : ''
      }
      ${
        groups.length
          ? html`<ul class="agree" aria-label="Do runs agree?">
            ${groups.map(
              (g) => html`<li>
              ${
                g.agree
                  ? g.runs === 1
                    ? html`<span class="yes">One run</span> of ${g.filter} on ${g.photo} so far (SHA-256 <code>${g.digests[0]?.slice(0, 12) ?? ''}…</code>): run it again in another mode to check that the pixels agree.`
                    : html`<span class="yes">Identical</span>: all ${g.runs} runs of ${g.filter} on ${g.photo} give the same pixels (SHA-256 <code>${g.digests[0]?.slice(0, 12) ?? ''}…</code>).`
                  : html`<span class="no">Different</span>: ${g.runs} runs of ${g.filter} on ${g.photo} gave ${g.digests.length} different outputs.`
              }
            </li>`,
            )}
          </ul>`
          : html`<p class="empty">Finished runs are listed here, with a check that every mode gave the same pixels.</p>`
      }
      ${
        this.runs.length
          ? html`<div class="scroll" tabindex="0" role="region" aria-label="Runs table (scrolls sideways)"><table>
            <thead><tr><th>#</th><th>Photo</th><th>Filter</th><th>Threads</th><th>Kernel</th><th>Tile</th><th>Outcome</th>
              <th>Wall time</th><th>Read-back</th><th>Longest task</th><th>Digest</th></tr></thead>
            <tbody>${[...this.runs].reverse().map(
              (r) => html`<tr>
              <td>${r.id}${this.earlier.has(r.id) ? html`<span class="earlier">earlier visit</span>` : ''}</td><td>${r.photo.name}</td><td>${describeSpec(r.settings.filter)}</td><td>${runLabel(r.settings)}</td><td>${KERNELS[r.settings.kernel].label}</td>
              <td class="num">${r.settings.tileSize}</td><td>${r.outcome}${r.outcome === 'cancelled' ? ` (${r.tilesDone}/${r.tiles})` : ''}</td>
              <td class="num">${formatMs(r.wallMs)}</td><td class="num">${formatMs(r.readbackMs)}</td>
              <td class="num">${formatMs(r.longestTaskMs)}</td><td><code>${r.digest ? r.digest.slice(0, 12) : '–'}</code></td>
            </tr>`,
            )}</tbody>
          </table></div>`
          : ''
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-runs-table': TlRunsTable;
  }
}
