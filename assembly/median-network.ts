/**
 * Median by comparator networks, for small radii: every comparison is an `i8x16.min_u` /
 * `i8x16.max_u` pair on 16 bytes, that is 4 pixels × 4 channels, so one network computes the
 * medians of many pixels at once, each channel on its own.
 *
 * The outputs are taken 2 × 2 at a time: the four windows of a 2 × 2 block share a 2r × 2r core,
 * which is selected once; each output row adds its 2r extra pixels, each output its extra column.
 * To share the core between two neighbouring columns, every row is split into its even and odd
 * pixels (two planes), so that one lane j of a vector holds the block at tile columns 2j, 2j + 1.
 * Sorted columns, sorted pairs of columns and the like are computed once per lane and read by the
 * blocks around them at lane offsets.
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

const MAX_PROG: i32 = 4096;
const MAX_SLOTS: i32 = 1024;
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
const C_OUT: usize = 32; // four output slots, then their arrays and offsets (48..80)
const C_OUTARR: usize = 48;
const C_OUTOFF: usize = 64;
const HEADER: usize = 128;

const PROG: usize = HEADER; // an instruction: kind, s, x, off; then kept (0, or 1 | 2 | 3), lanes lo, hi
const SLOTS: usize = PROG + <usize>MAX_PROG * 32; // a slot: needed lanes lo, hi; array, offset; owned
const OPS: usize = SLOTS + <usize>MAX_SLOTS * 32; // an operation: array, offset (a, b); lo, hi arrays; lanes
const VREGS: usize = OPS + <usize>MAX_PROG * 32; // a value: its last reader, its array
const FREE: usize = VREGS + <usize>MAX_PROG * 8;
const TABLE: usize = FREE + <usize>MAX_ARRAYS * 4; // address of lane 0 of every array
const RING_ROW: usize = TABLE + <usize>MAX_ARRAYS * 4; // which image row each ring slot holds
const RING_AT: usize = RING_ROW + 32 * 4; // where row t of the current row pair is
const TMP: usize = RING_AT + 32 * 4; // 32 bytes for a partial store
const ARENA: usize = TMP + 32;
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
function floorDiv2(v: i32): i32 {
  return v >> 1;
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

/** Source plane array id of row t (0 = y − r) and tile column offset d (plane d & 1, lane d >> 1). */
function planeId(t: i32, d: i32): i32 {
  return 2 * t + (d & 1);
}

/**
 * The program for radius r: outputs (y, 2j), (y, 2j + 1), (y + 1, 2j), (y + 1, 2j + 1) of lane j,
 * from source rows y − r + t (t = 0 … 2r + 1), each split into planes of even and odd columns.
 */
