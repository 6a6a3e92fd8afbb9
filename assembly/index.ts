/**
 * Tilelab's WebAssembly SIMD kernels: one export per JavaScript kernel, giving exactly its bytes.
 * The calling convention is in view.ts; each `…Scratch` export says how many scratch bytes its
 * kernel needs for a tile of tw × th pixels. The module imports the photo's shared memory and
 * keeps nothing in it of its own: no data segments, no allocator, no state between calls.
 */
export { median, medianScratch } from './median';
export { blur, blurScratch, sharpen, sharpenScratch } from './blur';
export { sobel, sobelScratch } from './sobel';
export { matrix, transfer } from './point';

/** Test hook: the blur's rounding division on its own (tests/unit/wasm-exhaustive.test.ts). */
export { blurDivide } from './blur';
