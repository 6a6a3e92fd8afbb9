import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  MAX_IN_FLIGHT,
  SCHEDULE_LABELS,
  STAGE_LABELS,
  STAGES,
  type BatchProgress,
  type BatchSchedule,
  type BatchSpan,
  type BatchSummary,
  type Stage,
} from '../core/batch.js';
import { JPEG_QUALITY, OUTPUT_FORMATS, type OutputFormat } from '../core/batch-names.js';
import {
  activeBars,
  batchBars,
  batchCaption,
  batchLaneLabels,
  filterLaneSpans,
  STAGE_WORK,
  type BatchRuns,
  type FilterLaneSpan,
} from '../core/batch-report.js';
import { sharedExtent } from '../core/chart-scale.js';
import { messageOf } from '../core/errors.js';
import { filterTag } from '../core/file-names.js';
import { describeSpec } from '../core/filters.js';
import { laneCount, MODES } from '../core/modes.js';
import { runLabel, type RunSettings } from '../core/record.js';
import { formatMs, formatShare, niceTicks } from '../core/stats.js';
import { count, noun } from '../core/words.js';
import { sharedNow } from '../engine/clock.js';
import type { RunDeps } from '../engine/run.js';
import { barsChart, type BarRow } from './bars.js';
import { filterAll, type BatchPhoto } from './batch-stages.js';
import { canSaveToFolder, chooseBatchSink, zipSink, type BatchOutput, type BatchSink } from './batch-zip.js';
import { ChartWidth, chartText } from './chart-width.js';
import { saveBlob } from './download.js';
import { printStyles } from './print.styles.js';
import { chartStyles, theme } from './theme.js';
import './tl-batch-timeline.js';
import type { BatchTimelineData } from './tl-batch-timeline.js';

/** Redraw the live timeline at most this often (about 7 times a second): each redraw is the page's own work. */
const LIVE_MS = 150;

/** Colours of the two schedules in the comparison chart (Okabe–Ito, told apart with colour-blindness too). */
const SCHEDULE_COLOURS: Readonly<Record<BatchSchedule, string>> = { sequential: '#7a6a00', pipelined: '#0072b2' };

type Output = 'zip' | 'folder';

/** One batch as it ended: its summary, the filter lanes' spans, each photo's pixel digest, where it went. */
interface BatchRun {
  readonly summary: BatchSummary;
  readonly filterSpans: readonly FilterLaneSpan[];
  /** SHA-256 of each photo's filtered pixels, by its place in the batch. */
  readonly digests: Readonly<Record<number, string | null>>;
  /** Where the files went; null when the comparison's first run was thrown away. */
  readonly output: BatchOutput | null;
}

interface Finished {
  readonly runs: Partial<Record<BatchSchedule, BatchRun>>;
  readonly photos: readonly string[];
  readonly lanes: readonly string[];
  readonly filterLanes: number;
  readonly pageThread: boolean;
  readonly settings: RunSettings;
  /** Where the kept files went, in words. */
  readonly savedTo: string;
}

interface Live {
  readonly schedule: BatchSchedule;
  /** "Run 1 of 2" during a comparison. */
  readonly step: string;
  readonly photos: readonly string[];
  readonly lanes: readonly string[];
  readonly filterLanes: number;
  readonly start: number;
  readonly spans: BatchSpan[];
  readonly filterSpans: FilterLaneSpan[];
  progress: BatchProgress | null;
  axisMs: number;
}

const zipName = (s: RunSettings): string => `tilelab-batch-${filterTag(s.filter)}.zip`;

/** What a photo in flight is doing, in words. */
const doing = (status: string): string => (status in STAGE_WORK ? STAGE_WORK[status as Stage] : 'waiting for the next stage');

/**
 * "Filter all photos": the page's filter, mode, kernel and workers on every photo of the queue,
 * saved as one ZIP or into a folder, one after another or pipelined, with a live timeline of the
 * stages and, after "Compare both schedules", both schedules side by side. The queue itself is
 * only read.
 * @fires batch-running - detail: whether a batch is running (the page holds its own runs meanwhile)
 */
