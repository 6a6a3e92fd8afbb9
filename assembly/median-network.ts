/**
 * Median by comparator networks, for small and middling radii: every comparison is an
 * `i8x16.min_u` / `i8x16.max_u` pair on 16 bytes, that is 4 pixels × 4 channels, so one network
 * computes the medians of many pixels at once, each channel on its own.
 *
 * The outputs are taken 2 × 2 at a time: the four windows of a 2 × 2 block share a 2r × 2r core,
 * which is selected once; each output row adds its 2r extra pixels, each output its extra column.
 * To share work between neighbouring columns, every row is split into T planes (T = 2 or 4, the
 * columns of a lane): lane j of a vector holds tile columns T·j … T·j + T − 1. Sorted columns, and
 * sorted pairs and fours of neighbouring columns, are computed once per lane and read by the
 * blocks around them at lane offsets; with four columns to a lane, two blocks also share the
 * middle of their cores.
 *
 * The network is made at the start of each call (no data segments, no state between calls):
 * Batcher's odd–even merges of sorted groups, with groups trimmed to the ranks that can still be
 * the median, then every comparison whose outputs are never read dropped (or halved to a min or a
 * max). The result is a list of vector operations, each run over a strip of lanes.
 */

const INPUT: i32 = 0;
const ALIAS: i32 = 1;
const CMP: i32 = 2;

/** Lanes (blocks of 2 × 2 outputs) one strip computes; a multiple of 4. */
export const STRIP: i32 = 128;
/** Lanes a plane or an array holds on each side of its strip. */
const MARGIN: i32 = 16;

const MAX_PROG: i32 = 8192;
const MAX_SLOTS: i32 = 2048;
const ARENA_INTS: i32 = 16384;
const MAX_ARRAYS: i32 = 1024;

// The context: counters, then regions, all in scratch.
const C_SLOTS: usize = 0; // slots made
const C_PROG: usize = 4; // instructions made
const C_TOP: usize = 8; // arena top (address)
const C_OPS: usize = 12; // compiled operations
const C_VREGS: usize = 16; // values given arrays
const C_PHYS: usize = 20; // arrays used
const C_LO: usize = 24; // lowest lane any array is written or read at
const C_HI: usize = 28; // one past the highest
const C_OUT: usize = 32; // up to eight output slots, then their arrays and offsets
const C_OUTARR: usize = 64;
const C_OUTOFF: usize = 96;
const HEADER: usize = 128;

const PROG: usize = HEADER; // an instruction: kind, s, x, off; then kept (0, or 1 | 2 | 3), lanes lo, hi
const SLOTS: usize = PROG + <usize>MAX_PROG * 32; // a slot: needed lanes lo, hi; array, offset; owned
const OPS: usize = SLOTS + <usize>MAX_SLOTS * 32; // an operation: array, offset (a, b); lo, hi arrays; lanes
const VREGS: usize = OPS + <usize>MAX_PROG * 32; // a value: its last reader, its array
const FREE: usize = VREGS + <usize>MAX_PROG * 8;
const TABLE: usize = FREE + <usize>MAX_ARRAYS * 4; // address of lane 0 of every array
const RING_ROW: usize = TABLE + <usize>MAX_ARRAYS * 4; // which image row each ring slot holds
const RING_AT: usize = RING_ROW + 32 * 4; // where row t of the current row pair is
const TMP: usize = RING_AT + 32 * 4; // 64 bytes for a partial store
const ARENA: usize = TMP + 64;
const FIXED: usize = ARENA + <usize>ARENA_INTS * 4;

function geti(p: usize, i: i32): i32 {
  return load<i32>(p + ((<usize>i) << 2));
}
function seti(p: usize, i: i32, v: i32): void {
  store<i32>(p + ((<usize>i) << 2), v);
}
function clampN(v: i32, lo: i32, hi: i32): i32 {
  return v < lo ? lo : v > hi ? hi : v;
}
function minI(a: i32, b: i32): i32 {
  return a < b ? a : b;
}
function maxI(a: i32, b: i32): i32 {
  return a > b ? a : b;
}
/** v ÷ T rounded down, and its remainder, for T a power of two. */
function floorDiv(v: i32, T: i32): i32 {
  return v >> (T == 4 ? 2 : 1);
}
function modT(v: i32, T: i32): i32 {
  return v & (T - 1);
}

// ---- building the program ----

function alloc(ctx: usize, ints: i32): usize {
  const p = <usize>load<i32>(ctx + C_TOP);
  store<i32>(ctx + C_TOP, <i32>(p + ((<usize>ints) << 2)));
  return p;
}

