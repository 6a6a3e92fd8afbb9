import { LitElement, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { Experiment, ExperimentResults } from '../core/experiments.js';
import { laneCount, MODES } from '../core/modes.js';
import { runLabel, type RunRecord, type RunSettings } from '../core/record.js';
import type { Rect } from '../core/types.js';
import { capabilityNotes, detectCapabilities } from '../engine/capabilities.js';
import { runCompare, runExperiment } from '../engine/experiments.js';
import type { CompareResult } from '../core/compare.js';
import { UNMEASURED } from '../core/evidence.js';
import { LESSON_STEPS, type LessonAction, type LessonEvidence } from '../core/lesson-steps.js';
import type { LoadedPhoto } from '../engine/job.js';
import { WorkerPool } from '../engine/pool.js';
import { browserIdleScheduler } from '../engine/run-concurrent.js';
import type { RunHandle } from '../engine/run.js';
import { registerServiceWorker, type PwaEvent } from '../pwa/register.js';
import { EXPERIMENT_INFO } from './captions.js';
import { resultName, saveResult } from './download.js';
import { messagesView } from './messages-view.js';
import { experimentRuns, experimentSetup, ExperimentRunner, type ExperimentSetup } from './experiment-runner.js';
import { MessageStore } from './messages.js';
import { idbKeyValue } from './history-store.js';
import { KeptHistory } from './kept-history.js';
import { thisDevice } from './device-info.js';
import { PhotoLibrary } from './photo-library.js';
import { browserPhotoSource } from './photo-source.js';
import { pwaBanner } from './pwa-banner.js';
import { DropTarget } from './drop-target.js';
import { RunController } from './run-controller.js';
import { RunHistory, runStatus } from './run-history.js';
import { theme } from './theme.js';
import { printStyles } from './print.styles.js';
import { appStyles } from './tl-app.styles.js';
import type { ControlSettings } from './tl-controls.js';
import type { TlMeter } from './tl-meter.js';
import type { TlTimeline } from './tl-timeline.js';
import type { TlViewer } from './tl-viewer.js';
import { copyLink, decodeState, encodeState } from './url-state.js';
import type { TlBatch } from './tl-batch.js';
import './tl-batch.js';
import './tl-compare.js';
import './tl-devices.js';
import './tl-controls.js';
import { simdSupport } from '../engine/simd/support.js';
import './tl-experiments.js';
import './tl-lesson.js';
import './tl-meter.js';
import './tl-photo-queue.js';
import './tl-runs-table.js';
import './tl-timeline.js';
import './tl-viewer.js';
import './tl-help.js';
import type { TlHelp } from './tl-help.js';
import { keysFor, shortcutFor, type ShortcutAction } from './shortcuts.js';
import './tl-wall-chart.js';

export type { ExperimentResults } from '../core/experiments.js';

/**
 * The lab: photos in, runs out, every figure from a RunRecord. The element composes its
 * concerns (photos, runs, experiments, messages) and renders them; each lives in a plain class.
 */
@customElement('tl-app')
export class TlApp extends LitElement {
  static override styles = [theme, appStyles, printStyles];

  private readonly caps = detectCapabilities();
  private readonly pool = new WorkerPool();
  private readonly initial = decodeState(location.search, this.caps.cores);
  private readonly update_ = (): void => this.requestUpdate();
  private readonly messages = new MessageStore(this.update_);
  private readonly history = new RunHistory(this.update_);
  private readonly runDeps = { pool: this.pool, idle: browserIdleScheduler() };
  private readonly runs = new RunController(
    this,
    this.runDeps,
    (h) => this.onRunStart(h),
    (r, current) => this.onRunRecord(r, current),
  );
  private readonly library = new PhotoLibrary(browserPhotoSource(this.caps.sharedMemory), this.messages, {
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
    queueChanged: () => this.kept.keep('photos'),
  });
  private readonly experimentHooks = {
    status: (text: string) => (this.status = text),
    failed: (what: string, e: unknown) => this.messages.fail(what, e),
    changed: this.update_,
  };
  private readonly experiments = new ExperimentRunner(this.initial.experiment ?? 'cores', (k) => EXPERIMENT_INFO[k].label, runExperiment, {
    ...this.experimentHooks,
    done: (r) => {
      this.experimentResults = { ...this.experimentResults, [r.kind]: r };
      this.kept.measured(r.kind);
    },
  });
  /** The latest finished result of each experiment, whichever is chosen now. */
  @state() private experimentResults: ExperimentResults = {};
  /** The headline comparison: every mode, interleaved rounds, judged against the idle page's frames. */
  private readonly comparison = new ExperimentRunner<'compare', CompareResult>(
    'compare',
    () => 'Compare modes',
    async (_, ctx) => runCompare(ctx, await this.meter.baseline()),
    {
      ...this.experimentHooks,
      done: () => this.kept.measured('compare'),
    },
  );
  /** Runs, results and photos kept for the next visit, and given back on it. */
  private readonly kept = new KeptHistory(idbKeyValue(), {
    history: this.history,
    library: this.library,
    runs: this.runs,
    experiments: this.experiments,
    comparison: this.comparison,
    batchRunning: () => this.batchRunning,
    results: () => this.experimentResults,
    setResults: (results) => (this.experimentResults = results),
    status: (edit) => (this.status = edit(this.status)),
    say: (text) => this.messages.say(text),
    task: (what, work) => this.task(what, work),
    changed: this.update_,
  });

  @state() private settings: ControlSettings = {
    filter: this.initial.filter,
    mode: this.initial.mode,
    workers: this.initial.workers,
    tileSize: this.initial.tileSize,
    kernel: this.initial.kernel,
  };
  /** The spotlight the scheduling experiment filters in; null: the default band. */
  @state() private region: Rect | null = null;
  /** What the service worker has to tell: offline-ready, an update, or isolation that failed. */
  @state() private pwa: PwaEvent | null = null;
  @state() private status = '';
  /** Why the WebAssembly SIMD kernels cannot run here; null when they can, undefined until known. */
  @state() private simdReason: string | null | undefined = undefined;
  /** A batch ("Filter all photos") holds the pool: runs and experiments wait for it. */
  @state() private batchRunning = false;
  /** The lesson's step (index into LESSON_STEPS), or null in the free lab. */
  @state() private lesson: number | null = this.initial.lesson === undefined ? null : this.initial.lesson - 1;
  @query('tl-viewer') private viewer!: TlViewer;
  @query('tl-timeline#live') private timeline!: TlTimeline;
  @query('tl-meter') private meter!: TlMeter;
  @query('tl-help') private help!: TlHelp;
  @query('tl-batch') private batch!: TlBatch | null;
  private readonly drops = new DropTarget(this, (files) => this.addFiles(files));

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('unhandledrejection', this.onUnhandled);
    window.addEventListener('keydown', this.onKey);
    registerServiceWorker((e) => (this.pwa = e));
    this.task(
      'Loading the WebAssembly kernels',
      simdSupport().then((s) => (this.simdReason = s.ok ? null : s.reason)),
    );
    this.library.listSample();
    this.task('Restoring the history', this.kept.restore());
  }

  /** "Clear history", confirmed in the runs table: the store and the page start again from the sample. */
  private async clearHistory(): Promise<void> {
    this._onCancel();
    await this.kept.clear();
  }

  /** A result restored from an earlier visit says so, until it is measured again. */
  private earlierNote(kind: string, shown: boolean) {
    const note = shown ? this.kept.earlierNote(kind) : '';
    return note ? html`<p class="note">${note}</p>` : '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('unhandledrejection', this.onUnhandled);
    window.removeEventListener('keydown', this.onKey);
    this.pool.shrink(0);
  }

  /** Whatever no handler caught still reaches the page as a message, never as silence. */
  private readonly onUnhandled = (e: PromiseRejectionEvent): void => {
    e.preventDefault();
    this.messages.fail('Something on the page', e.reason);
  };

  /** The keyboard shortcuts (shortcuts.ts); the focused element is read through the shadow roots. */
  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || this.help.isOpen) return;
    const target = e.composedPath()[0];
    const action = shortcutFor(e, target instanceof Element ? target : null);
    if (!action) return;
    e.preventDefault();
    this.shortcut(action);
  };

  private shortcut(a: ShortcutAction): void {
    if (a.kind === 'run') this._onRun();
    else if (a.kind === 'cancel') this._onCancel();
    else if (a.kind === 'help') this.help.show();
    else this._onSettings(new CustomEvent('settings-change', { detail: { ...this.settings, mode: a.mode } }));
  }

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
    this.kept.keep('runs');
    if (!current) return;
    this.viewer.settle();
    this.timeline.settle(r);
    for (const f of r.faults) this.messages.say(f);
    this.status = runStatus(r);
    if (r.outcome === 'failed')
      this.messages.say(`The run failed: ${r.error ?? 'unknown error'}. The photo and earlier results are kept; try again.`);
  }

  /** What the controls say, as engine settings. */
  private runSettings(): RunSettings {
    return { ...this.settings, memory: this.caps.sharedMemory ? 'shared' : 'message', schedule: 'dynamic', region: null };
  }

  private get busy(): boolean {
    return this.library.loading || this.experiments.running || this.comparison.running || this.batchRunning;
  }

  /** Why a batch cannot start now, for its panel; empty when it can. */
  private batchBlocked(): string {
    if (this.runs.running) return 'A run is going: wait for it to finish.';
    if (this.experiments.running || this.comparison.running) return 'An experiment is going: wait for it to finish.';
    if (this.library.loading) return 'A photo is loading.';
    return '';
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
    this.batch?.cancel();
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
    const lesson = this.lesson === null ? {} : { lesson: this.lesson + 1 };
    history.replaceState(null, '', `?${encodeState({ ...this.settings, experiment: this.experiments.kind, ...lesson })}`);
  }

  private async copyLink(): Promise<void> {
    this.saveUrl();
    this.status = await copyLink(location.href);
  }

  /** The spotlight for the scheduling experiment: the one drawn, else the top two-fifths (the sky). */
  private spotlight(width: number, height: number): Rect {
    return this.region ?? { x: 0, y: 0, w: width, h: Math.max(1, Math.round(height * 0.4)) };
  }

  /** What every experiment gets: the settings on screen, the device, and how to run one run. */
  private experimentSetup(photo: LoadedPhoto, region: Rect): ExperimentSetup {
    return experimentSetup(
      photo,
      this.runSettings(),
      this.caps,
      region,
      // The experiments' runs stay with their results: only the photo shows them going by.
      experimentRuns(photo, this.runDeps, {
        started: (h) => {
          this.history.clearShown();
          this.viewer.follow(photo.planes, h.tables, h.settings.tileSize);
        },
        ended: (r) => {
          if (this.library.photo === photo) this.viewer.settle();
          for (const f of r.faults) this.messages.say(f);
        },
      }),
      this.pool,
      this.simdReason ?? undefined,
    );
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

  /** Open the lesson at a step, or leave it (null); the settings the lesson changed stay. */
  private setLesson(step: number | null): void {
    this.lesson = step;
    this.saveUrl();
  }

  /** The button that started the lesson is gone: focus goes to the first step's title. */
  private async startLesson(): Promise<void> {
    this.setLesson(0);
    await this.updateComplete;
    this.renderRoot.querySelector('tl-lesson')?.focusHeading();
  }

  /** A lesson step's action: its preset settings, then the lab's own handler, as if the control had been used. */
  private _onLessonAction(e: CustomEvent<LessonAction>): void {
    const a = e.detail;
    if (a.kind === 'photo') return; // the card's own picker hands over the files
    this.settings = { ...this.settings, ...LESSON_STEPS[this.lesson ?? 0]?.preset, ...(a.kind === 'run' ? { mode: a.mode } : {}) };
    if (a.kind === 'experiment') this.experiments.choose(a.experiment);
    this.saveUrl();
    if (a.kind === 'run') this._onRun();
    else if (a.kind === 'compare') this._onCompare();
    else this._onRunExperiment();
  }

  /** Everything measured on this page so far, for the lesson's conclusions. */
  private lessonEvidence(): LessonEvidence {
    // Null on the first render: the meter is drawn in the same pass as the card.
    const meter = this.meter as TlMeter | null;
    return {
      cores: this.caps.cores,
      simd: this.simdReason === null,
      simdWhyNot: this.simdReason ?? (this.simdReason === undefined ? 'the page is still checking for WebAssembly SIMD.' : ''),
      runs: this.history.records,
      compare: this.comparison.result,
      experiments: this.experimentResults,
      idle: meter?.idleCheck ?? UNMEASURED,
      photo: this.library.photo?.info ?? null,
      filter: this.settings.filter,
    };
  }

  /**
   * The lesson's card while a lesson is open: at the top of the settings column on a wide screen
   * (the photo stays whole beside it), above the photo on a narrow one, where the photo shrinks
   * to leave the card and the step's button on the first screen (tl-app.styles.ts).
   */
  private lessonView() {
    if (this.lesson === null) return nothing;
    const busy = !this.library.photo || this.busy || this.runs.running;
    return html`<tl-lesson .step=${this.lesson} .evidence=${this.lessonEvidence()} ?busy=${busy}
      @lesson-step=${(e: CustomEvent<number>) => this.setLesson(e.detail)} @lesson-exit=${() => this.setLesson(null)}
      @lesson-action=${this._onLessonAction} @files-chosen=${(e: CustomEvent<File[]>) => this.addFiles(e.detail)}></tl-lesson>`;
  }

  private async download(): Promise<void> {
    const r = this.history.shown;
    const planes = this.library.photo?.planes;
    if (!r || !planes) {
      this.messages.say('There is no finished result to download yet.');
      return;
    }
    this.status = 'Encoding the PNG…';
    const name = resultName(r);
    try {
      this.status = await saveResult(planes, name);
    } catch (e) {
      this.status = '';
      this.messages.fail(`Saving ${name}`, e);
    }
  }

  private addFiles(files: readonly File[]): void {
    if (files.length) this.task('Adding photos', this.library.addFiles(files));
  }

  override render() {
    const notes = capabilityNotes(this.caps);
    const { photo, bitmap, queue, selectedId, loading } = this.library;
    const ex = this.experiments;
    const cmp = this.comparison;
    const canRun = !!photo && !loading && !ex.running && !cmp.running && !this.batchRunning;
    const canExperiment = !!photo && !loading && !this.runs.running && !ex.running && !cmp.running && !this.batchRunning;
    return html`
      <header>
        <h1>Tilelab</h1>
        <p>Concurrency vs parallelism, measured on your own photos.</p>
        ${this.lesson === null ? html`<button type="button" @click=${() => this.task('Starting the lesson', this.startLesson())}>Start the lesson</button>` : ''}
        <button type="button" class="small shortcuts" aria-keyshortcuts=${keysFor('help')} @click=${() => this.help.show()}>Keyboard shortcuts</button>
      </header>
      <tl-help></tl-help>
      <main>
      ${notes.length ? html`<div class="notes">${notes.map((n) => html`<p class="note">${n}</p>`)}</div>` : ''}
      <div class="pwa" aria-live="polite">${pwaBanner(this.pwa, () => (this.pwa = null))}</div>
      <div class="messages" role="alert">${messagesView(this.messages)}</div>
      <div class="grid">
        ${this.lessonView()}
        <section class="photo" aria-label="Photo">
          <tl-viewer .bitmap=${bitmap} .size=${photo ? { width: photo.planes.width, height: photo.planes.height } : null}
            .region=${ex.kind === 'schedule' && photo ? this.spotlight(photo.planes.width, photo.planes.height) : null}
            @region-change=${(e: CustomEvent<Rect>) => (this.region = e.detail)}></tl-viewer>
          <p class="status" role="status">${this.status}</p>
        </section>
        <section class="side" aria-label="Settings">
          <tl-controls .settings=${this.settings} .simdReason=${this.simdReason} cores=${this.caps.cores} ?running=${this.runs.running || ex.running || cmp.running || this.batchRunning}
            ?can-run=${canRun} ?can-compare=${canExperiment} .photoSize=${photo ? { width: photo.planes.width, height: photo.planes.height } : null} @settings-change=${this._onSettings} @run=${this._onRun} @cancel=${this._onCancel}
            @compare-run=${this._onCompare}></tl-controls>
          <div>
            <h2>Photos</h2>
            <tl-photo-queue .items=${queue} selected-id=${selectedId ?? ''} @files-chosen=${(e: CustomEvent<File[]>) => this.addFiles(e.detail)}
              @photo-select=${(e: CustomEvent<string>) => this.task('Choosing a photo', this.library.select(e.detail))}
              @sample=${() => this.task('Loading the sample photo', this.library.addSample())}></tl-photo-queue>
          </div>
          <div class="links">
            <button type="button" ?disabled=${!this.history.shown} @click=${() => this.task('Saving the image', this.download())}>Download image</button>
            <button type="button" @click=${() => this.task('Copying the link', this.copyLink())}>Copy link to these settings</button>
          </div>
        </section>
        <tl-meter class="meter panel" .record=${this.history.last} ?running=${this.runs.running || ex.running || cmp.running}></tl-meter>
        <div class="results">
          <section class="panel" aria-label="Compare modes" id="compare">
            ${this.earlierNote('compare', !!cmp.result)}
            <tl-compare .result=${cmp.result} ?running=${cmp.running} ?can-run=${canExperiment} progress=${cmp.progress}
              cores=${this.caps.cores} @compare-run=${this._onCompare}></tl-compare>
          </section>
          <section class="panel" aria-label="Timeline"><tl-timeline id="live"></tl-timeline></section>
          <section class="panel" aria-label="Filter all photos" id="batch">
            <tl-batch .queue=${queue} .settings=${this.runSettings()} .deps=${this.runDeps} ?shared-memory=${this.caps.sharedMemory}
              blocked=${this.batchBlocked()} @batch-running=${(e: CustomEvent<boolean>) => (this.batchRunning = e.detail)}></tl-batch>
          </section>
          <section class="panel" aria-label="Wall time chart">
            <tl-wall-chart .runs=${photo ? this.history.chartRuns(photo.info.key, this.settings.filter) : []}></tl-wall-chart>
          </section>
          <section class="panel" aria-label="Experiments">
            ${this.earlierNote(ex.kind, ex.result?.kind === ex.kind)}
            <tl-experiments experiment=${ex.kind} .result=${ex.result} ?running=${ex.running} ?can-run=${canExperiment}
              progress=${ex.progress} @experiment-change=${this._onExperiment} @experiment-run=${this._onRunExperiment}></tl-experiments>
          </section>
          <section class="panel" aria-label="Runs"><tl-runs-table .runs=${this.history.records} .earlier=${this.history.earlier}
            .device=${thisDevice(this.caps.cores, this.simdReason === null)} .experiments=${this.experimentResults} .compare=${cmp.result}
            ?has-history=${this.history.records.length > 0 || queue.some((q) => q.file !== null)}
            @clear-history=${() => this.task('Clearing the history', this.clearHistory())}></tl-runs-table></section>
          <section class="panel" aria-label="Compare devices"><tl-devices></tl-devices></section>
        </div>
      </div>
      </main>
      ${this.drops.dragging ? html`<div class="drop" aria-hidden="true">Drop photos to add them</div>` : ''}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-app': TlApp;
  }
}
