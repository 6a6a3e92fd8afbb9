import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { LESSON_STEPS, type LessonAction, type LessonEvidence } from '../core/lesson-steps.js';
import { theme } from './theme.js';

/**
 * One step of the guided lesson on one card: what to do (one highlighted button), what to watch,
 * and the conclusion with this page's own measurements filled in. The card only tells; the lab
 * runs what its action asks for and hands back the evidence.
 *
 * @fires lesson-step - detail: the index of the step to show
 * @fires lesson-action - detail: the step's LessonAction, for the lab to run
 * @fires lesson-exit - back to the free lab
 * @fires files-chosen - detail: the photos picked with the card's own "Choose a photo"
 */
@customElement('tl-lesson')
export class TlLesson extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; container: lesson / inline-size; }
      section { background: var(--panel); border-left: 6px solid var(--accent); border-radius: var(--radius); padding: 10px 14px 12px; }
      .top { display: flex; align-items: center; gap: 6px 14px; flex-wrap: wrap; margin-bottom: 6px; }
      .progress { margin: 0; font-size: 0.9em; font-weight: 700; color: var(--accent); }
      ol { display: flex; gap: 4px; list-style: none; margin: 0; padding: 0; }
      li { box-sizing: border-box; min-width: 26px; height: 26px; display: grid; place-items: center; border-radius: 13px;
        border: 2px solid var(--line); font-size: 0.75em; font-weight: 700; color: var(--muted); background: var(--paper); }
      li.done { border-color: var(--accent); color: var(--accent); }
      li[aria-current='step'] { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); }
      .top button { min-height: 36px; padding: 0.1em 0.8em; font-size: 0.85em; }
      h2 { font-size: 1.1em; margin: 0; flex: 1 1 14em; }
      h2:focus { outline: none; }
      h2:focus-visible { box-shadow: var(--focus); border-radius: 4px; }
      .body { display: grid; grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr) minmax(0, 1.2fr); gap: 8px 18px; }
      h3 { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.05em; margin: 0 0 2px; color: var(--muted); }
      p { margin: 0; font-size: 0.8em; line-height: 1.35; }
      .result p { font-weight: 600; }
      .act { display: flex; align-items: center; gap: 8px 12px; flex-wrap: wrap; margin-top: 8px; }
      /* The one control this step asks for: filled, and ringed so it stands out on a projector. */
      button.primary { outline: 3px solid var(--accent); outline-offset: 3px; }
      button.primary:disabled { outline-color: var(--line); }
      .running { font-size: 0.85em; font-weight: 600; color: var(--warn); }
      .skipped { font-weight: 600; color: var(--warn); }
      .nav { display: flex; gap: 6px; flex-wrap: wrap; margin-left: auto; }
      /* The card sizes itself to its place: the settings column on a wide screen, the full width on a narrow one. */
      @container lesson (max-width: 760px) {
        .body { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
        .result { grid-column: 1 / -1; }
      }
      @container lesson (max-width: 520px) {
        .body { grid-template-columns: minmax(0, 1fr); }
      }
      @container lesson (max-width: 420px) {
        ol { display: none; }
        /* Back and Next first, where a thumb reaches them; then where we are and the step's title. */
        .nav { order: -1; margin-left: 0; }
        h2 { flex-basis: 100%; }
        section { padding: 8px 10px 10px; }
      }
    `,
  ];

  /** Index into LESSON_STEPS. */
  @property({ type: Number }) step = 0;
  /** What the page has measured so far; the conclusion cites it. */
  @property({ attribute: false }) evidence: LessonEvidence | null = null;
  /** A run or an experiment is going, or a photo is loading: the step's action waits. */
  @property({ type: Boolean }) busy = false;
  @query('h2') private heading!: HTMLHeadingElement | null;
  @query('input[type=file]') private picker!: HTMLInputElement | null;

  private get current(): number {
    return Math.min(LESSON_STEPS.length - 1, Math.max(0, Math.round(this.step)));
  }

  private emit(type: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private go(index: number): void {
    if (index >= 0 && index < LESSON_STEPS.length) this.emit('lesson-step', index);
  }

  private act(action: LessonAction): void {
    if (action.kind === 'photo') this.picker?.click();
    this.emit('lesson-action', action);
  }

  private _onPicked(e: Event): void {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) this.emit('files-chosen', files);
  }

  /** Move focus to the step's title: where reading (and a screen reader) starts on a new screen. */
  focusHeading(): void {
    this.heading?.focus();
  }

  protected override updated(changed: Map<string, unknown>): void {
    // A step change, not the first showing: a lesson opened from a link leaves focus where the page puts it.
    if (changed.has('step') && changed.get('step') !== undefined) this.focusHeading();
  }

  override render() {
    const i = this.current;
    const s = LESSON_STEPS[i];
    if (!s) return '';
    const e = this.evidence;
    const skipped = e ? s.unavailable(e) : null;
    const total = LESSON_STEPS.length;
    return html`
      <section aria-labelledby="lesson-title">
        <div class="top">
          <p class="progress">Step ${i + 1} of ${total}</p>
          <ol aria-label="Lesson steps">
            ${LESSON_STEPS.map(
              (x, k) => html`<li class=${k < i ? 'done' : ''} aria-current=${k === i ? 'step' : 'false'} title=${x.title}>
                <span aria-hidden="true">${k + 1}</span><span class="visually-hidden">${k + 1}. ${x.title}</span></li>`,
            )}
          </ol>
          <h2 id="lesson-title" tabindex="-1">${i + 1}. ${s.title}</h2>
          <span class="nav">
            <button type="button" ?disabled=${i === 0} @click=${() => this.go(i - 1)}>Back</button>
            <button type="button" ?disabled=${i === total - 1} @click=${() => this.go(i + 1)}>Next</button>
            <button type="button" @click=${() => this.emit('lesson-exit')}>Leave the lesson</button>
          </span>
        </div>
        <div class="body">
          <div class="do">
            <h3>Do</h3>
            <p>${s.doText}</p>
            <div class="act">
              ${
                skipped
                  ? html`<p class="skipped">${skipped}</p>`
                  : html`<button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.act(s.action)}>${s.button}</button>
                    ${this.busy ? html`<span class="running">Running: watch now.</span>` : ''}`
              }
            </div>
          </div>
          <div class="watch"><h3>Watch</h3><p>${s.watchText}</p></div>
          <div class="result"><h3>Your result</h3><p aria-live="polite">${e ? s.conclude(e) : ''}</p></div>
        </div>
        <input type="file" accept="image/*" multiple hidden tabindex="-1" aria-label="Choose a photo" @change=${this._onPicked} />
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-lesson': TlLesson;
  }
}