function emit(ctx: usize, kind: i32, s: i32, x: i32, off: i32): void {
  const n = load<i32>(ctx + C_PROG);
  const p = ctx + PROG + ((<usize>n) << 5);
  store<i32>(p, kind);
  store<i32>(p, s, 4);
  store<i32>(p, x, 8);
  store<i32>(p, off, 12);
  store<i32>(ctx + C_PROG, n + 1);
}

function newSlot(ctx: usize): i32 {
  const s = load<i32>(ctx + C_SLOTS);
  store<i32>(ctx + C_SLOTS, s + 1);
  return s;
}

/** A slot holding array `arr` (a source plane) read `off` lanes to the right. */
function input(ctx: usize, arr: i32, off: i32): i32 {
  const s = newSlot(ctx);
  emit(ctx, INPUT, s, arr, off);
  return s;
}

/** A slot holding slot `t`'s value as it is now, read `off` lanes to the right. */
function alias(ctx: usize, t: i32, off: i32): i32 {
  const s = newSlot(ctx);
  emit(ctx, ALIAS, s, t, off);
  return s;
}

/** A list of `n` aliases of the list at `p`, `off` lanes to the right. */
function aliasList(ctx: usize, p: usize, n: i32, off: i32): usize {
  const q = alloc(ctx, n);
  for (let i = 0; i < n; i++) seti(q, i, alias(ctx, geti(p, i), off));
  return q;
}

function cmp(ctx: usize, a: i32, b: i32): void {
  emit(ctx, CMP, a, b, 0);
}

/**
 * Batcher's odd–even merge of the sorted lists a (na slots) and b (nb): a is put at the end of
 * the first half of 2P wires (the wires before it stand for −∞) and b at the start of the second
 * (those after it for +∞), so every comparison that touches a padding wire changes nothing and
 * is left out. The merged list is those na + nb wires, in place: its address is returned.
 */
function merge(ctx: usize, a: usize, na: i32, b: usize, nb: i32): usize {
  let P = 1;
  while (P < na || P < nb) P <<= 1;
  const w = alloc(ctx, 2 * P);
  for (let i = 0; i < 2 * P; i++) seti(w, i, -1);
  for (let i = 0; i < na; i++) seti(w, P - na + i, geti(a, i));
  for (let i = 0; i < nb; i++) seti(w, P + i, geti(b, i));
  const n = 2 * P;
  for (let k = P; k >= 1; k >>= 1) {
    for (let j = k % P; j + k < n; j += 2 * k) {
      for (let i = 0; i < k && i + j + k < n; i++) {
        const x = geti(w, i + j),
          y = geti(w, i + j + k);
        if (x >= 0 && y >= 0) cmp(ctx, x, y);
      }
    }
  }
  return w + ((<usize>(P - na)) << 2);
}

/** Batcher's odd–even merge sort of the n slots at p, in place. */
function sortList(ctx: usize, p: usize, n: i32): void {
  let N = 1;
  while (N < n) N <<= 1;
  for (let q = 1; q < N; q += q) {
    for (let k = q; k > 0; k >>= 1) {
      for (let j = k % q; j + k < N; j += 2 * k) {
        for (let i = 0; i < k && i + j + k < n; i++) {
          if ((i + j) / (2 * q) == (i + j + k) / (2 * q)) cmp(ctx, geti(p, i + j), geti(p, i + j + k));
        }
      }
    }
  }
}

/**
 * Ranks lo..hi (from 0) of the union of `ng` sorted groups (their addresses and lengths as pairs
 * of ints at `g`), as a sorted list of hi − lo + 1 slots; returns its address. A member of a group
 * with hi + 1 members below it can never be at rank hi or lower, nor one with n − lo above it at lo
 * or higher: such members are dropped (the second kind lowers the ranks sought). What is left is
 * merged two smallest groups at a time.
 */