@customElement('tl-batch')
export class TlBatch extends LitElement {
  static override styles = [
    theme,
    chartStyles,
    chartText,
    css`
      .intro { margin: 0 0 8px; }
      .choices { display: flex; flex-wrap: wrap; gap: 10px 20px; align-items: end; margin-bottom: 10px; }
      .field { display: grid; gap: 4px; min-width: 0; }
      .field label { font-weight: 600; }
      .actions { display: flex; flex-wrap: wrap; gap: 10px; margin-bottom: 8px; }
      .reason, .note { color: var(--muted); font-size: 0.9em; margin: 4px 0; }
      progress { width: 100%; height: 1.2em; }
      .live ul, .summary ul { margin: 4px 0; padding-left: 1.2em; }
      .live p { margin: 4px 0; }
      .error { color: var(--danger); font-weight: 600; }
      .caption { font-size: 0.95em; margin: 8px 0; }
      figure { margin: 20px 0 0; }
      tl-batch-timeline { margin-top: 20px; }
      h3 { font-size: 1.05em; margin: 12px 0 6px; }
      h4 { font-size: 1em; margin: 10px 0 4px; }
      .table-wrap { overflow-x: auto; max-width: 100%; }
      table { border-collapse: collapse; font-size: 0.9em; font-variant-numeric: tabular-nums; margin: 6px 0; }
      th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: left; }
      code { font-size: 0.9em; }
      details { margin-top: 6px; }
      summary { cursor: pointer; font-weight: 600; min-height: 44px; display: flex; align-items: center; }
      .key { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: middle; margin-right: 6px; }
    `,
    printStyles,
  ];

  /** The photo queue: read, never changed. */
  @property({ attribute: false }) queue: readonly BatchPhoto[] = [];
  /**
   * The page's settings at the moment: filter, mode, kernel, workers, tile size. Compared by
   * value: the page hands a new object on every render, and redrawing this panel during a run
   * would be the page's own work taken from the run.
   */
  @property({ attribute: false, hasChanged: (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b) })
  settings: RunSettings | null = null;
  /** The page's worker pool and idle scheduler. */
  @property({ attribute: false }) deps: RunDeps | null = null;
  @property({ type: Boolean, attribute: 'shared-memory' }) sharedMemory = false;
  /** Why the page cannot start a batch now (a run or an experiment is going); empty when it can. */
  @property() blocked = '';

  @state() private schedule: BatchSchedule = 'pipelined';
  @state() private output: Output = 'zip';
  /** The format every photo is saved in, or 'same': each follows its photo (JPEG stays JPEG, the rest PNG). */
  @state() private format: OutputFormat | 'same' = 'same';
  @state() private live: Live | null = null;
  @state() private finished: Finished | null = null;
  @state() private message = '';
  @state() private error = '';
  private abort: AbortController | null = null;
  private drawTimer = 0;
  private lastDraw = 0;
  private readonly size = new ChartWidth(this);

  get running(): boolean {
    return this.abort !== null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
    clearTimeout(this.drawTimer);
  }

  /** Why the buttons are off, or '' when a batch can start. */
  private get reason(): string {
    if (this.running) return 'A batch is running: wait for it, or cancel it.';
    if (this.blocked) return this.blocked;
    if (this.queue.length < 2) return 'Add at least one more photo to the queue: a batch needs two or more.';
    if (!this.settings || !this.deps) return 'The page is still starting.';
    return '';
  }

  private setRunning(abort: AbortController | null): void {
    this.abort = abort;
    this.requestUpdate();
    this.dispatchEvent(new CustomEvent('batch-running', { detail: abort !== null, bubbles: true, composed: true }));
  }

  /** Redraw the live timeline now, or soon: never more often than LIVE_MS. */
  private draw(): void {
    const wait = this.lastDraw + LIVE_MS - performance.now();
    if (wait <= 0) {
      clearTimeout(this.drawTimer);
      this.drawTimer = 0;
      this.lastDraw = performance.now();
      this.requestUpdate();
    } else if (!this.drawTimer) {
      this.drawTimer = window.setTimeout(() => {
        this.drawTimer = 0;
        this.draw();
      }, wait);
    }
  }

  private _onFilterAll(compare: boolean): void {
    if (this.reason || !this.settings || !this.deps) return;
    // The folder picker wants the click itself: it is asked for before anything is awaited.
    const sink = chooseBatchSink(this.output === 'folder');
    void this.start(sink, compare, this.settings, this.deps).catch((e: unknown) => {
      this.error = `The batch stopped: ${messageOf(e)}. The queue is as it was.`;
      this.live = null;
      this.setRunning(null);
    });
  }

