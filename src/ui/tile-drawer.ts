import { readSpan, type RunTables } from '../core/run-tables.js';
import { tileRect } from '../core/tiling.js';
import type { Rect } from '../core/types.js';
import type { Planes } from '../engine/planes.js';
import { laneColour } from './theme.js';

/** Time one drawing may spend copying finished tiles to the canvas. */
const FRAME_BUDGET_MS = 6;

/**
 * Copies finished tiles from the destination plane to a canvas, a few at a time, so showing
 * progress never becomes the long task the lesson warns about. Canvases cannot take shared
 * memory, so each tile goes through one reused ImageData, at the canvas's own scale.
 */
export class TileDrawer {
  private readonly drawn: Uint8Array;
  private scratch: ImageData | null = null;
  /** Canvas pixels per image pixel. */
  private readonly scale: number;
  doneCount = 0;

  constructor(
    private readonly ctx: CanvasRenderingContext2D,
    /** Where each finished tile is outlined in its lane's colour (kept off the result itself). */
    private readonly lanes: CanvasRenderingContext2D,
    private readonly planes: Planes,
    private readonly tables: RunTables,
    private readonly tileSize: number,
  ) {
    this.drawn = new Uint8Array(tables.state.length);
    this.scale = ctx.canvas.width / planes.width;
  }

  get total(): number {
    return this.drawn.length;
  }

  /** Draw newly finished tiles until the frame budget is spent. Returns true when all finished tiles are drawn. */
  pump(budgetMs = FRAME_BUDGET_MS): boolean {
    const t0 = performance.now();
    const { state } = this.tables;
    let done = 0;
    let pending = false;
    for (let i = 0; i < state.length; i++) {
      if (Atomics.load(state, i) !== 1) continue;
      done++;
      if (this.drawn[i]) continue;
      if (performance.now() - t0 > budgetMs) {
        pending = true;
        continue;
      }
      this.drawTile(i);
      this.drawn[i] = 1;
    }
    this.doneCount = done;
    return !pending;
  }

  private drawTile(index: number): void {
    const { width, height } = this.planes;
    const r = tileRect(width, height, this.tileSize, index);
    const k = this.scale;
    if (k === 1) this.copyTile(r);
    else this.sampleTile(r, k);
    const line = Math.max(2, Math.round((Math.max(width, height) * k) / 500));
    this.lanes.strokeStyle = laneColour(readSpan(this.tables, index).lane);
    this.lanes.lineWidth = line;
    this.lanes.strokeRect(r.x * k + line / 2, r.y * k + line / 2, r.w * k - line, r.h * k - line);
  }

  private imageData(w: number, h: number): ImageData {
    if (!this.scratch || this.scratch.width !== w || this.scratch.height !== h) this.scratch = new ImageData(w, h);
    return this.scratch;
  }

  /** The tile's rows as they are, when the canvas has the photo's own size. */
  private copyTile(r: Rect): void {
    const { width, dst } = this.planes;
    const img = this.imageData(r.w, r.h);
    for (let y = 0; y < r.h; y++) {
      const from = ((r.y + y) * width + r.x) * 4;
      img.data.set(dst.subarray(from, from + r.w * 4), y * r.w * 4);
    }
    this.ctx.putImageData(img, r.x, r.y);
  }

  /**
   * The tile at the canvas's scale, one photo pixel per canvas pixel (the nearest): the work is
   * the canvas's pixels, not the photo's, so a 100 MP photo costs the page no more than a small one.
   * Tile edges are rounded the same way on both sides of a seam, so tiles meet without gaps.
   */
  private sampleTile(r: Rect, k: number): void {
    const { width, dst } = this.planes;
    const x0 = Math.round(r.x * k);
    const y0 = Math.round(r.y * k);
    const w = Math.round((r.x + r.w) * k) - x0;
    const h = Math.round((r.y + r.h) * k) - y0;
    if (w <= 0 || h <= 0) return;
    const img = this.imageData(w, h);
    const out = img.data;
    const lastX = r.x + r.w - 1;
    const lastY = r.y + r.h - 1;
    let o = 0;
    for (let y = 0; y < h; y++) {
      const sy = Math.min(lastY, Math.max(r.y, Math.floor((y0 + y + 0.5) / k)));
      const row = sy * width;
      for (let x = 0; x < w; x++) {
        const sx = Math.min(lastX, Math.max(r.x, Math.floor((x0 + x + 0.5) / k)));
        const i = (row + sx) * 4;
        out[o] = dst[i] ?? 0;
        out[o + 1] = dst[i + 1] ?? 0;
        out[o + 2] = dst[i + 2] ?? 0;
        out[o + 3] = dst[i + 3] ?? 0;
        o += 4;
      }
    }
    this.ctx.putImageData(img, x0, y0);
  }
}