function select(ctx: usize, g0: usize, ng0: i32, lo: i32, hi: i32): usize {
  const g = alloc(ctx, 2 * ng0);
  let ng = ng0,
    n = 0;
  for (let i = 0; i < 2 * ng0; i++) seti(g, i, geti(g0, i));
  for (let i = 0; i < ng; i++) n += geti(g, 2 * i + 1);
  while (ng > 0) {
    let changed = true;
    while (changed) {
      changed = false;
      for (let i = 0; i < ng; i++) {
        let p = geti(g, 2 * i),
          len = geti(g, 2 * i + 1);
        while (len > hi + 1) {
          len--;
          n--;
          changed = true;
        }
        while (len > 0 && len - 1 >= n - lo) {
          p += 4;
          len--;
          n--;
          lo--;
          hi--;
          changed = true;
        }
        seti(g, 2 * i, p);
        seti(g, 2 * i + 1, len);
      }
    }
    let k = 0;
    for (let i = 0; i < ng; i++) {
      if (geti(g, 2 * i + 1) > 0) {
        seti(g, 2 * k, geti(g, 2 * i));
        seti(g, 2 * k + 1, geti(g, 2 * i + 1));
        k++;
      }
    }
    ng = k;
    if (ng == 1) return <usize>geti(g, 0) + ((<usize>lo) << 2);
    // The two shortest groups, merged, take the place of the first; the last fills the second's.
    let a = 0,
      b = 1;
    if (geti(g, 3) < geti(g, 1)) {
      a = 1;
      b = 0;
    }
    for (let i = 2; i < ng; i++) {
      const len = geti(g, 2 * i + 1);
      if (len < geti(g, 2 * a + 1)) {
        b = a;
        a = i;
      } else if (len < geti(g, 2 * b + 1)) b = i;
    }
    const na = geti(g, 2 * a + 1),
      nb = geti(g, 2 * b + 1);
    const m = merge(ctx, <usize>geti(g, 2 * a), na, <usize>geti(g, 2 * b), nb);
    const first = minI(a, b),
      second = maxI(a, b);
    seti(g, 2 * first, <i32>m);
    seti(g, 2 * first + 1, na + nb);
    seti(g, 2 * second, geti(g, 2 * (ng - 1)));
    seti(g, 2 * second + 1, geti(g, 2 * (ng - 1) + 1));
    ng--;
  }
  return 0;
}

/**
 * Columns d0 … d1 (tile columns relative to the block, sorted over the core rows) as groups at
 * `g` + 2 · ng: by fours while they last, then a pair, then a column. Returns the new count.
 */
function coverColumns(ctx: usize, lists: usize, T: i32, c: i32, d0: i32, d1: i32, g: usize, ng: i32): i32 {
  let d = d0;
  for (; d + 3 <= d1; d += 4)
    ng = addGroup(g, ng, aliasList(ctx, sortedColumns(ctx, lists, T, c, 2, modT(d, T)), 4 * c, floorDiv(d, T)), 4 * c);
  for (; d + 1 <= d1; d += 2)
    ng = addGroup(g, ng, aliasList(ctx, sortedColumns(ctx, lists, T, c, 1, modT(d, T)), 2 * c, floorDiv(d, T)), 2 * c);
  if (d <= d1) ng = addGroup(g, ng, aliasList(ctx, sortedColumns(ctx, lists, T, c, 0, modT(d, T)), c, floorDiv(d, T)), c);
  return ng;
}

function addGroup(g: usize, ng: i32, list: usize, n: i32): i32 {
  seti(g, 2 * ng, <i32>list);
  seti(g, 2 * ng + 1, n);
  return ng + 1;
}

/**
 * The 2^level neighbouring core columns from plane p on (a column, a pair, four), merged into one
 * sorted list once per lane and kept in `lists` (level · T + p) for every block that reads them.
 */
function sortedColumns(ctx: usize, lists: usize, T: i32, c: i32, level: i32, p: i32): usize {
  const at = level * T + p;
  let list = <usize>geti(lists, at);
  if (list != 0) return list;
  const n = c << (level - 1);
  const q = p + (1 << (level - 1));
  const a = aliasList(ctx, sortedColumns(ctx, lists, T, c, level - 1, p), n, 0);
  const b = aliasList(ctx, sortedColumns(ctx, lists, T, c, level - 1, modT(q, T)), n, floorDiv(q, T));
  list = merge(ctx, a, n, b, n);
  seti(lists, at, <i32>list);
  return list;
}

/**
 * The program for radius r, T (2 or 4) columns to a lane: outputs (y + h, T·j + ox) of lane j for
 * h = 0, 1 and ox = 0 … T − 1, from source rows y − r + t (t = 0 … 2r + 1), each split into T
 * planes: plane p of row t holds its columns T·j + p.
 *
 * The outputs are taken 2 × 2 at a time. The four windows of a block at ox = b, b + 1 share a
 * 2r × 2r core (columns b + 1 − r … b + r, rows y + 1 − r … y + r); of it only ranks lo1 … hi1 can
 * still be the median. With four columns to a lane, the two blocks share the core's middle
 * 2r − 2 columns, selected once. Each output row then adds its 2r extra pixels (sorted by pairs),
 * and each output its extra column (the core rows' sorted column and one more pixel).
 */
