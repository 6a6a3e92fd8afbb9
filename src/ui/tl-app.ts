import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { Experiment, ExperimentResult } from '../core/experiments.js';
import { agreementKey, outputKey, runLabel, type RunRecord, type RunSettings } from '../core/record.js';
import { formatMs } from '../core/stats.js';
import type { Rect } from '../core/types.js';
import { capabilityNotes, detectCapabilities } from '../engine/capabilities.js';
import { runExperiment } from '../engine/experiments.js';
import { runRace } from '../engine/race.js';
import { encodePng, inspectFile, loadPhoto, loadSample } from '../engine/image-io.js';
import { WorkerPool } from '../engine/pool.js';
import { browserIdleScheduler } from '../engine/run-concurrent.js';
import type { LoadedPhoto, RunHandle } from '../engine/run.js';
import { registerServiceWorker, type PwaEvent } from '../pwa/register.js';
import { saveBlob, stem } from './download.js';
import { RunController } from './run-controller.js';
import { theme } from './theme.js';
import type { ControlSettings } from './tl-controls.js';
import type { QueueItem } from './tl-photo-queue.js';
import type { TlViewer } from './tl-viewer.js';
import type { TlTimeline } from './tl-timeline.js';
import { EXPERIMENT_INFO } from './captions.js';
import { decodeState, encodeState } from './url-state.js';
import './tl-controls.js';
import './tl-experiments.js';
import './tl-meter.js';
import './tl-timeline.js';
import './tl-photo-queue.js';
import './tl-runs-table.js';
import './tl-viewer.js';
import './tl-wall-chart.js';

const SAMPLE_ID = 'sample';

/** A message for the page; some offer one thing to do about it. */
interface Message {
  readonly id: number;
  readonly text: string;
  readonly action?: { readonly label: string; readonly run: () => void };
}
const MAX_MESSAGES = 4;

