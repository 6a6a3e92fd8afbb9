/**
 * How a tile is computed, whatever the mode: the JavaScript kernels, or the WebAssembly SIMD ones
 * (one instruction on 16 bytes at once). Both give the same bytes; only the time differs.
 */
export const KERNELS = {
  js: { label: 'JavaScript', short: 'JS', colour: '#2b6de0' },
  simd: { label: 'WebAssembly SIMD', short: 'SIMD', colour: '#8455ea' },
} as const satisfies Record<string, { readonly label: string; readonly short: string; readonly colour: string }>;

export type KernelChoice = keyof typeof KERNELS;

export const KERNEL_CHOICES = Object.keys(KERNELS) as KernelChoice[];

export const isKernelChoice = (s: string): s is KernelChoice => s in KERNELS;