function buildProgram(ctx: usize, r: i32, T: i32): void {
  const k = 2 * r + 1,
    N = k * k,
    m = (N - 1) / 2;
  const c = 2 * r;
  // Sorted columns, pairs and fours of core columns, by plane: made when first asked for.
  const lists = alloc(ctx, 3 * T);
  for (let p = 0; p < T; p++) {
    const col = alloc(ctx, c);
    for (let i = 0; i < c; i++) seti(col, i, input(ctx, T * (i + 1) + p, 0));
    sortList(ctx, col, c);
    seti(lists, p, <i32>col);
    seti(lists, T + p, 0);
    seti(lists, 2 * T + p, 0);
  }
  const g = alloc(ctx, 2 * (r + 8));
  const nCore = c * c;
  const lo1 = maxI(0, m - (N - nCore)),
    hi1 = minI(nCore - 1, m);
  const n1 = hi1 - lo1 + 1;
  const w1s = alloc(ctx, 2);
  if (T == 2) {
    seti(w1s, 0, <i32>select(ctx, g, coverColumns(ctx, lists, T, c, 1 - r, r, g, 0), lo1, hi1));
  } else {
    // The middle of both blocks' cores, then each block's two more columns.
    const n0 = c * (c - 2);
    const lo0 = maxI(0, m - (N - n0)),
      hi0 = minI(n0 - 1, m);
    const w0 = select(ctx, g, coverColumns(ctx, lists, T, c, 3 - r, r, g, 0), lo0, hi0);
    for (let b = 0; b < 2; b++) {
      const d = b == 0 ? 1 - r : r + 1;
      const ng = addGroup(g, 0, aliasList(ctx, w0, hi0 - lo0 + 1, 0), hi0 - lo0 + 1);
      seti(w1s, b, <i32>select(ctx, g, coverColumns(ctx, lists, T, c, d, d + 1, g, ng), lo1 - lo0, hi1 - lo0));
    }
  }
  const n2 = nCore + c;
  const lo2 = maxI(0, m - (N - n2)),
    hi2 = minI(n2 - 1, m);
  const n2w = hi2 - lo2 + 1;
  for (let half = 0; half < 2; half++) {
    const row = half == 0 ? 0 : 2 * r + 1;
    // The row's pixels in sorted pairs, per plane of the pair's first column.
    const pairs = alloc(ctx, T);
    for (let p = 0; p < T; p++) {
      const rp = alloc(ctx, 2);
      seti(rp, 0, input(ctx, T * row + p, 0));
      seti(rp, 1, input(ctx, T * row + modT(p + 1, T), floorDiv(p + 1, T)));
      cmp(ctx, geti(rp, 0), geti(rp, 1));
      seti(pairs, p, <i32>rp);
    }
    for (let bi = 0; bi < T / 2; bi++) {
      const b = 2 * bi;
      // The block's core and the row's extra 2r pixels: ranks lo2 … hi2.
      let ng = addGroup(g, 0, aliasList(ctx, <usize>geti(w1s, bi), n1, 0), n1);
      for (let d = b + 1 - r; d <= b + r; d += 2)
        ng = addGroup(g, ng, aliasList(ctx, <usize>geti(pairs, modT(d, T)), 2, floorDiv(d, T)), 2);
      const w2 = select(ctx, g, ng, lo2 - lo1, hi2 - lo1);
      for (let side = 0; side < 2; side++) {
        // And the output's extra column: the core rows' sorted column and the row's pixel.
        const d = side == 0 ? b - r : b + 1 + r;
        ng = addGroup(g, 0, aliasList(ctx, w2, n2w, 0), n2w);
        ng = addGroup(g, ng, aliasList(ctx, <usize>geti(lists, modT(d, T)), c, floorDiv(d, T)), c);
        const one = alloc(ctx, 1);
        seti(one, 0, input(ctx, T * row + modT(d, T), floorDiv(d, T)));
        ng = addGroup(g, ng, one, 1);
        const o = select(ctx, g, ng, m - lo2, m - lo2);
        store<i32>(ctx + C_OUT + ((<usize>(half * T + b + side)) << 2), geti(o, 0));
      }
    }
  }
}

// ---- compiling: liveness, lane ranges, arrays ----

function slotAt(ctx: usize, s: i32): usize {
  return ctx + SLOTS + ((<usize>s) << 5);
}
function vregAt(ctx: usize, v: i32): usize {
  return ctx + VREGS + ((<usize>v) << 3);
}

/** Slot `s` gets a value (an array) of its own, unless it has one no other slot reads. */
function own(ctx: usize, s: i32, nv: i32, nops: i32): i32 {
  const sl = slotAt(ctx, s);
  if (load<i32>(sl, 16) != 0) return nv;
  store<i32>(sl, nv, 8);
  store<i32>(sl, 0, 12);
  store<i32>(sl, 1, 16);
  store<i32>(vregAt(ctx, nv), nops);
  store<i32>(vregAt(ctx, nv), -1, 4);
  return nv + 1;
}

