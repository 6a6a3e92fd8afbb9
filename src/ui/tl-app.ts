import { LitElement, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { Experiment } from '../core/experiments.js';
import { laneCount, MODES } from '../core/modes.js';
import { runLabel, type RunRecord, type RunSettings } from '../core/record.js';
import { formatMs } from '../core/stats.js';
import type { Rect } from '../core/types.js';
import { capabilityNotes, detectCapabilities } from '../engine/capabilities.js';
import { runCompare, runExperiment } from '../engine/experiments.js';
import { COMPARE_ROUNDS, type CompareResult } from '../core/compare.js';
import type { LoadedPhoto } from '../engine/job.js';
import { encodePng, inspectFile, loadPhoto, loadSample } from '../engine/image-io.js';
import { WorkerPool } from '../engine/pool.js';
import { runRace } from '../engine/race.js';
import { browserIdleScheduler } from '../engine/run-concurrent.js';
import type { RunHandle } from '../engine/run.js';
import { registerServiceWorker, type PwaEvent } from '../pwa/register.js';
import { EXPERIMENT_INFO } from './captions.js';
import { saveBlob, stem } from './download.js';
import { ExperimentRunner, type ExperimentSetup } from './experiment-runner.js';
import { MessageStore } from './messages.js';
import { PhotoLibrary } from './photo-library.js';
import { pwaBanner } from './pwa-banner.js';
import { DropTarget } from './drop-target.js';
import { RunController } from './run-controller.js';
import { RunHistory } from './run-history.js';
import { theme } from './theme.js';
import { appStyles } from './tl-app.styles.js';
import type { ControlSettings } from './tl-controls.js';
import type { TlMeter } from './tl-meter.js';
import type { TlTimeline } from './tl-timeline.js';
import type { TlViewer } from './tl-viewer.js';
import { decodeState, encodeState } from './url-state.js';
import './tl-compare.js';
import './tl-controls.js';
import './tl-experiments.js';
import './tl-meter.js';
import './tl-photo-queue.js';
import './tl-runs-table.js';
import './tl-timeline.js';
import './tl-viewer.js';
import './tl-wall-chart.js';

/**
 * The lab: photos in, runs out, every figure from a RunRecord. The element composes its
 * concerns (photos, runs, experiments, messages) and renders them; each lives in a plain class.
 */
@customElement('tl-app')
export class TlApp extends LitElement {
  static override styles = [theme, appStyles];

  private readonly caps = detectCapabilities();
  private readonly pool = new WorkerPool();
  private readonly initial = decodeState(location.search, this.caps.cores);
  private readonly update_ = (): void => this.requestUpdate();
  private readonly messages = new MessageStore(this.update_);
  private readonly history = new RunHistory(this.update_);
  private readonly runs = new RunController(
    this,
    { pool: this.pool, idle: browserIdleScheduler() },
    (h) => this.onRunStart(h),
    (r, current) => this.onRunRecord(r, current),
  );
  private readonly library = new PhotoLibrary(
    {
      inspect: inspectFile,
      load: (item) =>
        item.file ? loadPhoto(item.file, item.id, this.caps.sharedMemory, item.downscale) : loadSample(item.id, this.caps.sharedMemory),
      thumbnail: (full) => {
        const scale = 160 / Math.max(full.width, full.height);
        return createImageBitmap(full, { resizeWidth: Math.round(full.width * scale), resizeHeight: Math.round(full.height * scale) });
      },
    },
    this.messages,
    {
      leaving: () => {
        this.experiments.cancel();
        this.comparison.cancel();
        this.comparison.result = null;
        this.runs.abandon();
        this.history.clearShown();
        this.region = null;
      },
      status: (text) => (this.status = text),
      changed: this.update_,
    },
  );
  private readonly experimentHooks = {
    status: (text: string) => (this.status = text),
    failed: (what: string, e: unknown) => this.messages.fail(what, e),
    changed: this.update_,
  };
  private readonly experiments = new ExperimentRunner(
    this.initial.experiment ?? 'cores',
    (k) => EXPERIMENT_INFO[k].label,
    runExperiment,
    this.experimentHooks,
  );
  /** The headline comparison: every mode, interleaved rounds, judged against the idle page's frames. */
  private readonly comparison = new ExperimentRunner<'compare', CompareResult>(
    'compare',
    () => 'Compare modes',
    async (_, ctx) => runCompare(ctx, await this.meter.baseline()),
    this.experimentHooks,
  );

  @state() private settings: ControlSettings = {
    filter: this.initial.filter,
    mode: this.initial.mode,
    workers: this.initial.workers,
    tileSize: this.initial.tileSize,
  };
  /** The spotlight the scheduling experiment filters in; null: the default band. */
  @state() private region: Rect | null = null;
  /** What the service worker has to tell: offline-ready, an update, or isolation that failed. */
  @state() private pwa: PwaEvent | null = null;
  @state() private status = '';
  @query('tl-viewer') private viewer!: TlViewer;
  @query('tl-timeline#live') private timeline!: TlTimeline;
  @query('tl-meter') private meter!: TlMeter;
  private readonly drops = new DropTarget(this, (files) => this.addFiles(files));

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('unhandledrejection', this.onUnhandled);
    registerServiceWorker((e) => (this.pwa = e));
    this.task('Loading the sample photo', this.library.addSample());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('unhandledrejection', this.onUnhandled);
    this.pool.shrink(0);
  }

  /** Whatever no handler caught still reaches the page as a message, never as silence. */
  private readonly onUnhandled = (e: PromiseRejectionEvent): void => {
    e.preventDefault();
    this.messages.fail('Something on the page', e.reason);
  };

  /** Every asynchronous call from the page ends here: a failure becomes a message, never silence. */
  private task(what: string, work: Promise<unknown>): void {
    work.catch((e: unknown) => this.messages.fail(what, e));
  }

  private onRunStart(h: RunHandle): void {
    const photo = this.library.photo;
    if (!photo) return;
    this.history.clearShown();
    this.status = `${runLabel(h.settings)}: filtering ${h.tables.state.length} tiles…`;
    this.viewer.follow(photo.planes, h.tables, h.settings.tileSize);
    this.timeline.follow(h.tables, laneCount(h.settings.mode, h.settings.workers), MODES[h.settings.mode].usesPageThread);
  }

  private onRunRecord(r: RunRecord, current: boolean): void {
    this.history.add(r, current);
    if (!current) return;
    this.viewer.settle();
    this.timeline.settle(r);
    const label = runLabel(r.settings);
    for (const f of r.faults) this.messages.say(f);
    if (r.outcome === 'done') {
      this.status = `${label} finished in ${formatMs(r.wallMs)}: ${r.tiles} tiles, longest main-thread task ${formatMs(r.longestTaskMs)}.`;
    } else if (r.outcome === 'cancelled') {
      this.status = `${label} cancelled after ${r.tilesDone} of ${r.tiles} tiles.`;
    } else {
      this.status = `${label} failed: ${r.error ?? 'unknown error'}.`;
      this.messages.say(`The run failed: ${r.error ?? 'unknown error'}. The photo and earlier results are kept; try again.`);
    }
  }

  /** What the controls say, as engine settings. */
  private runSettings(): RunSettings {
    return { ...this.settings, memory: this.caps.sharedMemory ? 'shared' : 'message', schedule: 'dynamic', region: null };
  }

  private get busy(): boolean {
    return this.library.loading || this.experiments.running || this.comparison.running;
  }

  private _onRun(): void {
    const photo = this.library.photo;
    if (!photo || this.busy) return;
    this.task('The run', this.runs.run(photo, this.runSettings()));
  }

  private _onCancel(): void {
    this.experiments.cancel();
    this.comparison.cancel();
    this.runs.cancel();
  }

  private _onSettings(e: CustomEvent<ControlSettings>): void {
    this.settings = e.detail;
    this.saveUrl();
  }

  private _onExperiment(e: CustomEvent<Experiment>): void {
    this.experiments.choose(e.detail);
    this.saveUrl();
  }

  /** The settings in the address bar, so the link restores them. */
  private saveUrl(): void {
    history.replaceState(null, '', `?${encodeState({ ...this.settings, experiment: this.experiments.kind })}`);
  }

  private async copyLink(): Promise<void> {
    this.saveUrl();
    try {
      await navigator.clipboard.writeText(location.href);
      this.status = 'Link copied: opening it restores these settings.';
    } catch {
      this.status = `Share this link to restore these settings: ${location.href}`;
    }
  }

  /** The spotlight for the scheduling experiment: the one drawn, else the top two-fifths (the sky). */
  private spotlight(width: number, height: number): Rect {
    return this.region ?? { x: 0, y: 0, w: width, h: Math.max(1, Math.round(height * 0.4)) };
  }

  /** What every experiment gets: the settings on screen, the device, and how to run one run. */
  private experimentSetup(photo: LoadedPhoto, region: Rect): ExperimentSetup {
    return {
      base: this.runSettings(),
      size: { width: photo.planes.width, height: photo.planes.height },
      cores: this.caps.cores,
      sharedMemory: this.caps.sharedMemory,
      region,
      // Every experiment repeats as often as the comparison has rounds: three.
      repeats: COMPARE_ROUNDS,
      runOne: (s) => this.runs.run(photo, s),
      race: (workers, counting) => runRace(this.pool, photo.planes, workers, counting),
    };
  }

  private _onRunExperiment(): void {
    const photo = this.library.photo;
    if (!photo || this.busy || this.runs.running) return;
    const region = this.spotlight(photo.planes.width, photo.planes.height);
    if (this.experiments.kind === 'schedule') this.region = region;
    this.task('The experiment', this.experiments.run(this.experimentSetup(photo, region)));
  }

  private _onCompare(): void {
    const photo = this.library.photo;
    if (!photo || this.busy || this.runs.running) return;
    this.task('Compare modes', this.comparison.run(this.experimentSetup(photo, this.spotlight(photo.planes.width, photo.planes.height))));
  }

  private async download(): Promise<void> {
    const r = this.history.shown;
    const planes = this.library.photo?.planes;
    if (!r || !planes) {
      this.messages.say('There is no finished result to download yet.');
      return;
    }
    this.status = 'Encoding the PNG…';
    const name = `${stem(r.photo.name)}-${r.settings.filter.kind}.png`;
    try {
      saveBlob(await encodePng(planes.dst, planes.width, planes.height), name);
      this.status = `Saved ${name} (${planes.width} × ${planes.height} px).`;
    } catch (e) {
      this.status = '';
      this.messages.fail(`Saving ${name}`, e);
    }
  }

  private addFiles(files: readonly File[]): void {
    if (files.length) this.task('Adding photos', this.library.addFiles(files));
  }

  private renderMessages() {
    return this.messages.messages.map(
      (m) => html`<div class="message"><div class="text"><span>${m.text}</span>
          ${m.details.length ? html`<details><summary>Show each file</summary><ul>${m.details.map((d) => html`<li>${d}</li>`)}</ul></details>` : ''}</div>
        ${m.action ? html`<button type="button" @click=${() => (this.messages.dismiss(m.id), m.action?.run())}>${m.action.label}</button>` : ''}
        <button type="button" aria-label="Dismiss message" @click=${() => this.messages.dismiss(m.id)}>Dismiss</button></div>`,
    );
  }

  override render() {
    const notes = capabilityNotes(this.caps);
    const { photo, bitmap, queue, selectedId, loading } = this.library;
    const ex = this.experiments;
    const cmp = this.comparison;
    const canRun = !!photo && !loading && !ex.running && !cmp.running;
    const canExperiment = !!photo && !loading && !this.runs.running && !ex.running && !cmp.running;
    return html`
      <header>
        <h1>Tilelab</h1>
        <p>Concurrency vs parallelism, measured on your own photos.</p>
      </header>
      ${notes.length ? html`<div class="notes">${notes.map((n) => html`<p class="note">${n}</p>`)}</div>` : ''}
      <div class="pwa" aria-live="polite">${pwaBanner(this.pwa, () => (this.pwa = null))}</div>
      <div class="messages" role="alert">${this.renderMessages()}</div>
      <div class="grid">
        <section aria-label="Photo">
          <tl-viewer .bitmap=${bitmap} .size=${photo ? { width: photo.planes.width, height: photo.planes.height } : null}
            .region=${ex.kind === 'schedule' ? this.region : null} @region-change=${(e: CustomEvent<Rect>) => (this.region = e.detail)}></tl-viewer>
          <p class="status" role="status">${this.status}</p>
          <tl-meter class="panel" .record=${this.history.last} ?running=${this.runs.running || ex.running || cmp.running}></tl-meter>
        </section>
        <aside>
          <div>
            <h2>Photos</h2>
            <tl-photo-queue .items=${queue} selected-id=${selectedId ?? ''} @files-chosen=${(e: CustomEvent<File[]>) => this.addFiles(e.detail)}
              @photo-select=${(e: CustomEvent<string>) => this.task('Choosing a photo', this.library.select(e.detail))}
              @sample=${() => this.task('Loading the sample photo', this.library.addSample())}></tl-photo-queue>
          </div>
          <tl-controls .settings=${this.settings} cores=${this.caps.cores} ?running=${this.runs.running || ex.running || cmp.running}
            ?can-run=${canRun} ?can-compare=${canExperiment} .photoSize=${photo ? { width: photo.planes.width, height: photo.planes.height } : null} @settings-change=${this._onSettings} @run=${this._onRun} @cancel=${this._onCancel}
            @compare-run=${this._onCompare}></tl-controls>
          <button class="dl" type="button" ?disabled=${!this.history.shown} @click=${() => this.task('Saving the image', this.download())}>Download image</button>
          <button class="dl" type="button" @click=${() => this.task('Copying the link', this.copyLink())}>Copy link to these settings</button>
        </aside>
        <div class="results">
          <section class="panel" aria-label="Compare modes" id="compare">
            <tl-compare .result=${cmp.result} ?running=${cmp.running} ?can-run=${canExperiment} progress=${cmp.progress}
              cores=${this.caps.cores} @compare-run=${this._onCompare}></tl-compare>
          </section>
          <section class="panel" aria-label="Timeline"><tl-timeline id="live"></tl-timeline></section>
          <section class="panel" aria-label="Wall time chart">
            <tl-wall-chart .runs=${photo ? this.history.chartRuns(photo.info.key, this.settings.filter) : []}></tl-wall-chart>
          </section>
          <section class="panel" aria-label="Experiments">
            <tl-experiments experiment=${ex.kind} .result=${ex.result} ?running=${ex.running} ?can-run=${canExperiment}
              progress=${ex.progress} @experiment-change=${this._onExperiment} @experiment-run=${this._onRunExperiment}></tl-experiments>
          </section>
          <section class="panel" aria-label="Runs"><tl-runs-table .runs=${this.history.records}></tl-runs-table></section>
        </div>
      </div>
      ${this.drops.dragging ? html`<div class="drop" aria-hidden="true">Drop photos to add them</div>` : ''}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-app': TlApp;
  }
}