/** The lab: photos in, runs out, every figure from a RunRecord. */
@customElement('tl-app')
export class TlApp extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; max-width: 1600px; margin: 0 auto; padding: 12px 20px 40px; }
      header { display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; margin-bottom: 8px; }
      h1 { margin: 0; font-size: 1.6em; letter-spacing: -0.01em; }
      header p { margin: 0; color: var(--muted); }
      .grid { display: grid; grid-template-columns: minmax(0, 1fr) 400px; gap: 20px; align-items: start; }
      .results { grid-column: 1 / -1; display: grid; gap: 20px; }
      @media (max-width: 1000px) {
        .grid { grid-template-columns: minmax(0, 1fr); }
      }
      aside, .panel { background: var(--panel); border-radius: var(--radius); padding: 14px 16px; }
      aside { display: grid; gap: 16px; }
      aside h2 { font-size: 1em; margin: 0 0 6px; }
      .notes, .messages { display: grid; gap: 8px; margin-bottom: 10px; }
      .note { border-left: 6px solid var(--concurrent); background: #fffbeb; padding: 8px 12px; border-radius: 6px; font-size: 0.85em; }
      .message { display: flex; justify-content: space-between; align-items: center; gap: 12px;
        border-left: 6px solid var(--danger); background: #fef2f2; padding: 6px 12px; border-radius: 6px; }
      .message button { min-height: 36px; padding: 0 0.8em; border-color: var(--danger); color: var(--danger); }
      .banner { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; margin: 0 0 10px;
        border-left: 6px solid var(--accent); background: #eff6ff; padding: 6px 12px; border-radius: 6px; }
      .banner span { flex: 1; }
      .status { margin-top: 10px; font-size: 1.05em; font-weight: 600; min-height: 1.5em; }
      .drop { position: fixed; inset: 0; display: grid; place-items: center; background: rgb(29 78 216 / 80%);
        color: #fff; font-size: 2em; font-weight: 700; z-index: 10; pointer-events: none; }
      .dl { width: 100%; }
      tl-meter { margin-top: 12px; }
    `,
  ];

  private readonly caps = detectCapabilities();
  private readonly pool = new WorkerPool();
  private readonly runs = new RunController(
    this,
    { pool: this.pool, idle: browserIdleScheduler() },
    (h) => this.onRunStart(h),
    (r, current) => this.onRunRecord(r, current),
  );

  @state() private queue: QueueItem[] = [];
  @state() private selectedId: string | null = null;
  @state() private photo: LoadedPhoto | null = null;
  @state() private bitmap: ImageBitmap | null = null;
  @state() private loading = false;
  private readonly initial = decodeState(location.search, this.caps.cores);
  @state() private settings: ControlSettings = {
    filter: this.initial.filter,
    mode: this.initial.mode,
    workers: this.initial.workers,
    tileSize: this.initial.tileSize,
  };
  @state() private experiment: Experiment = this.initial.experiment ?? 'cores';
  @state() private experimentResult: ExperimentResult | null = null;
  @state() private experimentRunning = false;
  @state() private experimentProgress = '';
  /** The spotlight the scheduling experiment filters in; null: the default band. */
  @state() private region: Rect | null = null;
  @state() private lastRecord: RunRecord | null = null;
  /** What the service worker has to tell: offline-ready, an update, or isolation that failed. */
  @state() private pwa: PwaEvent | null = null;
  @state() private records: RunRecord[] = [];
  @state() private status = '';
  @state() private messages: Message[] = [];
  @state() private dragging = false;
  /** Digest of what the "after" canvas shows, so Download saves only a finished result. */
  @state() private shownResult: RunRecord | null = null;
  @query('tl-viewer') private viewer!: TlViewer;
  @query('tl-timeline#live') private timeline!: TlTimeline;
  private experimentAbort: AbortController | null = null;

  private selectCall = 0;
  private messageId = 0;
  private dragDepth = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('dragenter', this._onDragEnter);
    document.addEventListener('dragover', this._onDragOver);
    document.addEventListener('dragleave', this._onDragLeave);
    document.addEventListener('drop', this._onDrop);
    document.addEventListener('paste', this._onPaste);
    registerServiceWorker((e) => (this.pwa = e));
    void this.addSample();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('dragenter', this._onDragEnter);
    document.removeEventListener('dragover', this._onDragOver);
    document.removeEventListener('dragleave', this._onDragLeave);
    document.removeEventListener('drop', this._onDrop);
    document.removeEventListener('paste', this._onPaste);
    this.pool.shrink(0);
  }

  private say(text: string, action?: Message['action']): void {
    const m: Message = { id: ++this.messageId, text, ...(action ? { action } : {}) };
    this.messages = [...this.messages, m].slice(-MAX_MESSAGES);
  }

  private dismiss(id: number): void {
    this.messages = this.messages.filter((x) => x.id !== id);
  }

  private async addSample(): Promise<void> {
    if (!this.queue.some((q) => q.id === SAMPLE_ID)) {
      this.queue = [{ id: SAMPLE_ID, name: 'Sample: lake at sunset', file: null, thumb: null, downscale: false }, ...this.queue];
    }
    await this.select(SAMPLE_ID);
  }

  /**
   * Queue photos, one at a time off the main thread; the first one that decodes becomes the
   * selected photo. A refused file gets a message, with a downscale offer where one fits.
   */
  private async addFiles(files: readonly File[]): Promise<void> {
    let first = true;
    for (const file of files) {
      const checked = await inspectFile(file);
      if (!checked.ok) {
        const fit = checked.fit;
        const offer = fit ? { label: 'Downscale and add', run: () => this.enqueue(file, null, true, true) } : undefined;
        this.say(checked.message, offer);
        continue;
      }
      for (const n of checked.notes) this.say(n);
      this.enqueue(file, checked.thumb, false, first);
      first = false;
    }
  }

  private enqueue(file: File, thumb: ImageBitmap | null, downscale: boolean, select: boolean): void {
    const id = `photo-${++this.messageId}`;
    this.queue = [...this.queue, { id, name: file.name || 'pasted image', file, thumb, downscale }];
    if (select) void this.select(id);
  }

  private async select(id: string): Promise<void> {
    const item = this.queue.find((q) => q.id === id);
    if (!item) return;
    const call = ++this.selectCall;
    this.experimentAbort?.abort();
    this.runs.abandon();
    this.selectedId = id;
    this.loading = true;
    this.status = `Decoding ${item.name}…`;
    const result = item.file
      ? await loadPhoto(item.file, id, this.caps.sharedMemory, item.downscale)
      : await loadSample(id, this.caps.sharedMemory);
    if (call !== this.selectCall) return result.ok ? result.bitmap.close() : undefined;
    this.loading = false;
    if (!result.ok) {
      this.say(result.message);
      this.status = '';
      return;
    }
    if (!item.thumb) void this.addThumb(id, result.bitmap);
    if (item.downscale) this.say(`“${item.name}” was downscaled to ${result.photo.info.width} × ${result.photo.info.height} px to fit the browser's limits.`);
    this.photo = result.photo;
    this.bitmap?.close();
    this.bitmap = result.bitmap;
    this.shownResult = null;
    this.region = null;
    const { width, height, decodeMs } = result.photo.info;
    this.status = `${item.name}: ${width} × ${height} px (${(width * height / 1e6).toFixed(1)} MP), decoded in ${formatMs(decodeMs)}. Ready to run.`;
  }

  private async addThumb(id: string, full: ImageBitmap): Promise<void> {
    const scale = 160 / Math.max(full.width, full.height);
    const thumb = await createImageBitmap(full, { resizeWidth: Math.round(full.width * scale), resizeHeight: Math.round(full.height * scale) });
    this.queue = this.queue.map((q) => (q.id === id ? { ...q, thumb } : q));
  }

  private onRunStart(h: RunHandle): void {
    if (!this.photo) return;
    this.shownResult = null;
    this.status = `${runLabel(h.settings)}: filtering ${h.tables.state.length} tiles…`;
    this.viewer.follow(this.photo.planes, h.tables, h.settings.tileSize);
    const parallel = h.settings.mode === 'parallel';
    this.timeline.follow(h.tables, parallel ? h.settings.workers : 1, !parallel);
  }

  private onRunRecord(r: RunRecord, current: boolean): void {
    this.records = [...this.records, r];
    if (!current) return;
    this.viewer.settle();
    this.timeline.settle(r);
    this.lastRecord = r;
    const label = runLabel(r.settings);
    for (const f of r.faults) this.say(f);
    if (r.outcome === 'done') {
      this.shownResult = r;
      this.status = `${label} finished in ${formatMs(r.wallMs)}: ${r.tiles} tiles, longest main-thread task ${formatMs(r.longestTaskMs)}.`;
    } else if (r.outcome === 'cancelled') {
      this.status = `${label} cancelled after ${r.tilesDone} of ${r.tiles} tiles.`;
    } else {
      this.status = `${label} failed: ${r.error ?? 'unknown error'}.`;
      this.say(`The run failed: ${r.error ?? 'unknown error'}. The photo and earlier results are kept; try again.`);
    }
  }

  /** What the controls say, as engine settings. */
  private runSettings(): RunSettings {
    return { ...this.settings, memory: this.caps.sharedMemory ? 'shared' : 'message', schedule: 'dynamic', region: null };
  }

  private _onRun(): void {
    if (!this.photo || this.loading || this.experimentRunning) return;
    void this.runs.run(this.photo, this.runSettings());
  }

  private _onCancel(): void {
    this.experimentAbort?.abort();
    this.runs.cancel();
  }

  private _onSettings(e: CustomEvent<ControlSettings>): void {
    this.settings = e.detail;
    this.saveUrl();
  }

  private _onExperiment(e: CustomEvent<Experiment>): void {
    this.experiment = e.detail;
    this.saveUrl();
  }

  /** The settings in the address bar, so the link restores them. */
  private saveUrl(): void {
    history.replaceState(null, '', `?${encodeState({ ...this.settings, experiment: this.experiment })}`);
  }

  private async _onCopyLink(): Promise<void> {
    this.saveUrl();
    try {
      await navigator.clipboard.writeText(location.href);
      this.status = 'Link copied: opening it restores these settings.';
    } catch {
      this.status = `Share this link to restore these settings: ${location.href}`;
    }
  }

  /** The spotlight for the scheduling experiment: the one drawn, else the top two-fifths (the sky). */
  private spotlight(): Rect {
    const p = this.photo!.planes;
    return this.region ?? { x: 0, y: 0, w: p.width, h: Math.max(1, Math.round(p.height * 0.4)) };
  }

  private async _onRunExperiment(): Promise<void> {
    const photo = this.photo;
    if (!photo || this.loading || this.experimentRunning) return;
    const kind = this.experiment;
    const abort = (this.experimentAbort = new AbortController());
    this.experimentRunning = true;
    this.experimentResult = null;
    if (kind === 'schedule') this.region = this.spotlight();
    const label = EXPERIMENT_INFO[kind].label;
    this.experimentProgress = `${label}: starting…`;
    try {
      this.experimentResult = await runExperiment(kind, {
        base: this.runSettings(),
        cores: this.caps.cores,
        sharedMemory: this.caps.sharedMemory,
        region: this.spotlight(),
        repeats: 3,
        runOne: (s) => this.runs.run(photo, s),
        race: (workers, counting) => runRace(this.pool, photo.planes, workers, counting),
        signal: abort.signal,
        onProgress: (done, total) => (this.experimentProgress = `${label}: ${done} of ${total} done…`),
      });
      this.experimentProgress = '';
      this.status = `${label} finished.`;
    } catch (e) {
      this.experimentProgress = '';
      const cancelled = e instanceof DOMException && e.name === 'AbortError';
      this.status = cancelled ? `${label} cancelled.` : `${label} failed.`;
      if (!cancelled) this.say(`${label} failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.experimentRunning = false;
      this.experimentAbort = null;
    }
  }

  private async _onDownload(): Promise<void> {
    const r = this.shownResult;
    const planes = this.photo?.planes;
    if (!r || !planes) return this.say('There is no finished result to download yet.');
    this.status = 'Encoding the PNG…';
    const blob = await encodePng(planes.dst, planes.width, planes.height);
    saveBlob(blob, `${stem(r.photo.name)}-${r.settings.filter.kind}.png`);
    this.status = `Saved ${stem(r.photo.name)}-${r.settings.filter.kind}.png (${planes.width} × ${planes.height} px).`;
  }

  private readonly _onDragEnter = (e: DragEvent): void => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    this.dragDepth++;
    this.dragging = true;
  };

  private readonly _onDragOver = (e: DragEvent): void => {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };

  private readonly _onDragLeave = (): void => {
    this.dragDepth = Math.max(0, this.dragDepth - 1);
    if (this.dragDepth === 0) this.dragging = false;
  };

  private readonly _onDrop = (e: DragEvent): void => {
    e.preventDefault();
    this.dragDepth = 0;
    this.dragging = false;
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) void this.addFiles(files);
  };

  private readonly _onPaste = (e: ClipboardEvent): void => {
    const files = [...(e.clipboardData?.files ?? [])];
    if (files.length) {
      e.preventDefault();
      void this.addFiles(files);
    }
  };

  /** Finished runs of the photo and filter on screen, for the chart. */
  private chartRuns(): RunRecord[] {
    const photo = this.photo;
    if (!photo) return [];
    const key = outputKey(photo.info.key, { filter: this.settings.filter, region: null });
    return this.records.filter((r) => r.outcome === 'done' && agreementKey(r) === key).slice(-12);
  }

  private renderPwa() {
    const e = this.pwa;
    if (!e) return '';
    const dismiss = html`<button type="button" class="small" @click=${() => (this.pwa = null)}>Dismiss</button>`;
    switch (e.kind) {
      case 'offline-ready':
        return html`<p class="banner"><span>Ready to work offline: Tilelab now runs with the network off.</span>${dismiss}</p>`;
      case 'update-available':
        return html`<p class="banner"><span>Update available: a new version of Tilelab is ready.</span>
          <button type="button" class="small primary" @click=${e.apply}>Reload to update</button>${dismiss}</p>`;
      case 'isolation-failed':
        return html`<p class="banner"><span>This host does not allow shared memory even through the offline cache, so parallel mode passes messages.</span>${dismiss}</p>`;
    }
  }

  override render() {
    const notes = capabilityNotes(this.caps);
    return html`
      <header>
        <h1>Tilelab</h1>
        <p>Concurrency vs parallelism, measured on your own photos.</p>
      </header>
      ${notes.length ? html`<div class="notes">${notes.map((n) => html`<p class="note">${n}</p>`)}</div>` : ''}
      <div class="pwa" aria-live="polite">${this.renderPwa()}</div>
      <div class="messages" role="alert">
        ${this.messages.map((m) => html`<p class="message"><span>${m.text}</span>
          ${m.action ? html`<button type="button" @click=${() => (this.dismiss(m.id), m.action!.run())}>${m.action.label}</button>` : ''}
          <button type="button" aria-label="Dismiss message" @click=${() => this.dismiss(m.id)}>Dismiss</button></p>`)}
      </div>
      <div class="grid">
        <section aria-label="Photo">
          <tl-viewer .bitmap=${this.bitmap} .size=${this.photo ? { width: this.photo.planes.width, height: this.photo.planes.height } : null} .region=${this.experiment === 'schedule' ? this.region : null}
            @region-change=${(e: CustomEvent<Rect>) => (this.region = e.detail)}></tl-viewer>
          <p class="status" role="status">${this.status}</p>
          <tl-meter class="panel" .record=${this.lastRecord}></tl-meter>
        </section>
        <aside>
          <div>
            <h2>Photos</h2>
            <tl-photo-queue .items=${this.queue} selected-id=${this.selectedId ?? ''} @files-chosen=${(e: CustomEvent<File[]>) => this.addFiles(e.detail)}
              @photo-select=${(e: CustomEvent<string>) => this.select(e.detail)} @sample=${() => this.addSample()}></tl-photo-queue>
          </div>
          <tl-controls .settings=${this.settings} cores=${this.caps.cores} ?running=${this.runs.running || this.experimentRunning}
            ?can-run=${!!this.photo && !this.loading && !this.experimentRunning} @settings-change=${this._onSettings} @run=${this._onRun}
            @cancel=${this._onCancel}></tl-controls>
          <button class="dl" type="button" ?disabled=${!this.shownResult} @click=${this._onDownload}>Download image</button>
          <button class="dl" type="button" @click=${this._onCopyLink}>Copy link to these settings</button>
        </aside>
        <div class="results">
          <section class="panel" aria-label="Timeline">
            <tl-timeline id="live"></tl-timeline>
          </section>
          <section class="panel" aria-label="Wall time chart">
            <tl-wall-chart .runs=${this.chartRuns()}></tl-wall-chart>
          </section>
          <section class="panel" aria-label="Experiments">
            <tl-experiments experiment=${this.experiment} .result=${this.experimentResult} ?running=${this.experimentRunning}
              ?can-run=${!!this.photo && !this.loading && !this.runs.running} progress=${this.experimentProgress}
              @experiment-change=${this._onExperiment} @experiment-run=${this._onRunExperiment}></tl-experiments>
          </section>
          <section class="panel" aria-label="Runs">
            <tl-runs-table .runs=${this.records}></tl-runs-table>
          </section>
        </div>
      </div>
      ${this.dragging ? html`<div class="drop" aria-hidden="true">Drop photos to add them</div>` : ''}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-app': TlApp;
  }
}

