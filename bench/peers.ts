/**
 * The bench-only page of the peers (bench/peers.html): OpenCV.js and wasm-vips, exposed to the
 * benchmark as `window.peers`. It paints the same photo-like image as the harness (the sample
 * painter, same size and seed), puts it into each library's own image type once, and then times
 * only the operation that stands for a filter (bench/peers-plan.ts).
 *
 * Why a page of its own: both libraries are Emscripten builds whose bindings (embind) generate
 * their glue with `new Function` / `eval`, which the app's Content-Security-Policy forbids
 * ('wasm-unsafe-eval' lets it compile WebAssembly, not evaluate JavaScript). The app's policy
 * stays as it is; this page has its own, which adds 'unsafe-eval' and nothing else.
 *
 * Both libraries are loaded as the npm packages ship them, copied unchanged next to this page by
 * bench/peers-build.ts: vips-es6.js finds vips.wasm, and the module it starts its threads from,
 * beside itself (`new URL('vips.wasm', import.meta.url)`); opencv.js carries its WebAssembly inline.
 */
import { paintSample } from '../src/core/sample.js';
import { sha256Hex } from '../src/engine/digest.js';
import { OPENCV_SCRIPT, VIPS_MODULE } from './peers-paths.js';
import { checkPeerOutput, type PeerCheck, type PeerLibrary, type PeerOp } from './peers-plan.js';

// The few parts of OpenCV.js used here (its own typings describe the whole library).
interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Uint8Array;
  channels(): number;
  convertTo(dst: Mat, rtype: number, alpha?: number, beta?: number): void;
  delete(): void;
}
interface Cv {
  Mat: new (rows?: number, cols?: number, type?: number) => Mat;
  Size: new (w: number, h: number) => unknown;
  CV_8U: number;
  CV_8UC4: number;
  CV_32F: number;
  COLOR_RGBA2GRAY: number;
  matFromArray(rows: number, cols: number, type: number, data: readonly number[]): Mat;
  medianBlur(src: Mat, dst: Mat, ksize: number): void;
  GaussianBlur(src: Mat, dst: Mat, ksize: unknown, sigmaX: number): void;
  addWeighted(a: Mat, alpha: number, b: Mat, beta: number, gamma: number, dst: Mat): void;
  cvtColor(src: Mat, dst: Mat, code: number): void;
  Sobel(src: Mat, dst: Mat, ddepth: number, dx: number, dy: number): void;
  magnitude(x: Mat, y: Mat, dst: Mat): void;
  bitwise_not(src: Mat, dst: Mat): void;
  transform(src: Mat, dst: Mat, m: Mat): void;
  getBuildInformation(): string;
}

// The same for wasm-vips (lib/vips.d.ts describes it all).
interface VipsImage {
  readonly width: number;
  readonly height: number;
  readonly bands: number;
  copy(options: { interpretation: string }): VipsImage;
  copyMemory(): VipsImage;
  writeToMemory(): Uint8Array;
  rank(w: number, h: number, index: number): VipsImage;
  gaussblur(sigma: number): VipsImage;
  sobel(): VipsImage;
  invert(): VipsImage;
  colourspace(space: string): VipsImage;
  extractBand(band: number): VipsImage;
  linear(a: number[], b: number[], options: { uchar: boolean }): VipsImage;
  recomb(m: VipsImage): VipsImage;
  cast(format: string): VipsImage;
  delete(): void;
}
interface Vips {
  Image: {
    newFromMemory(data: Uint8Array, width: number, height: number, bands: number, format: string): VipsImage;
    newFromArray(rows: number[][]): VipsImage;
  };
  Cache: { max(n: number): void };
  concurrency(n?: number): number | undefined;
  version(): string;
}
type VipsFactory = (options: { dynamicLibraries: string[] }) => Promise<Vips>;

let cv: Cv | null = null;
let vips: Vips | null = null;
let image: { width: number; height: number; pixels: Uint8Array } | null = null;
let cvSource: Mat | null = null;
let vipsSource: VipsImage | null = null;
/** OpenCV outputs and temporaries by operation, made by its first run and reused: allocation is not timed after the warm-up. */
const cvScratch = new Map<string, Mat[]>();
/** The last output of each library, kept until the next run for `check`. */
const lastOutput = new Map<PeerLibrary, { data: () => Uint8Array; width: number; height: number; bands: number; free: () => void }>();

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => {
      resolve();
    };
    s.onerror = () => {
      reject(new Error(`cannot load ${src}`));
    };
    document.head.append(s);
  });
}