  /** Stop the batch under way, if any: what was saved stays saved (Esc and the settings' Cancel call this too). */
  cancel(): void {
    this.abort?.abort();
  }

  private async start(chosen: Promise<BatchSink | null>, compare: boolean, settings: RunSettings, deps: RunDeps): Promise<void> {
    const sink = await chosen;
    if (!sink) {
      this.message = 'No folder was chosen, so nothing was filtered.';
      return;
    }
    const abort = new AbortController();
    this.setRunning(abort);
    this.error = '';
    this.message = '';
    // A copy: the batch works on the queue as it was at the click, and never changes it.
    const photos = this.queue.map(({ id, name, file, downscale }) => ({ id, name, file, downscale }));
    const pageThread = MODES[settings.mode].usesPageThread;
    const filterLanes = laneCount(settings.mode, settings.workers);
    const lanes = batchLaneLabels(filterLanes, pageThread);
    const schedules: BatchSchedule[] = compare ? ['sequential', 'pipelined'] : [this.schedule];
    const runs: Partial<Record<BatchSchedule, BatchRun>> = {};
    for (const [k, schedule] of schedules.entries()) {
      // The comparison's first run makes its ZIP and throws it away: only the second is kept.
      const kept = k === schedules.length - 1;
      const run = await this.one(photos, settings, deps, schedule, kept ? sink : zipSink(), abort.signal, {
        step: compare ? `Run ${k + 1} of 2` : '',
        lanes,
        filterLanes,
        kept,
      });
      runs[schedule] = run;
      if (run.summary.cancelled) break;
    }
    const out = runs[schedules[schedules.length - 1] ?? this.schedule]?.output ?? null;
    let savedTo = 'none kept: the comparison was cancelled during its first run, whose files are not kept';
    if (out?.kind === 'zip') {
      if (out.entries.length) {
        const name = zipName(settings);
        saveBlob(out.blob, name);
        savedTo = `in ${name}, downloaded`;
      } else savedTo = 'no photo was saved, so there is no ZIP to download';
    } else if (out?.kind === 'folder') savedTo = `written into the folder “${out.folder}”`;
    this.finished = { runs, photos: photos.map((p) => p.name), lanes, filterLanes, pageThread, settings, savedTo };
    this.live = null;
    this.setRunning(null);
  }

  private async one(
    photos: readonly BatchPhoto[],
    settings: RunSettings,
    deps: RunDeps,
    schedule: BatchSchedule,
    sink: BatchSink,
    signal: AbortSignal,
    o: { step: string; lanes: readonly string[]; filterLanes: number; kept: boolean },
  ): Promise<BatchRun> {
    const start = sharedNow();
    const live: Live = {
      schedule,
      step: o.step,
      photos: photos.map((p) => p.name),
      lanes: o.lanes,
      filterLanes: o.filterLanes,
      start,
      spans: [],
      filterSpans: [],
      progress: null,
      axisMs: 1000,
    };
    this.live = live;
    const digests: Record<number, string | null> = {};
    // The bars under way grow between the stages' ends too.
    const ticker = window.setInterval(() => this.draw(), LIVE_MS);
    const done = filterAll(
      photos,
      settings,
      {
        deps,
        sharedMemory: this.sharedMemory,
        sink,
        ...(this.format === 'same' ? {} : { format: this.format }),
        onRun: (i, r) => {
          digests[i] = r.digest;
          live.filterSpans.push(...filterLaneSpans(i, r.spans));
        },
      },
      {
        schedule,
        signal,
        now: sharedNow,
        onProgress: (p) => {
          live.progress = p;
          this.draw();
        },
        onSpan: (s) => {
          live.spans.push(s);
          this.draw();
        },
      },
    );
    const { summary, output } = await done.finally(() => clearInterval(ticker));
    return { summary, filterSpans: [...live.filterSpans], digests, output: o.kept ? output : null };
  }