function buildProgram(ctx: usize, r: i32): void {
  const k = 2 * r + 1,
    N = k * k,
    m = (N - 1) / 2;
  const c = 2 * r;
  // Core columns (rows 1 … 2r), sorted, in each plane.
  const col0 = alloc(ctx, c),
    col1 = alloc(ctx, c);
  for (let i = 0; i < c; i++) {
    seti(col0, i, input(ctx, 2 * (i + 1), 0));
    seti(col1, i, input(ctx, 2 * (i + 1) + 1, 0));
  }
  sortList(ctx, col0, c);
  sortList(ctx, col1, c);
  // Pairs of core columns, d0 and d0 + 1, d0 of the parity of −r + 1.
  const d0 = (r + 1) & 1;
  const pa = aliasList(ctx, d0 == 0 ? col0 : col1, c, floorDiv2(d0));
  const pb = aliasList(ctx, d0 == 0 ? col1 : col0, c, floorDiv2(d0 + 1));
  const pair = merge(ctx, pa, c, pb, c);
  const pairOff = (-r + 1 - d0) / 2;
  // The shared 2r × 2r core: ranks lo1 … hi1 of it can still be the median.
  const nCore = c * c;
  const lo1 = maxI(0, m - (N - nCore)),
    hi1 = minI(nCore - 1, m);
  // Its columns by fours (two neighbouring pairs, merged once per lane), and a pair left over.
  const g = alloc(ctx, 2 * (r + 4));
  let ng = 0;
  if (r >= 2) {
    const quad = merge(ctx, aliasList(ctx, pair, 2 * c, 0), 2 * c, aliasList(ctx, pair, 2 * c, 1), 2 * c);
    for (let t = 0; t + 1 < r; t += 2) {
      seti(g, 2 * ng, <i32>aliasList(ctx, quad, 4 * c, pairOff + t));
      seti(g, 2 * ng++ + 1, 4 * c);
    }
  }
  if (r & 1) {
    seti(g, 2 * ng, <i32>aliasList(ctx, pair, 2 * c, pairOff + r - 1));
    seti(g, 2 * ng++ + 1, 2 * c);
  }
  const w1 = select(ctx, g, ng, lo1, hi1);
  const n1 = hi1 - lo1 + 1;
  for (let half = 0; half < 2; half++) {
    const row = half == 0 ? 0 : 2 * r + 1;
    // The row's extra 2r pixels, sorted by pairs.
    const r0 = input(ctx, planeId(row, d0), floorDiv2(d0)),
      r1 = input(ctx, planeId(row, d0 + 1), floorDiv2(d0 + 1));
    cmp(ctx, r0, r1);
    const rp = alloc(ctx, 2);
    seti(rp, 0, r0);
    seti(rp, 1, r1);
    const n2 = nCore + c;
    const lo2 = maxI(0, m - (N - n2)),
      hi2 = minI(n2 - 1, m);
    seti(g, 0, <i32>aliasList(ctx, w1, n1, 0));
    seti(g, 1, n1);
    for (let t = 0; t < r; t++) {
      seti(g, 2 * t + 2, <i32>aliasList(ctx, rp, 2, pairOff + t));
      seti(g, 2 * t + 3, 2);
    }
    const w2 = select(ctx, g, r + 1, lo2 - lo1, hi2 - lo1);
    const n2w = hi2 - lo2 + 1;
    for (let side = 0; side < 2; side++) {
      const d = side == 0 ? -r : r + 1;
      seti(g, 0, <i32>aliasList(ctx, w2, n2w, 0));
      seti(g, 1, n2w);
      seti(g, 2, <i32>aliasList(ctx, (d & 1) == 0 ? col0 : col1, c, floorDiv2(d)));
      seti(g, 3, c);
      const one = alloc(ctx, 1);
      seti(one, 0, input(ctx, planeId(row, d), floorDiv2(d)));
      seti(g, 4, <i32>one);
      seti(g, 5, 1);
      const o = select(ctx, g, 3, m - lo2, m - lo2);
      store<i32>(ctx + C_OUT + ((<usize>(2 * half + side)) << 2), geti(o, 0));
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

function compile(ctx: usize, E: i32, S: i32): void {
  const nslots = load<i32>(ctx + C_SLOTS),
    nprog = load<i32>(ctx + C_PROG);
  for (let s = 0; s < nslots; s++) {
    store<i32>(slotAt(ctx, s), i32.MAX_VALUE);
    store<i32>(slotAt(ctx, s), i32.MIN_VALUE, 4);
  }
  for (let o = 0; o < 4; o++) {
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
  for (let o = 0; o < 4; o++) {
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
  for (let o = 0; o < 4; o++) {
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

/** Bytes a plane of a tile `tw` wide takes: its strips of lanes and a margin on each side. */
function planeBytes(tw: i32): i32 {
  const lanes = (tw + 1) >> 1;
  const strips = (lanes + STRIP - 1) / STRIP;
  return (strips * STRIP + 2 * MARGIN) << 2;
}

const ARRAY_BYTES: i32 = (STRIP + 2 * MARGIN) << 2;

export function networkScratch(tw: i32, th: i32, r: i32): i32 {
  return <i32>FIXED + 16 + maxArrays(r) * ARRAY_BYTES + (2 * r + 2) * 2 * planeBytes(tw);
}

/**
 * Plane p (0 even, 1 odd columns) of image row `row`: lane q holds tile column 2q + p, clamped to
 * the columns the tile may read.
 */
function fillPlanes(plane0: usize, plane1: usize, srcRow: usize, sx: i32, tx: i32, lanes: i32, cx0: i32, cx1: i32): void {
  for (let q = -MARGIN; q < lanes + MARGIN; q++) {
    const o = (<usize>(q + MARGIN)) << 2;
    const x0 = clampN(tx + 2 * q, cx0, cx1),
      x1 = clampN(tx + 2 * q + 1, cx0, cx1);
    store<u32>(plane0 + o, load<u32>(srcRow + ((<usize>(x0 - sx)) << 2)));
    store<u32>(plane1 + o, load<u32>(srcRow + ((<usize>(x1 - sx)) << 2)));
  }
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
): bool {
  const ctx = scratch;
  store<i32>(ctx + C_SLOTS, 0);
  store<i32>(ctx + C_PROG, 0);
  store<i32>(ctx + C_TOP, <i32>(ctx + ARENA));
  buildProgram(ctx, r);
  const E = 4 * r + 4;
  const lanes = (tw + 1) >> 1;
  // A strip as wide as the tile when the tile is narrower than a strip.
  const S = minI(STRIP, (lanes + 3) & ~3);
  compile(ctx, E, S);
  const nops = load<i32>(ctx + C_OPS),
    nphys = load<i32>(ctx + C_PHYS),
    laneLo = load<i32>(ctx + C_LO),
    laneHi = load<i32>(ctx + C_HI);
  if (nphys > maxArrays(r) || laneLo < -MARGIN || laneHi > STRIP + MARGIN) return false;
  const table = ctx + TABLE;
  const arrays = (ctx + FIXED + 15) & ~15;
  for (let p = 0; p < nphys; p++) seti(table, E + p, <i32>(arrays + <usize>(p * ARRAY_BYTES + (MARGIN << 2))));
  const ring = arrays + <usize>(maxArrays(r) * ARRAY_BYTES);
  const pb = planeBytes(tw);
  const rows = 2 * r + 2;
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
      const planes = ring + <usize>(2 * slot * pb);
      if (geti(ctx + RING_ROW, slot) != u) {
        const row = clampN(u, ry0, ry1);
        fillPlanes(planes, planes + <usize>pb, src + ((<usize>((row - sy) * sw)) << 2), sx, tx, lanes, cx0, cx1);
        seti(ctx + RING_ROW, slot, u);
      }
      seti(ctx + RING_AT, t, <i32>planes);
    }
    for (let js = 0; js < lanes; js += S) {
      for (let t = 0; t < rows; t++) {
        const planes = <usize>geti(ctx + RING_AT, t) + <usize>((MARGIN + js) << 2);
        seti(table, 2 * t, <i32>planes);
        seti(table, 2 * t + 1, <i32>(planes + <usize>pb));
      }
      runOps(ctx, nops);
      const n = minI(S, lanes - js);
      for (let h = 0; h < 2 && y + h < ty + th; h++) {
        const L =
          <usize>geti(table, load<i32>(ctx + C_OUTARR + ((<usize>(2 * h)) << 2))) +
          <usize>(load<i32>(ctx + C_OUTOFF + ((<usize>(2 * h)) << 2)) << 2);
        const R =
          <usize>geti(table, load<i32>(ctx + C_OUTARR + ((<usize>(2 * h + 1)) << 2))) +
          <usize>(load<i32>(ctx + C_OUTOFF + ((<usize>(2 * h + 1)) << 2)) << 2);
        const row = dst + ((<usize>((y + h - dy) * dw + (tx - dx))) << 2);
        for (let l = 0; l < n; l += 4) {
          const vl = load<v128>(L + ((<usize>l) << 2)),
            vr = load<v128>(R + ((<usize>l) << 2));
          const a = i32x4.shuffle(vl, vr, 0, 4, 1, 5),
            b = i32x4.shuffle(vl, vr, 2, 6, 3, 7);
          const c = 2 * (js + l);
          const d = row + ((<usize>c) << 2);
          const count = minI(8, tw - c);
          if (count == 8) {
            store<v128>(d, a);
            store<v128>(d, b, 16);
          } else {
            store<v128>(tmp, a);
            store<v128>(tmp, b, 16);
            for (let i = 0; i < count; i++) store<u32>(d + ((<usize>i) << 2), load<u32>(tmp + ((<usize>i) << 2)));
          }
        }
      }
    }
  }
  return true;
}