/**
 * Load OpenCV.js. Resolves to a box around it: its runtime object has a `then` that hands back
 * itself, so resolving a promise with it directly would chase that `then` for ever.
 */
async function loadOpenCv(): Promise<{ cv: Cv }> {
  await loadScript(OPENCV_SCRIPT);
  // The UMD build sets window.cv; its runtime is ready once its bindings are.
  const t0 = performance.now();
  for (;;) {
    const c = (window as unknown as { cv?: Partial<Cv> }).cv;
    if (typeof c?.Mat === 'function' && typeof c.medianBlur === 'function') return { cv: c as Cv };
    if (performance.now() - t0 > 120_000) throw new Error('OpenCV.js did not start within 120 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function loadVips(): Promise<Vips> {
  const mod = (await import(/* @vite-ignore */ new URL(VIPS_MODULE, location.href).href)) as { default: VipsFactory };
  // No HEIF or JPEG XL side modules: only pixels in memory are filtered here.
  const v = await mod.default({ dynamicLibraries: [] });
  v.concurrency(1); // one core, as the figures; its threads then hand work to one worker
  v.Cache.max(0); // repeats must compute, not find the previous result in the operation cache
  return v;
}

/** Start both libraries; resolves to what each is (versions, and OpenCV's SIMD and threading). */
async function start(): Promise<{ opencv: string; vips: string }> {
  // One after the other, so each start-up has the cores to itself.
  cv = (await loadOpenCv()).cv;
  vips = await loadVips();
  const info = cv.getBuildInformation();
  const line = (key: string): string => (new RegExp(`^[ \\t]*${key}:[ \\t]*(.*)$`, 'm').exec(info)?.[1] ?? '?').trim();
  return {
    opencv: `${line('Version control')}, baseline CPU features: ${line('Baseline') || 'none'}, parallel framework: ${line('Parallel framework')}`,
    vips: `libvips ${vips.version()}, concurrency ${String(vips.concurrency())}`,
  };
}

function freeAll(): void {
  for (const mats of cvScratch.values()) for (const m of mats) m.delete();
  cvScratch.clear();
  for (const o of lastOutput.values()) o.free();
  lastOutput.clear();
  cvSource?.delete();
  cvSource = null;
  vipsSource?.delete();
  vipsSource = null;
}

/**
 * Paint the photo (as the harness's sample, seed 7) and put it into each library's image type,
 * untimed. Resolves to the SHA-256 of the pixels, for the bench to check against the harness's.
 */
async function load(width: number, height: number): Promise<string> {
  if (!cv || !vips) throw new Error('start the libraries first');
  freeAll();
  const pixels = new Uint8Array(width * height * 4);
  paintSample(width, height, pixels);
  image = { width, height, pixels };
  cvSource = new cv.Mat(height, width, cv.CV_8UC4);
  cvSource.data.set(pixels);
  const wrapped = vips.Image.newFromMemory(pixels, width, height, 4, 'uchar');
  const tagged = wrapped.copy({ interpretation: 'srgb' });
  vipsSource = tagged.copyMemory(); // a plain memory image: no pipeline in front of the timed call
  tagged.delete();
  wrapped.delete();
  return sha256Hex(pixels);
}

function mats(key: string, n: number): Mat[] {
  const c = cv;
  if (!c) throw new Error('OpenCV.js is not started');
  let m = cvScratch.get(key);
  if (!m) cvScratch.set(key, (m = Array.from({ length: n }, () => new c.Mat())));
  return m;
}

/** Run OpenCV's operation once: the output Mat (reused between runs). */
function runOpenCv(c: Cv, src: Mat, op: Extract<PeerOp, { lib: 'opencv' }>): Mat {
  const key = JSON.stringify(op);
  switch (op.op) {
    case 'medianBlur': {
      const [dst] = mats(key, 1) as [Mat];
      c.medianBlur(src, dst, op.ksize);
      return dst;
    }
    case 'GaussianBlur': {
      const [dst] = mats(key, 1) as [Mat];
      c.GaussianBlur(src, dst, new c.Size(0, 0), op.sigma);
      return dst;
    }
    case 'unsharp': {
      const [blurred, dst] = mats(key, 2) as [Mat, Mat];
      c.GaussianBlur(src, blurred, new c.Size(0, 0), op.sigma);
      c.addWeighted(src, 1 + op.amount, blurred, -op.amount, 0, dst);
      return dst;
    }
    case 'sobel': {
      const [grey, gx, gy, mag, dst] = mats(key, 5) as [Mat, Mat, Mat, Mat, Mat];
      c.cvtColor(src, grey, c.COLOR_RGBA2GRAY);
      c.Sobel(grey, gx, c.CV_32F, 1, 0);
      c.Sobel(grey, gy, c.CV_32F, 0, 1);
      c.magnitude(gx, gy, mag);
      mag.convertTo(dst, c.CV_8U);
      return dst;
    }
    case 'bitwise_not': {
      const [dst] = mats(key, 1) as [Mat];
      c.bitwise_not(src, dst);
      return dst;
    }
    case 'grey': {
      const [dst] = mats(key, 1) as [Mat];
      c.cvtColor(src, dst, c.COLOR_RGBA2GRAY);
      return dst;
    }
    case 'convertTo': {
      const [dst] = mats(key, 1) as [Mat];
      src.convertTo(dst, -1, op.alpha, op.beta);
      return dst;
    }
    case 'transform': {
      let m = cvScratch.get(key);
      if (!m) cvScratch.set(key, (m = [c.matFromArray(4, 4, c.CV_32F, op.matrix), new c.Mat()]));
      const [matrix, dst] = m as [Mat, Mat];
      c.transform(src, dst, matrix);
      return dst;
    }
  }
}

/** vips' lazy pipeline for the operation; every image made on the way is listed in `made` to be freed. */
function vipsPipeline(v: Vips, src: VipsImage, op: Extract<PeerOp, { lib: 'vips' }>, made: VipsImage[]): VipsImage {
  const keep = (im: VipsImage): VipsImage => (made.push(im), im);
  switch (op.op) {
    case 'rank':
      return keep(src.rank(op.size, op.size, op.index));
    case 'gaussblur':
      return keep(src.gaussblur(op.sigma));
    case 'sobel':
      return keep(keep(keep(src.colourspace('b-w')).extractBand(0)).sobel());
    case 'invert':
      return keep(src.invert());
    case 'bw':
      return keep(src.colourspace('b-w'));
    case 'linear':
      return keep(src.linear([...op.a], [...op.b], { uchar: true }));
    case 'recomb': {
      const rows = [0, 1, 2, 3].map((r) => op.matrix.slice(4 * r, 4 * r + 4));
      const m = keep(v.Image.newFromArray(rows));
      return keep(keep(src.recomb(m)).cast('uchar'));
    }
  }
}

/**
 * One timed run of a peer's operation on the loaded photo: only the call (for vips, building the
 * pipeline and rendering it with copyMemory()) is inside the clock. The output is kept for `check`.
 */
function run(op: PeerOp): number {
  if (!cv || !vips || !cvSource || !vipsSource) throw new Error('load a photo first');
  lastOutput.get(op.lib)?.free();
  lastOutput.delete(op.lib);
  if (op.lib === 'opencv') {
    const c = cv,
      src = cvSource;
    const t0 = performance.now();
    const dst = runOpenCv(c, src, op);
    const ms = performance.now() - t0;
    lastOutput.set('opencv', { data: () => dst.data, width: dst.cols, height: dst.rows, bands: dst.channels(), free: () => undefined });
    return ms;
  }
  const v = vips,
    src = vipsSource;
  const made: VipsImage[] = [];
  const t0 = performance.now();
  const out = vipsPipeline(v, src, op, made).copyMemory();
  const ms = performance.now() - t0;
  for (const im of made) im.delete();
  lastOutput.set('vips', {
    data: () => out.writeToMemory(),
    width: out.width,
    height: out.height,
    bands: out.bands,
    free: () => {
      out.delete();
    },
  });
  return ms;
}

/** The last output of `lib` against Tilelab's pixels at `indices` (RGBA `reference`, 4 values a pixel). */
function check(lib: PeerLibrary, indices: number[], reference: number[]): PeerCheck {
  const o = lastOutput.get(lib);
  if (!o || !image) throw new Error(`no output of ${lib} to check`);
  return checkPeerOutput(o.data(), o, image, indices, reference);
}

const api = { start, load, run, check };
declare global {
  interface Window {
    peers: typeof api;
  }
}
window.peers = api;
document.body.dataset['ready'] = 'true';