  private liveTimeline(l: Live): BatchTimelineData {
    const now = sharedNow();
    const elapsed = now - l.start;
    // The axis grows in steps, so that the bars already drawn keep their place for a while.
    if (elapsed > l.axisMs) l.axisMs = niceTicks(elapsed * 2).at(-1) ?? elapsed;
    return {
      lanes: l.lanes,
      bars: [...batchBars(l.spans, l.filterSpans, l.filterLanes), ...activeBars(l.progress?.active ?? [], now, l.filterLanes)],
      photos: l.photos,
      start: l.start,
      totalMs: elapsed,
      axisMs: l.axisMs,
      live: true,
    };
  }

  private timelineOf(f: Finished, run: BatchRun, axisMs: number): BatchTimelineData {
    return {
      lanes: f.lanes,
      bars: batchBars(run.summary.spans, run.filterSpans, f.filterLanes),
      photos: f.photos,
      start: run.summary.startedAt,
      totalMs: run.summary.totalMs,
      axisMs,
    };
  }

  private progressView(l: Live) {
    const p = l.progress;
    const total = p?.total ?? l.photos.length;
    const done = (p?.saved ?? 0) + (p?.skipped ?? 0);
    const inFlight = (p?.status ?? []).flatMap((s, i) => (s in STAGE_WORK || s === 'waiting' ? [{ name: l.photos[i] ?? '', s }] : []));
    const left = p?.timeLeftMs;
    return html`<div class="live">
      <h3>${l.step ? `${l.step}: ` : ''}${SCHEDULE_LABELS[l.schedule]}</h3>
      <progress max=${Math.max(1, total)} .value=${done} aria-label="Photos done"></progress>
      <p>
        ${done} of ${count(total, 'photo')} done${p?.skipped ? ` (${p.skipped} skipped)` : ''};
        ${left === null || left === undefined ? 'time left: known after the first photo is saved' : `about ${formatMs(left)} left`}.
      </p>
      <ul aria-label="Photos in flight">
        ${inFlight.map((x) => html`<li>${x.name}: ${doing(x.s)}</li>`)}
      </ul>
    </div>`;
  }

  /** Saved, skipped, cancelled: what happened to each photo, named. */
  private summaryView(f: Finished) {
    const schedules = (['sequential', 'pipelined'] as const).filter((s) => f.runs[s]);
    const last = f.runs[schedules.at(-1) ?? 'pipelined'];
    if (!last) return '';
    const s = last.summary;
    const both = schedules.length === 2;
    const same = both && f.photos.every((_, i) => f.runs.sequential?.digests[i] === f.runs.pipelined?.digests[i]);
    return html`<div class="summary">
      <h3>Summary</h3>
      <p role="status" data-summary>
        ${describeSpec(f.settings.filter)}, ${runLabel(f.settings)}. Saved ${s.saved.length} of ${count(s.total, 'photo')}${s.skipped.length ? `, skipped ${s.skipped.length}` : ''}: ${f.savedTo}.
        ${s.cancelled ? html`<strong>Cancelled:</strong> the ${count(s.saved.length, 'photo')} saved before the cancel ${noun(s.saved.length, 'stays', 'stay')} saved; ${count(s.unfinished.length, 'photo')} not filtered ${noun(s.unfinished.length, 'is', 'are')} still in the queue.` : ''}
        ${both && !s.cancelled ? (same ? 'Both schedules gave the same pixels for every photo (the same SHA-256).' : 'The two schedules gave different pixels for some photo: that is a bug, please report it.') : ''}
      </p>
      ${s.skipped.length ? html`<h4>Skipped</h4><ul>${s.skipped.map((k) => html`<li data-skipped=${k.photo}>${k.photo}: could not ${k.stage} it (${k.reason.replace(/\.$/, '')}).</li>`)}</ul>` : ''}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Each photo of the batch</caption>
          <thead><tr><th scope="col">Photo</th><th scope="col">Saved as</th>${schedules.map((k) => html`<th scope="col">SHA-256 of the pixels, ${SCHEDULE_LABELS[k].toLowerCase()}</th>`)}</tr></thead>
          <tbody>${f.photos.map((name, i) => {
            const saved = s.saved.find((x) => x.index === i);
            const skipped = s.skipped.find((x) => x.index === i);
            return html`<tr data-photo=${name}>
              <th scope="row">${name}</th>
              <td data-saved-as=${saved?.savedAs ?? ''}>${saved ? saved.savedAs : skipped ? 'skipped' : 'not filtered'}</td>
              ${schedules.map((k) => {
                const d = f.runs[k]?.digests[i] ?? null;
                return html`<td data-schedule=${k} data-sha=${d ?? ''}>${d ? html`<code title=${d}>${d.slice(0, 8)}…</code>` : '–'}</td>`;
              })}
            </tr>`;
          })}</tbody>
        </table>
      </div>
    </div>`;
  }

