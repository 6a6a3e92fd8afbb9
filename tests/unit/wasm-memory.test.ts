import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createKernelMemory,
  KernelMemoryPool,
  laneOf,
  MAX_PAGES,
  placeLanes,
  planeLayout,
  planesIn,
  WASM_PAGE,
} from '../../src/engine/simd/memory.js';
import { decodeBase64, detectSimd, SIMD_PROBE } from '../../src/engine/simd/support.js';
import { kernelModule } from './wasm-fixture.js';
import { randomImage } from './reference.js';

describe("a photo's kernel memory", () => {
  it('puts the source at 0, the destination after it and the lanes from the next page', () => {
    expect(planeLayout(10, 3)).toEqual({ src: 0, dst: 128, scratch: WASM_PAGE });
    const big = planeLayout(4000, 3000);
    expect(big.dst).toBe(48_000_000);
    expect(big.scratch % WASM_PAGE).toBe(0);
    expect(big.scratch).toBeGreaterThanOrEqual(96_000_000);
  });

  it('holds the photo’s pixels in place, and grows for the lanes a run needs up to the maximum sized from the photo', () => {
    const { module } = kernelModule();
    const img = randomImage(50, 40, 7);
    const r = createKernelMemory(module, 50, 40, 3, 1 << 20);
    if (!r.ok) throw new Error(r.reason);
    const km = r.memory;
    expect(km.maxBytes).toBe(WASM_PAGE + 3 * (1 << 20));
    const planes = planesIn(km, 50, 40);
    planes.src.set(img.data);
    expect(planes.src.buffer).toBe(planes.dst.buffer);
    expect(planes.src).toEqual(img.data);
    const before = km.memory.buffer.byteLength;
    const p = placeLanes(km, 1 << 20);
    expect(km.memory.buffer.byteLength).toBeGreaterThan(before);
    expect(laneOf(p, 2)).toEqual({ base: km.scratch + 2 * (1 << 20), bytes: 1 << 20 });
    // The planes' views still see the pixels after the memory grew.
    expect(planes.src).toEqual(img.data);
    expect(() => placeLanes(km, 2 << 20)).toThrow(/more than the 3 MB reserved for this photo/);
  });

  it('refuses, saying the limit, a photo whose planes and lanes pass the 4 GiB WebAssembly can address', () => {
    const { module } = kernelModule();
    const r = createKernelMemory(module, 30_000, 20_000, 5, 16 << 20);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(/^WebAssembly can address 4 GiB: photos up to \d+ MP fit with their scratch; this one has 600 MP\.$/);
    const limit = Number(/up to (\d+) MP/.exec(r.reason)?.[1]);
    expect(limit * 1e6 * 8 + 5 * (16 << 20)).toBeLessThanOrEqual(MAX_PAGES * WASM_PAGE);
    expect((limit + 1) * 1e6 * 8 + 5 * (16 << 20)).toBeGreaterThan(MAX_PAGES * WASM_PAGE);
  });
});

describe('kernel memories handed from photo to photo', () => {
  const take = (pool: KernelMemoryPool, width: number, height: number, worst = 1 << 20) => {
    const r = pool.take(kernelModule().module, width, height, 3, worst);
    if (!r.ok) throw new Error(r.reason);
    return r.memory;
  };

  it('gives a photo the memory an earlier one gave back, laid out for its own size', () => {
    const pool = new KernelMemoryPool();
    const a = take(pool, 50, 40);
    expect(pool.created).toBe(1);
    pool.give(a);
    expect(pool.idle).toBe(1);
    const b = take(pool, 30, 20);
    expect(pool.created).toBe(1);
    expect(pool.idle).toBe(0);
    expect(b.memory).toBe(a.memory);
    expect(b.id).toBe(a.id);
    expect(b.kernels).toBe(a.kernels);
    expect({ src: b.src, dst: b.dst, scratch: b.scratch }).toEqual(planeLayout(30, 20));
    // The new photo's pixels go in and come out where its layout says.
    const img = randomImage(30, 20, 3);
    planesIn(b, 30, 20).src.set(img.data);
    expect(new Uint8Array(b.memory.buffer, b.src, img.data.length)).toEqual(img.data);
    expect(() => placeLanes(b, 1 << 20)).not.toThrow();
  });

  it('reserves a new memory while every one is taken, and when a photo is larger than any given back', () => {
    const pool = new KernelMemoryPool();
    const a = take(pool, 20, 20);
    const b = take(pool, 20, 20);
    expect(b.memory).not.toBe(a.memory);
    pool.give(a);
    pool.give(b);
    const big = take(pool, 400, 300);
    expect([a.memory, b.memory]).not.toContain(big.memory);
    expect(pool.created).toBe(3);
    expect(pool.idle).toBe(2);
  });

  it('grows a memory given back to hold a larger photo that fits its maximum', () => {
    const pool = new KernelMemoryPool();
    const a = take(pool, 20, 20, 4 << 20);
    pool.give(a);
    const before = a.memory.buffer.byteLength;
    const b = take(pool, 300, 200, 1 << 20);
    expect(b.memory).toBe(a.memory);
    expect(b.memory.buffer.byteLength).toBeGreaterThan(before);
    expect(b.memory.buffer.byteLength).toBeGreaterThanOrEqual(b.scratch);
  });

  it('takes a memory back once, however often it is given', () => {
    const pool = new KernelMemoryPool();
    const a = take(pool, 20, 20);
    pool.give(a);
    pool.give(a);
    expect(pool.idle).toBe(1);
  });
});

describe('detecting the WebAssembly SIMD kernels', () => {
  afterEach(() => vi.restoreAllMocks());

  it('loads here, where Node has SIMD', async () => {
    expect(WebAssembly.validate(SIMD_PROBE)).toBe(true);
    expect((await detectSimd()).ok).toBe(true);
  });

  it('says why when the engine has no SIMD', async () => {
    vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    expect(await detectSimd()).toEqual({ ok: false, reason: expect.stringContaining('has no SIMD') as unknown });
  });

  it('says why when compiling is refused, and never throws', async () => {
    vi.spyOn(WebAssembly, 'compile').mockRejectedValue(new WebAssembly.CompileError("'wasm-unsafe-eval' is not an allowed source"));
    const r = await detectSimd();
    expect(r).toEqual({ ok: false, reason: "The browser refused to compile WebAssembly ('wasm-unsafe-eval' is not an allowed source)." });
  });

  it('says why when the page is not cross-origin isolated', async () => {
    vi.stubGlobal('crossOriginIsolated', false);
    try {
      expect(await detectSimd()).toEqual({ ok: false, reason: expect.stringContaining('cross-origin isolated') as unknown });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('decodes the kernels’ base64 to the same bytes with and without the browser’s own decoder', () => {
    const bytes = new Uint8Array(4099).map((_, i) => (i * 151 + (i >> 3)) & 255);
    const b64 = Buffer.from(bytes).toString('base64');
    expect(decodeBase64(b64)).toEqual(bytes);
    const native = vi.fn((s: string) => new Uint8Array(Buffer.from(s, 'base64')));
    Object.defineProperty(Uint8Array, 'fromBase64', { value: native, configurable: true });
    try {
      expect(decodeBase64(b64)).toEqual(bytes);
      expect(native).toHaveBeenCalledWith(b64);
    } finally {
      Reflect.deleteProperty(Uint8Array, 'fromBase64');
    }
  });
});
