import { messageOf } from '../../core/errors.js';
import { FILTERS, makeSpec, type ParamDef } from '../../core/filters.js';
import { TILE_SIZES } from '../../core/tiling.js';
import { kernelExports } from './exports.js';
import { WasmKernels } from './kernels.js';

/** Whether this page can run the WebAssembly SIMD kernels, and why not when it cannot. */
export type SimdSupport =
  | { readonly ok: true; readonly module: WebAssembly.Module; readonly worstLaneBytes: number }
  | { readonly ok: false; readonly reason: string };

/** The smallest module with one SIMD instruction (i8x16.splat): validating it says whether the engine has SIMD. */
export const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** Base64 to bytes: the browser's own decoder where it has one, else a plain loop (a callback per byte cost 25 ms at start-up). */
export function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> }).fromBase64;
  if (native) return native(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The module's bytes, from the chunk the build inlined them into. */
export const loadKernelBytes = async (): Promise<Uint8Array<ArrayBuffer>> =>
  decodeBase64((await import('virtual:tilelab-kernels')).KERNELS_BASE64);

/**
 * Scratch a lane needs at worst: the largest tile, each filter at the top of every slider. Sizes a
 * photo's memory once, so a run never has to reserve more than the photo was given.
 */
export function worstLaneBytes(kernels: WasmKernels): number {
  const tile = Math.max(...TILE_SIZES);
  const top = (p: ParamDef): [string, number] => [p.name, p.max];
  return Math.max(...FILTERS.map((f) => kernels.laneBytes(makeSpec(f.kind, Object.fromEntries(f.params.map(top))), tile)));
}

/**
 * Detect and load the kernels: SIMD (by validating a probe: works under any security policy),
 * shared WebAssembly memory (needs a cross-origin isolated page), then compile. Any refusal,
 * a policy without 'wasm-unsafe-eval' included, is a reason the page shows; never a throw.
 */
export async function detectSimd(load: () => Promise<Uint8Array<ArrayBuffer>> = loadKernelBytes): Promise<SimdSupport> {
  if (typeof WebAssembly !== 'object') return { ok: false, reason: 'This browser has no WebAssembly.' };
  if (!WebAssembly.validate(SIMD_PROBE))
    return { ok: false, reason: 'This browser’s WebAssembly has no SIMD (Chrome 91, Firefox 89 and Safari 16.4 on have it).' };
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false || typeof SharedArrayBuffer !== 'function')
    return { ok: false, reason: 'The WebAssembly kernels share memory between threads, which needs a cross-origin isolated page.' };
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(await load());
  } catch (e) {
    return { ok: false, reason: `The browser refused to compile WebAssembly (${messageOf(e)}).` };
  }
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    const sizes = new WasmKernels(kernelExports(new WebAssembly.Instance(module, { env: { memory } })), memory);
    return { ok: true, module, worstLaneBytes: worstLaneBytes(sizes) };
  } catch (e) {
    return { ok: false, reason: `The WebAssembly kernels could not start (${messageOf(e)}).` };
  }
}

let detected: Promise<SimdSupport> | undefined;

/** `detectSimd` once per page. */
export const simdSupport = (): Promise<SimdSupport> => (detected ??= detectSimd());