function compile(ctx: usize, E: i32, S: i32, nout: i32): void {
  const nslots = load<i32>(ctx + C_SLOTS),
    nprog = load<i32>(ctx + C_PROG);
  for (let s = 0; s < nslots; s++) {
    store<i32>(slotAt(ctx, s), i32.MAX_VALUE);
    store<i32>(slotAt(ctx, s), i32.MIN_VALUE, 4);
  }
  for (let o = 0; o < nout; o++) {
    const sl = slotAt(ctx, load<i32>(ctx + C_OUT + ((<usize>o) << 2)));
    store<i32>(sl, 0);
    store<i32>(sl, S, 4);
  }
  // Backwards: what each value is needed for, over which lanes (rounded out to whole vectors).
  for (let i = nprog - 1; i >= 0; i--) {
    const p = ctx + PROG + ((<usize>i) << 5);
    const kind = load<i32>(p);
    const a = slotAt(ctx, load<i32>(p, 4)),
      b = slotAt(ctx, load<i32>(p, 8));
    store<i32>(p, 0, 16);
    const alo = load<i32>(a),
      ahi = load<i32>(a, 4);
    if (kind == CMP) {
      const blo = load<i32>(b),
        bhi = load<i32>(b, 4);
      const la = alo < ahi,
        lb = blo < bhi;
      if (!la && !lb) continue;
      const lo = minI(la ? alo : i32.MAX_VALUE, lb ? blo : i32.MAX_VALUE) & ~3;
      const hi = (maxI(la ? ahi : i32.MIN_VALUE, lb ? bhi : i32.MIN_VALUE) + 3) & ~3;
      store<i32>(p, (la ? 1 : 0) | (lb ? 2 : 0), 16);
      store<i32>(p, lo, 20);
      store<i32>(p, hi, 24);
      store<i32>(a, lo);
      store<i32>(a, hi, 4);
      store<i32>(b, lo);
      store<i32>(b, hi, 4);
    } else if (alo < ahi) {
      store<i32>(p, 1, 16);
      if (kind == ALIAS) {
        const off = load<i32>(p, 12);
        store<i32>(b, minI(load<i32>(b), alo + off));
        store<i32>(b, maxI(load<i32>(b, 4), ahi + off), 4);
      }
    }
  }
  // Forwards: where each slot's value is (an array and a lane offset); a slot written for the
  // first time, or whose array others read, gets an array of its own.
  let nv = 0,
    nops = 0;
  for (let i = 0; i < nprog; i++) {
    const p = ctx + PROG + ((<usize>i) << 5);
    const kd = load<i32>(p, 16);
    if (kd == 0) continue;
    const kind = load<i32>(p),
      s = load<i32>(p, 4),
      x = load<i32>(p, 8);
    const a = slotAt(ctx, s);
    if (kind == INPUT) {
      store<i32>(a, -1 - x, 8); // source planes as negative ids until the end
      store<i32>(a, load<i32>(p, 12), 12);
      store<i32>(a, 0, 16);
    } else if (kind == ALIAS) {
      const b = slotAt(ctx, x);
      store<i32>(a, load<i32>(b, 8), 8);
      store<i32>(a, load<i32>(b, 12) + load<i32>(p, 12), 12);
      store<i32>(a, 0, 16);
      store<i32>(b, 0, 16);
    } else {
      const b = slotAt(ctx, x);
      const op = ctx + OPS + ((<usize>nops) << 5);
      const aa = load<i32>(a, 8),
        ba = load<i32>(b, 8);
      store<i32>(op, aa);
      store<i32>(op, load<i32>(a, 12), 4);
      store<i32>(op, ba, 8);
      store<i32>(op, load<i32>(b, 12), 12);
      if (aa >= 0) store<i32>(vregAt(ctx, aa), nops);
      if (ba >= 0) store<i32>(vregAt(ctx, ba), nops);
      let dlo = -1,
        dhi = -1;
      if (kd & 1) {
        nv = own(ctx, s, nv, nops);
        dlo = load<i32>(a, 8);
      }
      if (kd & 2) {
        nv = own(ctx, x, nv, nops);
        dhi = load<i32>(b, 8);
      }
      store<i32>(op, dlo, 16);
      store<i32>(op, dhi, 20);
      store<i32>(op, load<i32>(p, 20), 24);
      store<i32>(op, load<i32>(p, 24), 28);
      nops++;
    }
  }
  for (let o = 0; o < nout; o++) {
    const sl = slotAt(ctx, load<i32>(ctx + C_OUT + ((<usize>o) << 2)));
    const a = load<i32>(sl, 8);
    if (a >= 0) store<i32>(vregAt(ctx, a), i32.MAX_VALUE);
    store<i32>(ctx + C_OUTARR + ((<usize>o) << 2), a);
    store<i32>(ctx + C_OUTOFF + ((<usize>o) << 2), load<i32>(sl, 12));
  }
  // Values to arrays: an array is free again once the last operation reading its value is done.
  let nphys = 0,
    nfree = 0,
    laneLo = 0,
    laneHi = S;
  for (let i = 0; i < nops; i++) {
    const op = ctx + OPS + ((<usize>i) << 5);
    const dlo = load<i32>(op, 16),
      dhi = load<i32>(op, 20);
    if (dlo >= 0 && load<i32>(vregAt(ctx, dlo), 4) < 0) store<i32>(vregAt(ctx, dlo), nfree > 0 ? geti(ctx + FREE, --nfree) : nphys++, 4);
    if (dhi >= 0 && load<i32>(vregAt(ctx, dhi), 4) < 0) store<i32>(vregAt(ctx, dhi), nfree > 0 ? geti(ctx + FREE, --nfree) : nphys++, 4);
    laneLo = minI(laneLo, load<i32>(op, 24));
    laneHi = maxI(laneHi, load<i32>(op, 28));
    const a = load<i32>(op),
      b = load<i32>(op, 8);
    if (a >= 0 && load<i32>(vregAt(ctx, a)) == i) seti(ctx + FREE, nfree++, load<i32>(vregAt(ctx, a), 4));
    if (b >= 0 && b != a && load<i32>(vregAt(ctx, b)) == i) seti(ctx + FREE, nfree++, load<i32>(vregAt(ctx, b), 4));
  }
  // Array ids: source planes 0 … E − 1, then the arrays.
  for (let i = 0; i < nops; i++) {
    const op = ctx + OPS + ((<usize>i) << 5);
    const a = load<i32>(op),
      b = load<i32>(op, 8),
      dlo = load<i32>(op, 16),
      dhi = load<i32>(op, 20);
    store<i32>(op, a >= 0 ? E + load<i32>(vregAt(ctx, a), 4) : -1 - a);
    store<i32>(op, b >= 0 ? E + load<i32>(vregAt(ctx, b), 4) : -1 - b, 8);
    store<i32>(op, dlo >= 0 ? E + load<i32>(vregAt(ctx, dlo), 4) : -1, 16);
    store<i32>(op, dhi >= 0 ? E + load<i32>(vregAt(ctx, dhi), 4) : -1, 20);
  }
  for (let o = 0; o < nout; o++) {
    const a = load<i32>(ctx + C_OUTARR + ((<usize>o) << 2));
    store<i32>(ctx + C_OUTARR + ((<usize>o) << 2), a >= 0 ? E + load<i32>(vregAt(ctx, a), 4) : -1 - a);
  }
  store<i32>(ctx + C_OPS, nops);
  store<i32>(ctx + C_VREGS, nv);
  store<i32>(ctx + C_PHYS, nphys);
  store<i32>(ctx + C_LO, laneLo);
  store<i32>(ctx + C_HI, laneHi);
}