  /** Total time, photos per minute and each stage's busy share, for each schedule measured, with the caption. */
  private comparison(f: Finished) {
    const schedules = (['sequential', 'pipelined'] as const).filter((s) => f.runs[s]);
    const summaries: BatchRuns = Object.fromEntries(schedules.map((s) => [s, f.runs[s]?.summary]));
    const width = this.size.width;
    const sum = (k: BatchSchedule): BatchSummary | undefined => f.runs[k]?.summary;
    const row = (k: BatchSchedule, value: number, note: string, label = SCHEDULE_LABELS[k]): BarRow => ({
      label,
      segments: [{ value, colour: SCHEDULE_COLOURS[k] }],
      note,
    });
    const total = schedules.map((k) => row(k, sum(k)?.totalMs ?? 0, formatMs(sum(k)?.totalMs ?? 0)));
    const ppm = schedules.map((k) => row(k, sum(k)?.photosPerMinute ?? 0, `${(sum(k)?.photosPerMinute ?? 0).toFixed(1)} per min`));
    const busy = STAGES.flatMap((stage) =>
      schedules.map((k) => {
        const share = sum(k)?.busyShare[stage] ?? 0;
        return row(k, share * 100, formatShare(share), `${STAGE_LABELS[stage]}, ${SCHEDULE_LABELS[k].toLowerCase()}`);
      }),
    );
    const chart = (id: string, title: string, rows: BarRow[], axisLabel: string): TemplateResult =>
      html`<h4 id="batch-${id}">${title}</h4>${barsChart(rows, { width, axisLabel, empty: 'Nothing measured.', labelledby: `batch-${id}` })}`;
    return html`<figure aria-labelledby="batch-compare-title">
      <h3 id="batch-compare-title">${schedules.length === 2 ? 'Both schedules' : SCHEDULE_LABELS[schedules[0] ?? 'pipelined']}: time, throughput and busy stages</h3>
      <div class="legend">${schedules.map((k) => html`<span><span class="key" style="background:${SCHEDULE_COLOURS[k]}"></span>${SCHEDULE_LABELS[k]}</span>`)}</div>
      ${chart('total', 'Total time', total, 'Total time of the batch (ms)')}
      ${chart('ppm', 'Photos per minute', ppm, 'Photos saved per minute')}
      ${chart('busy', 'Busy share of each stage', busy, 'Share of the batch’s time the stage was busy (%)')}
      <figcaption class="caption" data-caption>${batchCaption(summaries, f.pageThread)}</figcaption>
      <details>
        <summary>The numbers as a table</summary>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Each schedule’s time, throughput and busy shares</caption>
            <thead><tr><th scope="col">Schedule</th><th scope="col">Total</th><th scope="col">Photos per minute</th><th scope="col">Most in flight</th>
              ${STAGES.map((s) => html`<th scope="col">${STAGE_LABELS[s]} busy</th>`)}</tr></thead>
            <tbody>${schedules.map((k) => {
              const x = sum(k);
              return x
                ? html`<tr><th scope="row">${SCHEDULE_LABELS[k]}</th><td>${formatMs(x.totalMs)}</td><td>${x.photosPerMinute.toFixed(1)}</td><td>${x.peakInFlight}</td>
                    ${STAGES.map((s) => html`<td>${formatShare(x.busyShare[s])}</td>`)}</tr>`
                : '';
            })}</tbody>
          </table>
        </div>
      </details>
    </figure>`;
  }

  private timelines(f: Finished) {
    const schedules = (['sequential', 'pipelined'] as const).filter((s) => f.runs[s]);
    const axisMs = sharedExtent(schedules.map((k) => f.runs[k]?.summary.totalMs ?? 0));
    return schedules.map((k) => {
      const run = f.runs[k];
      return run
        ? html`<tl-batch-timeline data-schedule=${k} heading=${`Batch timeline: ${SCHEDULE_LABELS[k].toLowerCase()}`}
            .data=${this.timelineOf(f, run, axisMs)}></tl-batch-timeline>`
        : '';
    });
  }

