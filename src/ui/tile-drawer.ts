import { readSpan, type RunTables } from '../core/run-tables.js';
import { tileRect } from '../core/tiling.js';
import type { Planes } from '../engine/planes.js';
import { laneColour } from './theme.js';
import { context2d } from '../engine/canvas.js';

/** Time a frame may spend copying finished tiles to the canvas. */
const FRAME_BUDGET_MS = 6;

/**
 * Copies finished tiles from the destination plane to a canvas, a few per frame, so showing
 * progress never becomes the long task the lesson warns about. Canvases cannot take shared
 * memory, so each tile goes through one reused ImageData.
 */
export class TileDrawer {
  private readonly drawn: Uint8Array;
  private scratch: ImageData | null = null;
  /** Where a tile is staged before it is drawn scaled, when the canvas is smaller than the photo. */
  private staging: OffscreenCanvas | null = null;
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
    const { width, height, dst } = this.planes;
    const r = tileRect(width, height, this.tileSize, index);
    if (!this.scratch || this.scratch.width !== r.w || this.scratch.height !== r.h) this.scratch = new ImageData(r.w, r.h);
    const out = this.scratch.data;
    for (let y = 0; y < r.h; y++) {
      const from = ((r.y + y) * width + r.x) * 4;
      out.set(dst.subarray(from, from + r.w * 4), y * r.w * 4);
    }
    const k = this.scale;
    if (k === 1) {
      this.ctx.putImageData(this.scratch, r.x, r.y);
    } else {
      if (!this.staging || this.staging.width < r.w || this.staging.height < r.h) this.staging = new OffscreenCanvas(r.w, r.h);
      context2d(this.staging).putImageData(this.scratch, 0, 0);
      this.ctx.drawImage(this.staging, 0, 0, r.w, r.h, r.x * k, r.y * k, r.w * k, r.h * k);
    }
    const line = Math.max(2, Math.round((Math.max(width, height) * k) / 500));
    this.lanes.strokeStyle = laneColour(readSpan(this.tables, index).lane);
    this.lanes.lineWidth = line;
    this.lanes.strokeRect(r.x * k + line / 2, r.y * k + line / 2, r.w * k - line, r.h * k - line);
  }
}