// ---- running ----

/** Every operation over its lanes of the strip whose arrays' lane 0 the table holds. */
function runOps(ctx: usize, nops: i32): void {
  const table = ctx + TABLE;
  for (let i = 0; i < nops; i++) {
    const op = ctx + OPS + ((<usize>i) << 5);
    const a = <usize>geti(table, load<i32>(op)) + <usize>(load<i32>(op, 4) << 2);
    const b = <usize>geti(table, load<i32>(op, 8)) + <usize>(load<i32>(op, 12) << 2);
    const lo = load<i32>(op, 16),
      hi = load<i32>(op, 20);
    const end = <usize>(load<i32>(op, 28) << 2);
    let o = <usize>(load<i32>(op, 24) << 2);
    if (lo >= 0 && hi >= 0) {
      const pl = <usize>geti(table, lo),
        ph = <usize>geti(table, hi);
      if ((end - o) & 16) {
        const va = load<v128>(a + o),
          vb = load<v128>(b + o);
        store<v128>(pl + o, i8x16.min_u(va, vb));
        store<v128>(ph + o, i8x16.max_u(va, vb));
        o += 16;
      }
      for (; o != end; o += 32) {
        const va = load<v128>(a + o),
          vb = load<v128>(b + o);
        const wa = load<v128>(a + o, 16),
          wb = load<v128>(b + o, 16);
        store<v128>(pl + o, i8x16.min_u(va, vb));
        store<v128>(ph + o, i8x16.max_u(va, vb));
        store<v128>(pl + o, i8x16.min_u(wa, wb), 16);
        store<v128>(ph + o, i8x16.max_u(wa, wb), 16);
      }
    } else if (lo >= 0) {
      const pl = <usize>geti(table, lo);
      if ((end - o) & 16) {
        store<v128>(pl + o, i8x16.min_u(load<v128>(a + o), load<v128>(b + o)));
        o += 16;
      }
      for (; o != end; o += 32) {
        const v = i8x16.min_u(load<v128>(a + o), load<v128>(b + o));
        const w = i8x16.min_u(load<v128>(a + o, 16), load<v128>(b + o, 16));
        store<v128>(pl + o, v);
        store<v128>(pl + o, w, 16);
      }
    } else {
      const ph = <usize>geti(table, hi);
      if ((end - o) & 16) {
        store<v128>(ph + o, i8x16.max_u(load<v128>(a + o), load<v128>(b + o)));
        o += 16;
      }
      for (; o != end; o += 32) {
        const v = i8x16.max_u(load<v128>(a + o), load<v128>(b + o));
        const w = i8x16.max_u(load<v128>(a + o, 16), load<v128>(b + o, 16));
        store<v128>(ph + o, v);
        store<v128>(ph + o, w, 16);
      }
    }
  }
}

