/**
 * A photo-like test image the project makes itself: sky, sun, two mountain ridges, a lake with a
 * reflection, and film grain. Deterministic for a given size and seed, so tests and benchmarks
 * can regenerate the same pixels anywhere, and the app works with no file at all.
 */

const hash = (x: number, y: number, seed: number): number => {
  let h = Math.imul(x, 374761393) ^ Math.imul(y, 668265263) ^ Math.imul(seed, 1274126177);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
};

/** Smooth 1-D noise in [0, 1): a few octaves of interpolated hashes. */
function ridge(width: number, seed: number, scale: number): Float64Array {
  const out = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    let v = 0,
      amp = 0.5,
      freq = 1 / scale;
    for (let o = 0; o < 5; o++) {
      const t = x * freq,
        i = Math.floor(t),
        f = t - i,
        s = f * f * (3 - 2 * f);
      v += amp * (hash(i, o, seed) * (1 - s) + hash(i + 1, o, seed) * s);
      amp /= 2;
      freq *= 2;
    }
    out[x] = v;
  }
  return out;
}

const mix = (a: number, b: number, t: number): number => a + (b - a) * t;

export function paintSample(width: number, height: number, out: Uint8Array, seed = 7): void {
  const far = ridge(width, seed, width / 6);
  const near = ridge(width, seed + 1, width / 10);
  const horizon = Math.round(height * 0.64);
  const sunX = width * 0.68,
    sunY = height * 0.3,
    sunR = Math.min(width, height) * 0.07;
  // Each column's ridge tops, worked out once rather than once per pixel (the same arithmetic, so the same pixels).
  const farTops = new Float64Array(width);
  const nearTops = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    farTops[x] = horizon - height * (0.12 + 0.28 * (far[x] ?? 0));
    nearTops[x] = horizon - height * (0.02 + 0.14 * (near[x] ?? 0));
  }
  // `skyAt` writes a sky colour into `skyRgb`, and `put` stores a pixel with grain, each given all
  // it uses: closures sharing mutable variables would keep the compiler from making them fast.
  const skyRgb = new Float64Array(3);
  const skyAt = (x: number, y: number): void => {
    const t = Math.min(1, y / horizon);
    const dx = x - sunX,
      dy = y - sunY,
      d = Math.sqrt(dx * dx + dy * dy);
    const glow = Math.max(0, 1 - d / (sunR * 6)) ** 2;
    if (d < sunR) {
      skyRgb[0] = 255;
      skyRgb[1] = 244;
      skyRgb[2] = 214;
      return;
    }
    skyRgb[0] = mix(40, 246, t) + 120 * glow;
    skyRgb[1] = mix(90, 188, t) + 90 * glow;
    skyRgb[2] = mix(170, 150, t) + 40 * glow;
  };
  /** Store a pixel's colour with film grain. */
  const put = (x: number, y: number, r: number, g: number, b: number, grain: number): void => {
    const o = (y * width + x) * 4;
    const n = (hash(x, y, seed + 9) - 0.5) * grain;
    out[o] = Math.round(Math.max(0, Math.min(255, r + n)));
    out[o + 1] = Math.round(Math.max(0, Math.min(255, g + n)));
    out[o + 2] = Math.round(Math.max(0, Math.min(255, b + n)));
    out[o + 3] = 255;
  };
  for (let y = 0; y < height; y++) {
    // The lake mirrors what is above the horizon, broken up by ripples.
    const depth = (y - horizon) / (height - horizon);
    const my = Math.max(0, horizon - (y - horizon) - 1);
    for (let x = 0; x < width; x++) {
      const farTop = farTops[x] ?? 0;
      const nearTop = nearTops[x] ?? 0;
      if (y >= horizon) {
        const ripple = Math.round(Math.sin(y * 0.35 + x * 0.02) * (2 + depth * 10));
        const mx = Math.max(0, Math.min(width - 1, x + ripple));
        let r: number, g: number, b: number;
        if (my >= (nearTops[mx] ?? 0)) {
          r = 38;
          g = 70;
          b = 44;
        } else if (my >= (farTops[mx] ?? 0)) {
          r = 92;
          g = 104;
          b = 132;
        } else {
          skyAt(mx, my);
          r = skyRgb[0] ?? 0;
          g = skyRgb[1] ?? 0;
          b = skyRgb[2] ?? 0;
        }
        put(x, y, r * 0.72, g * 0.78, b * 0.9 + 12, 10);
      } else if (y >= nearTop) {
        const shade = 0.7 + 0.5 * hash(x >> 3, y >> 3, seed + 3);
        const n = near[x] ?? 0;
        put(x, y, 38 * shade + 20 * n, 70 * shade + 30 * (1 - n), 44 * shade, 26);
      } else if (y >= farTop) {
        const snow = y < farTop + height * 0.025 * (far[x] ?? 0) ? 90 : 0;
        const shade = (y - farTop) / (horizon - farTop);
        put(x, y, 92 + snow - 30 * shade, 104 + snow - 25 * shade, 132 + snow - 20 * shade, 14);
      } else {
        skyAt(x, y);
        put(x, y, skyRgb[0] ?? 0, skyRgb[1] ?? 0, skyRgb[2] ?? 0, 6);
      }
    }
  }
}
