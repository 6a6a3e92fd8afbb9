import type { Span } from './types.js';

export interface LaneStats {
  readonly lane: number;
  readonly tiles: number;
  /** Time spent filtering. */
  readonly busyMs: number;
  /** Time within the run this lane was not filtering (waiting to start, between tiles, or done early). */
  readonly idleMs: number;
}

/** Busy and idle time of each lane over a run that took `wallMs`. */
export function laneStats(spans: readonly Span[], lanes: number, wallMs: number): LaneStats[] {
  const out = Array.from({ length: lanes }, (_, lane) => ({ lane, tiles: 0, busyMs: 0, idleMs: 0 }));
  for (const s of spans) {
    const l = out[s.lane];
    if (!l) continue;
    l.tiles++;
    l.busyMs += s.end - s.start;
  }
  for (const l of out) l.idleMs = Math.max(0, wallMs - l.busyMs);
  return out;
}

/** Share of the lanes' time spent idle, 0…1. */
export function idleShare(stats: readonly LaneStats[]): number {
  const total = stats.reduce((s, l) => s + l.busyMs + l.idleMs, 0);
  return total > 0 ? stats.reduce((s, l) => s + l.idleMs, 0) / total : 0;
}