/** Arrays the network of radius r may need at most (checked after compiling). */
function maxArrays(r: i32): i32 {
  return 8 * r * r + 32;
}

/** Bytes a plane takes: the tile's lanes in whole strips, and a margin on each side. */
function planeBytes(lanes: i32): i32 {
  const strips = (lanes + STRIP - 1) / STRIP;
  return (strips * STRIP + 2 * MARGIN) << 2;
}

const ARRAY_BYTES: i32 = (STRIP + 2 * MARGIN) << 2;

/** Scratch for a tile `tw` wide at radius r, T (2 or 4) columns to a lane. */
export function networkScratch(tw: i32, r: i32, T: i32): i32 {
  return <i32>FIXED + 64 + maxArrays(r) * ARRAY_BYTES + (2 * r + 2) * T * planeBytes((tw + T - 1) / T);
}

/**
 * The T planes of image row `row` (at `srcRow`), each `pb` bytes: lane q of plane p holds tile
 * column T·q + p, clamped to the columns the tile may read.
 */
function fillPlanes(planes: usize, pb: usize, T: i32, srcRow: usize, sx: i32, tx: i32, lanes: i32, cx0: i32, cx1: i32): void {
  for (let p = 0; p < T; p++) {
    const plane = planes + <usize>p * pb;
    for (let q = -MARGIN; q < lanes + MARGIN; q++) {
      const x = clampN(tx + T * q + p, cx0, cx1);
      store<u32>(plane + ((<usize>(q + MARGIN)) << 2), load<u32>(srcRow + ((<usize>(x - sx)) << 2)));
    }
  }
}

/** Where output o of the strip is: its array's lane 0 and its lane offset. */
function outputAt(ctx: usize, o: i32): usize {
  const oo = (<usize>o) << 2;
  return <usize>geti(ctx + TABLE, load<i32>(ctx + C_OUTARR + oo)) + <usize>(load<i32>(ctx + C_OUTOFF + oo) << 2);
}

/** The first `count` pixels spilled to `tmp`, stored at `d`. */
function storeSome(d: usize, tmp: usize, count: i32): void {
  for (let i = 0; i < count; i++) store<u32>(d + ((<usize>i) << 2), load<u32>(tmp + ((<usize>i) << 2)));
}

/**
 * The median by networks. Returns false, having written nothing, when the network it built does
 * not fit the scratch `networkScratch` promised (never for the radii it is used for).
 */
