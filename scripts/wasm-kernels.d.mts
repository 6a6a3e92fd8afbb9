export const ASSEMBLY_DIR: string;
export const ASC_FLAGS: readonly string[];
export function kernelSources(): string[];
export function kernelsHash(): string;
export function buildKernels(): Promise<{ bytes: Uint8Array; hash: string; cached: boolean; ms: number }>;
