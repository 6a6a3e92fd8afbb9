import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { describeSpec } from '../core/filters.js';
import { agreements, recordsToCsv, runLabel, type RunRecord } from '../core/record.js';
import { KERNELS } from '../core/kernel-choice.js';
import { formatMs } from '../core/stats.js';
import { saveBlob } from './download.js';
import { theme } from './theme.js';

/**
 * Every run of the session, whether runs of the same photo and filter agree byte for byte,
 * and the export of all RunRecords.
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
      th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #d1d5db; white-space: nowrap; }
      th { background: var(--panel); }
      td.num { text-align: right; }
      code { font-size: 0.95em; }
      ul.agree { margin: 8px 0 0; padding-left: 1.2em; font-size: 0.85em; }
      .yes { color: var(--ok); font-weight: 700; }
      .no { color: var(--danger); font-weight: 700; }
      .empty { color: var(--muted); font-size: 0.85em; }
    `,
  ];

  @property({ attribute: false }) runs: readonly RunRecord[] = [];
  @state() private exportOpen = false;

  private _onExport(): void {
    this.exportOpen = !this.exportOpen;
  }

  private _save(kind: 'json' | 'csv'): void {
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
    const blob =
      kind === 'json'
        ? new Blob([JSON.stringify(this.runs, null, 2)], { type: 'application/json' })
        : new Blob([recordsToCsv(this.runs)], { type: 'text/csv' });
    saveBlob(blob, `tilelab-runs-${stamp}.${kind}`);
  }

  override render() {
    const groups = agreements(this.runs);
    return html`
      <div class="head">
        <h2>Runs</h2>
        <div class="menu">
          <button type="button" aria-expanded=${this.exportOpen ? 'true' : 'false'} aria-controls="export-menu"
            ?disabled=${this.runs.length === 0} @click=${this._onExport}>Export results</button>
          <span id="export-menu" class="menu" ?hidden=${!this.exportOpen}>
            <button type="button" @click=${() => this._save('json')}>JSON (${this.runs.length} runs)</button>
            <button type="button" @click=${() => this._save('csv')}>CSV</button>
          </span>
        </div>
      </div>
      ${
        groups.length
          ? html`<ul class="agree" aria-label="Do runs agree?">
            ${groups.map(
              (g) => html`<li>
              ${
                g.agree
                  ? html`<span class="yes">Identical</span>: all ${g.runs} run${g.runs === 1 ? '' : 's'} of ${g.filter} on ${g.photo} give the same pixels (SHA-256 <code>${g.digests[0]?.slice(0, 12) ?? ''}…</code>).`
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
              <td>${r.id}</td><td>${r.photo.name}</td><td>${describeSpec(r.settings.filter)}</td><td>${runLabel(r.settings)}</td><td>${KERNELS[r.settings.kernel].label}</td>
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
