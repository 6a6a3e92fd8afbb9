/** The compiled kernels, inlined by the Vite plugin in vite.config.ts (built from assembly/ on demand). */
declare module 'virtual:tilelab-kernels' {
  /** The module's bytes, base64: no separate file to serve, precache or give a MIME type. */
  export const KERNELS_BASE64: string;
  /** Hash of the compiler, flags and sources the module was built from. */
  export const KERNELS_HASH: string;
}