export function medianNetwork(
  src: usize,
  sx: i32,
  sy: i32,
  sw: i32,
  dst: usize,
  dx: i32,
  dy: i32,
  dw: i32,
  width: i32,
  height: i32,
  tx: i32,
  ty: i32,
  tw: i32,
  th: i32,
  scratch: usize,
  r: i32,
  T: i32,
): bool {
  const ctx = scratch;
  store<i32>(ctx + C_SLOTS, 0);
  store<i32>(ctx + C_PROG, 0);
  store<i32>(ctx + C_TOP, <i32>(ctx + ARENA));
  buildProgram(ctx, r, T);
  const rows = 2 * r + 2;
  const E = T * rows;
  const lanes = (tw + T - 1) / T;
  // A strip as wide as the tile when the tile is narrower than a strip.
  const S = minI(STRIP, (lanes + 3) & ~3);
  compile(ctx, E, S, 2 * T);
  const nops = load<i32>(ctx + C_OPS),
    nphys = load<i32>(ctx + C_PHYS),
    laneLo = load<i32>(ctx + C_LO),
    laneHi = load<i32>(ctx + C_HI);
  if (nphys > maxArrays(r) || laneLo < -MARGIN || laneHi > STRIP + MARGIN) return false;
  const table = ctx + TABLE;
  const arrays = (ctx + FIXED + 15) & ~15;
  for (let p = 0; p < nphys; p++) seti(table, E + p, <i32>(arrays + <usize>(p * ARRAY_BYTES + (MARGIN << 2))));
  const ring = arrays + <usize>(maxArrays(r) * ARRAY_BYTES);
  const pb = <usize>planeBytes(lanes);
  const cx0 = maxI(0, tx - r),
    cx1 = minI(width - 1, tx + tw - 1 + r);
  const ry0 = maxI(0, ty - r),
    ry1 = minI(height - 1, ty + th - 1 + r);
  for (let i = 0; i < rows; i++) seti(ctx + RING_ROW, i, i32.MIN_VALUE);
  const tmp = ctx + TMP;
  for (let y = ty; y < ty + th; y += 2) {
    // Rows y − r … y + r + 1 in the ring, each filled once.
    for (let t = 0; t < rows; t++) {
      const u = y - r + t;
      const slot = ((u % rows) + rows) % rows;
      const planes = ring + <usize>(T * slot) * pb;
      if (geti(ctx + RING_ROW, slot) != u) {
        const row = clampN(u, ry0, ry1);
        fillPlanes(planes, pb, T, src + ((<usize>((row - sy) * sw)) << 2), sx, tx, lanes, cx0, cx1);
        seti(ctx + RING_ROW, slot, u);
      }
      seti(ctx + RING_AT, t, <i32>planes);
    }
    for (let js = 0; js < lanes; js += S) {
      for (let t = 0; t < rows; t++) {
        const planes = <usize>geti(ctx + RING_AT, t) + <usize>((MARGIN + js) << 2);
        for (let p = 0; p < T; p++) seti(table, T * t + p, <i32>(planes + <usize>p * pb));
      }
      runOps(ctx, nops);
      const n = minI(S, lanes - js);
      for (let h = 0; h < 2 && y + h < ty + th; h++) {
        const row = dst + ((<usize>((y + h - dy) * dw + (tx - dx))) << 2);
        if (T == 2) {
          const L = outputAt(ctx, 2 * h),
            R = outputAt(ctx, 2 * h + 1);
          for (let l = 0; l < n; l += 4) {
            const o = (<usize>l) << 2;
            const v0 = load<v128>(L + o),
              v1 = load<v128>(R + o);
            const a = i32x4.shuffle(v0, v1, 0, 4, 1, 5),
              b = i32x4.shuffle(v0, v1, 2, 6, 3, 7);
            const c = 2 * (js + l);
            const d = row + ((<usize>c) << 2);
            if (tw - c >= 8) {
              store<v128>(d, a);
              store<v128>(d, b, 16);
            } else {
              store<v128>(tmp, a);
              store<v128>(tmp, b, 16);
              storeSome(d, tmp, tw - c);
            }
          }
        } else {
          const A0 = outputAt(ctx, 4 * h),
            A1 = outputAt(ctx, 4 * h + 1),
            A2 = outputAt(ctx, 4 * h + 2),
            A3 = outputAt(ctx, 4 * h + 3);
          for (let l = 0; l < n; l += 4) {
            // Four lanes of the four columns: a 4 × 4 transpose puts them in pixel order.
            const o = (<usize>l) << 2;
            const v0 = load<v128>(A0 + o),
              v1 = load<v128>(A1 + o),
              v2 = load<v128>(A2 + o),
              v3 = load<v128>(A3 + o);
            const t0 = i32x4.shuffle(v0, v1, 0, 4, 1, 5),
              t1 = i32x4.shuffle(v2, v3, 0, 4, 1, 5),
              t2 = i32x4.shuffle(v0, v1, 2, 6, 3, 7),
              t3 = i32x4.shuffle(v2, v3, 2, 6, 3, 7);
            const a = i64x2.shuffle(t0, t1, 0, 2),
              b = i64x2.shuffle(t0, t1, 1, 3),
              e = i64x2.shuffle(t2, t3, 0, 2),
              f = i64x2.shuffle(t2, t3, 1, 3);
            const c = 4 * (js + l);
            const d = row + ((<usize>c) << 2);
            if (tw - c >= 16) {
              store<v128>(d, a);
              store<v128>(d, b, 16);
              store<v128>(d, e, 32);
              store<v128>(d, f, 48);
            } else {
              store<v128>(tmp, a);
              store<v128>(tmp, b, 16);
              store<v128>(tmp, e, 32);
              store<v128>(tmp, f, 48);
              storeSome(d, tmp, tw - c);
            }
          }
        }
      }
    }
  }
  return true;
}
