import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { RunTables } from '../core/run-tables.js';
import type { Rect } from '../core/types.js';
import { isSpotKey, nudgeSpot, spotStep, spotText } from '../core/spotlight.js';
import type { Planes } from '../engine/planes.js';
import { theme } from './theme.js';
import { printStyles } from './print.styles.js';
import { TileDrawer } from './tile-drawer.js';
import { context2d } from '../engine/canvas.js';
import { onFrame } from '../engine/frame-meter.js';
import { canvasSize } from './view-size.js';

/** The stage's box for a photo of this shape: its aspect, and no taller than the page allows (--tl-stage-max). */
const stageShape = (width: number, height: number): string =>
  `aspect-ratio: ${width} / ${height}; max-width: calc(var(--tl-stage-max, 62vh) * ${width / height})`;

/** Finished tiles are drawn at most this often (ms): about seven times a second still reads as live. */
const DRAW_EVERY_MS = 150;

/**
 * The photo before and after filtering, one over the other, with a slider to compare them.
 * During a run, finished tiles appear on the "after" side as they come in, outlined in the
 * colour of the lane that filtered them. Dragging on the photo draws the spotlight.
 * @fires region-change - detail: the spotlight Rect, in image pixels
 */
@customElement('tl-viewer')
export class TlViewer extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .stage {
        position: relative;
        background: repeating-conic-gradient(var(--check-a) 0 25%, var(--check-b) 0 50%) 0 0 / 24px 24px;
        border: 2px solid var(--line);
        border-radius: var(--radius);
        overflow: hidden;
        /* The page sets --tl-stage-max so the photo leaves room on its first screen for Run. */
        max-height: var(--tl-stage-max, 62vh);
        margin-inline: auto;
      }
      canvas {
        position: absolute;
        inset: 0;
        width: 100%;
        height: 100%;
        image-rendering: auto;
      }
      canvas.lanes { pointer-events: none; opacity: 0.9; }
      .stage { touch-action: none; cursor: crosshair; }
      .spot { position: absolute; border: 3px dashed #fbbf24; box-shadow: 0 0 0 9999px rgb(0 0 0 / 25%); pointer-events: none; }
      .label {
        position: absolute;
        top: 8px;
        padding: 2px 10px;
        border-radius: 6px;
        background: rgb(17 24 39 / 80%);
        color: #fff;
        font-weight: 600;
        font-size: 0.85em;
      }
      .label.before { left: 8px; }
      .label.after { right: 8px; }
      .divider {
        position: absolute;
        top: 0;
        bottom: 0;
        width: 3px;
        background: #fff;
        box-shadow: 0 0 0 1px #111827;
        pointer-events: none;
      }
      .rows {
        display: flex;
        flex-wrap: wrap;
        gap: 6px 20px;
        margin-top: 8px;
      }
      .row {
        flex: 1 1 16em;
        min-width: 0;
        display: flex;
        align-items: center;
        gap: 12px;
      }
      .row label { white-space: nowrap; font-weight: 600; }
      input[type='range'] { flex: 1; min-width: 0; min-height: 44px; accent-color: var(--accent); }
      progress { flex: 1; min-width: 0; height: 22px; accent-color: var(--accent); }
      .count { min-width: 11ch; text-align: right; font-variant-numeric: tabular-nums; }
      .spot-help { margin: 6px 0 0; font-size: 0.85em; color: var(--muted); }
      .spot-help .now { color: var(--ink); font-weight: 600; }
      .empty p { margin: 0 1em; }
      .empty {
        display: grid;
        place-items: center;
        text-align: center;
        color: var(--muted);
      }
    `,
    printStyles,
  ];

  /** The photo as shown: the photo itself, or a smaller copy of a very large one. */
  @property({ attribute: false }) bitmap: ImageBitmap | null = null;
  /** The photo's own size in pixels (the bitmap may be smaller). */
  @property({ attribute: false }) size: { width: number; height: number } | null = null;
  /** The spotlight drawn on the photo, in image pixels. */
  @property({ attribute: false }) region: Rect | null = null;
  @state() private split = 50;
  @state() private done = 0;
  @state() private total = 0;
  @query('canvas.after') private afterCanvas!: HTMLCanvasElement | null;
  @query('canvas.before') private beforeCanvas!: HTMLCanvasElement | null;
  @query('canvas.lanes') private lanesCanvas!: HTMLCanvasElement | null;
  private dragFrom: { x: number; y: number } | null = null;

  private drawer: TileDrawer | null = null;
  /** The size of the bitmap on show (see willUpdate). */
  private shape: { width: number; height: number } | null = null;
  /** Canvases holding a drawing since they were last emptied. */
  private readonly painted = new WeakSet<HTMLCanvasElement>();
  private frame = 0;
  private timer = 0;
  private running = false;

  /** Show a new run's tiles as they finish. */
  follow(planes: Planes, tables: RunTables, tileSize: number): void {
    const { afterCanvas, lanesCanvas, beforeCanvas } = this;
    if (!afterCanvas || !lanesCanvas) return;
    const ctx = context2d(afterCanvas);
    ctx.clearRect(0, 0, afterCanvas.width, afterCanvas.height);
    if (beforeCanvas) ctx.drawImage(beforeCanvas, 0, 0, afterCanvas.width, afterCanvas.height);
    this.painted.add(afterCanvas);
    ctx.fillStyle = 'rgb(17 24 39 / 55%)';
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    this.clear(lanesCanvas);
    const lanes = context2d(lanesCanvas);
    this.painted.add(lanesCanvas);
    this.drawer = new TileDrawer(ctx, lanes, planes, tables, tileSize);
    this.total = this.drawer.total;
    this.done = 0;
    this.running = true;
    this.loop();
  }

  /** The run has ended: draw what is left, then stop following. */
  settle(): void {
    this.running = false;
    this.loop();
  }

  /**
   * Draw what finished, DRAW_EVERY_MS apart while the run goes: each drawing repaints the
   * canvases, and on a machine without a GPU repainting is the page's own thread's work, taken
   * from the run. Once it has ended, what is left is drawn a frame at a time, so the picture
   * catches up with "finished" at once instead of a few tiles every DRAW_EVERY_MS.
   */
  private loop = (): void => {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    const draw = (): void => {
      if (!this.drawer) return;
      const caughtUp = this.drawer.pump();
      if (this.done !== this.drawer.doneCount) this.done = this.drawer.doneCount;
      if (this.running) this.timer = window.setTimeout(() => (this.frame = onFrame(draw)), DRAW_EVERY_MS);
      else if (!caughtUp) this.frame = onFrame(draw);
    };
    this.frame = onFrame(draw);
  };

  /**
   * The photo into the "before" canvas, handed over rather than drawn: the bitmap was scaled to
   * the canvas in the decode worker, so the page's thread neither copies nor resamples it. The
   * bitmap is the canvas's from then on; a run's "after" side is drawn from this canvas.
   */
  private showBitmap(canvas: HTMLCanvasElement | null): void {
    if (!canvas || !this.bitmap) return;
    const renderer = canvas.getContext('bitmaprenderer');
    if (!renderer) throw new Error(`the browser could not give a ${canvas.width} × ${canvas.height} px canvas to show the photo on`);
    renderer.transferFromImageBitmap(this.bitmap);
  }

  /** Empty a canvas that holds a drawing; one never drawn on is left alone (clearing it still costs a frame's copy). */
  private clear(canvas: HTMLCanvasElement | null): void {
    if (!canvas || !this.painted.has(canvas)) return;
    context2d(canvas).clearRect(0, 0, canvas.width, canvas.height);
    this.painted.delete(canvas);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
  }

  /** The shown bitmap's size, read before the canvas takes the bitmap over (which leaves it 0 × 0). */
  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('bitmap')) this.shape = this.bitmap ? { width: this.bitmap.width, height: this.bitmap.height } : null;
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('bitmap')) {
      this.drawer = null;
      this.running = false;
      this.done = 0;
      this.total = 0;
      // Before a run both sides are the photo: the "after" canvas stays empty and the "before" one shows through.
      this.showBitmap(this.beforeCanvas);
      this.clear(this.afterCanvas);
      this.clear(this.lanesCanvas);
    }
  }

  /** Pointer position in image pixels, clamped to the image. */
  private toImage(e: PointerEvent): { x: number; y: number } {
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    // Pointer events reach only a canvas that shows a photo; without one the point is the origin.
    const b = this.size ?? this.shape ?? { width: 0, height: 0 };
    const x = Math.round(((e.clientX - box.left) / box.width) * b.width);
    const y = Math.round(((e.clientY - box.top) / box.height) * b.height);
    return { x: Math.min(b.width, Math.max(0, x)), y: Math.min(b.height, Math.max(0, y)) };
  }

  private _onPointerDown(e: PointerEvent): void {
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    this.dragFrom = this.toImage(e);
  }

  private _onPointerMove(e: PointerEvent): void {
    if (!this.dragFrom) return;
    const to = this.toImage(e);
    const f = this.dragFrom;
    const rect = { x: Math.min(f.x, to.x), y: Math.min(f.y, to.y), w: Math.abs(to.x - f.x), h: Math.abs(to.y - f.y) };
    if (rect.w < 4 || rect.h < 4) return;
    this.dispatchEvent(new CustomEvent<Rect>('region-change', { detail: rect, bubbles: true, composed: true }));
  }

  private _onPointerUp(): void {
    this.dragFrom = null;
  }

  /** Arrow keys move the spotlight, Shift+arrows resize it: the keyboard's way to draw it. */
  private _onKey(e: KeyboardEvent): void {
    const size = this.size ?? this.shape;
    if (!this.region || !size || !isSpotKey(e.key)) return;
    e.preventDefault();
    const rect = nudgeSpot(this.region, e.key, spotStep(size), size, e.shiftKey);
    this.dispatchEvent(new CustomEvent<Rect>('region-change', { detail: rect, bubbles: true, composed: true }));
  }

  private _onSplit(e: Event): void {
    this.split = Number((e.target as HTMLInputElement).value);
  }

  private renderSpot(r: Rect, s: { width: number; height: number }) {
    const pct = (v: number, of: number) => `${(v / of) * 100}%`;
    return html`<div class="spot" style=${`left:${pct(r.x, s.width)};top:${pct(r.y, s.height)};width:${pct(r.w, s.width)};height:${pct(r.h, s.height)}`}></div>`;
  }

  /** The slider and the progress bar, there with or without a photo so nothing below moves when one arrives. */
  private renderRows(photo: boolean) {
    return html`
      <div class="rows">
        <div class="row">
          <label for="split">Compare</label>
          <input id="split" type="range" min="0" max="100" .value=${String(this.split)} @input=${this._onSplit}
            aria-label="Compare before and after" ?disabled=${!photo} />
        </div>
        <div class="row">
          <label for="progress">Progress</label>
          <progress id="progress" max=${Math.max(1, this.total)} .value=${this.done} aria-label="Tiles done"></progress>
          <span class="count">${this.done} / ${this.total} tiles</span>
        </div>
      </div>
    `;
  }

  override render() {
    const b = this.shape;
    // Until a photo arrives the stage keeps the sample's shape (3:2), so the first photo does not push the page down.
    if (!b)
      return html`<div class="stage empty" style=${stageShape(3, 2)}><p>Drop a photo here, choose one, or use the sample.</p></div>
        ${this.renderRows(false)}`;
    const c = canvasSize(b);
    const spot = this.region;
    // With a spotlight to set, the photo takes focus and arrow keys: role application hands them over from a screen reader.
    return html`
      <div class="stage" style=${stageShape(b.width, b.height)}
        tabindex=${ifDefined(spot ? 0 : undefined)} role=${ifDefined(spot ? 'application' : undefined)}
        aria-label=${ifDefined(spot ? 'Spotlight on the photo' : undefined)} aria-describedby=${ifDefined(spot ? 'spot-help' : undefined)}
        @keydown=${this._onKey}
        @pointerdown=${this._onPointerDown} @pointermove=${this._onPointerMove} @pointerup=${this._onPointerUp}
        @pointercancel=${this._onPointerUp}>
        <canvas class="before" width=${c.width} height=${c.height} role="img" aria-label="Photo before filtering"></canvas>
        <canvas class="after" width=${c.width} height=${c.height} role="img" aria-label="Photo after filtering"
          style="clip-path: inset(0 0 0 ${this.split}%)"></canvas>
        <canvas class="lanes" width=${c.width} height=${c.height} aria-hidden="true"
          style="clip-path: inset(0 0 0 ${this.split}%)"></canvas>
        ${spot ? this.renderSpot(spot, this.size ?? b) : ''}
        <div class="divider" style="left: calc(${this.split}% - 1px)"></div>
        <span class="label before" aria-hidden="true">Before</span><span class="label after" aria-hidden="true">After</span>
      </div>
      ${
        spot
          ? html`<p class="spot-help"><span class="now" aria-live="polite">${spotText(spot)}</span>
              <span id="spot-help">Drag on the photo, or select it and use the arrow keys; Shift+arrows resize.</span></p>`
          : ''
      }
      ${this.renderRows(true)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-viewer': TlViewer;
  }
}
