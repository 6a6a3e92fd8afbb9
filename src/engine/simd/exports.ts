/**
 * The WebAssembly kernels' exports (assembly/index.ts). Every kernel takes the same leading
 * arguments (see assembly/view.ts): where the source and destination pixels are, the image's
 * size, the tile and a scratch address; then its filter's parameters.
 */
type Lead = [
  src: number,
  sx: number,
  sy: number,
  sw: number,
  dst: number,
  dx: number,
  dy: number,
  dw: number,
  width: number,
  height: number,
  tx: number,
  ty: number,
  tw: number,
  th: number,
  scratch: number,
];

export interface KernelExports {
  median(...a: [...Lead, radius: number]): void;
  medianScratch(tw: number, th: number, radius: number): number;
  blur(...a: [...Lead, d: number]): void;
  blurScratch(tw: number, th: number, d: number): number;
  sharpen(...a: [...Lead, d: number, amount: number]): void;
  sharpenScratch(tw: number, th: number, d: number): number;
  sobel(...a: Lead): void;
  sobelScratch(tw: number, th: number): number;
  matrix(
    ...a: [
      ...Lead,
      m0: number,
      m1: number,
      m2: number,
      m3: number,
      m4: number,
      m5: number,
      m6: number,
      m7: number,
      m8: number,
      grey: number,
    ]
  ): void;
  transfer(...a: [...Lead, lut: number]): void;
}

/** The names every module must export, checked when it is instantiated. */
export const KERNEL_EXPORTS = [
  'median',
  'medianScratch',
  'blur',
  'blurScratch',
  'sharpen',
  'sharpenScratch',
  'sobel',
  'sobelScratch',
  'matrix',
  'transfer',
] as const satisfies readonly (keyof KernelExports)[];

/** The exports of `instance`, checked to be the kernels. */
export function kernelExports(instance: WebAssembly.Instance): KernelExports {
  const e = instance.exports;
  for (const name of KERNEL_EXPORTS) if (typeof e[name] !== 'function') throw new Error(`the WebAssembly kernels lack "${name}"`);
  return e as unknown as KernelExports;
}