  /** What the chosen format does, as the end of the intro's sentence. */
  private formatSentence(): string {
    const quality = Math.round(JPEG_QUALITY * 100);
    if (this.format === 'same') return `: JPEG in, JPEG out at quality ${quality}; anything else as PNG.`;
    if (this.format === 'png') return ', all as PNG (lossless; a JPEG photo’s file gets several times larger).';
    return `, all as JPEG at quality ${quality}: JPEG has no transparency, so see-through pixels come out black.`;
  }

  override render() {
    const reason = this.reason;
    const s = this.settings;
    const folder = canSaveToFolder();
    const l = this.live;
    const f = this.finished;
    return html`
      <h2>Filter all photos</h2>
      <p class="intro">
        Runs the filter, mode, kernel and workers set above on every photo in the queue (${count(this.queue.length, 'photo')}), and saves
        each as its name plus the filter${s ? html` (<code>${filterTag(s.filter)}</code>)` : ''}${this.formatSentence()} The queue stays as it is.
      </p>
      <div class="choices">
        <div class="field">
          <label for="batch-schedule">Schedule</label>
          <select id="batch-schedule" ?disabled=${this.running} @change=${(e: Event) => (this.schedule = (e.target as HTMLSelectElement).value as BatchSchedule)}>
            <option value="sequential" ?selected=${this.schedule === 'sequential'}>${SCHEDULE_LABELS.sequential}</option>
            <option value="pipelined" ?selected=${this.schedule === 'pipelined'}>${SCHEDULE_LABELS.pipelined}</option>
          </select>
        </div>
        <div class="field">
          <label for="batch-format">Format</label>
          <select id="batch-format" ?disabled=${this.running} @change=${(e: Event) => (this.format = (e.target as HTMLSelectElement).value as OutputFormat | 'same')}>
            <option value="same" ?selected=${this.format === 'same'}>Same as each photo</option>
            ${(Object.keys(OUTPUT_FORMATS) as OutputFormat[]).map(
              (k) => html`<option value=${k} ?selected=${this.format === k}>${OUTPUT_FORMATS[k].label}</option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="batch-output">Save to</label>
          <select id="batch-output" ?disabled=${this.running} @change=${(e: Event) => (this.output = (e.target as HTMLSelectElement).value as Output)}>
            <option value="zip" ?selected=${this.output === 'zip'}>ZIP download</option>
            ${folder ? html`<option value="folder" ?selected=${this.output === 'folder'}>Folder</option>` : ''}
          </select>
        </div>
      </div>
      ${folder ? '' : html`<p class="note">This browser cannot save into a folder, so the photos come as one ZIP download.</p>`}
      <div class="actions">
        <button type="button" class="primary" ?disabled=${!!reason} aria-describedby="batch-reason" @click=${() => this._onFilterAll(false)}>Filter all photos</button>
        <button type="button" ?disabled=${!!reason} aria-describedby="batch-reason compare-note" @click=${() => this._onFilterAll(true)}>Compare both schedules</button>
        ${this.running ? html`<button type="button" @click=${() => this.cancel()}>Cancel batch</button>` : ''}
      </div>
      <p class="reason" id="batch-reason">${reason}</p>
      <p class="note" id="compare-note">
        Compare both schedules runs the batch twice with the same settings: one after another, then pipelined. Only the pipelined run’s
        files are saved; the first run writes ${this.output === 'zip' ? 'the same kind of output, a ZIP,' : 'a ZIP'} in memory that is thrown away. Pipelined, at most
        ${MAX_IN_FLIGHT} photos are between reading and saving at once: the rest wait their turn unread.
      </p>
      ${this.message ? html`<p role="status">${this.message}</p>` : ''}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${l ? html`${this.progressView(l)}<tl-batch-timeline heading=${`Batch timeline: ${SCHEDULE_LABELS[l.schedule].toLowerCase()}`} .data=${this.liveTimeline(l)}></tl-batch-timeline>` : ''}
      ${!l && f ? html`${this.summaryView(f)}${this.timelines(f)}${this.comparison(f)}` : ''}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-batch': TlBatch;
  }
}
