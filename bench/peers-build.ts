/// <reference types="node" />
/**
 * Builds the peers' bench page (bench/peers.html) into the harness's output directory, so the
 * same preview server (with the isolation headers both libraries need for their threads) serves
 * both pages.
 *
 * Built with a config of its own, not the app's vite.config.ts: the app's config writes the app's
 * Content-Security-Policy into every page it builds, and the peers need 'unsafe-eval' (see
 * bench/peers.ts). The libraries are copied unchanged from node_modules beside the page rather than
 * bundled: wasm-vips starts its threads from its own module file and finds vips.wasm next to it by
 * `new URL(…, import.meta.url)`, which bundling into a chunk of this page would break; OpenCV.js
 * is a 10 MB UMD script with its WebAssembly inline, loaded by a script tag as it is meant to be.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build, type Plugin } from 'vite';
import { OPENCV_SCRIPT, VIPS_MODULE } from './peers-paths.js';

const require = createRequire(import.meta.url);

/** The library files the page loads, from their packages, at the paths bench/peers.ts asks for. */
const peerLibraries = (): Plugin => ({
  name: 'tilelab-bench-peers',
  apply: 'build',
  generateBundle() {
    // wasm-vips exports no package.json; its Node entry sits in lib/ beside the browser files.
    const vips = dirname(require.resolve('wasm-vips'));
    const files: [string, string][] = [
      [VIPS_MODULE, join(vips, 'vips-es6.js')],
      // Only the core module: the HEIF, JPEG XL and resvg side modules are not loaded (dynamicLibraries: []).
      [VIPS_MODULE.replace(/[^/]+$/, 'vips.wasm'), join(vips, 'vips.wasm')],
      [OPENCV_SCRIPT, require.resolve('@techstark/opencv-js')],
    ];
    for (const [to, from] of files) this.emitFile({ type: 'asset', fileName: to.replace(/^\//, ''), source: readFileSync(from) });
  },
});

/** Build bench/peers.html (served at /bench/peers.html) and the libraries into `outDir`, beside what is there. */
export async function buildPeersPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    plugins: [peerLibraries()],
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: false,
      // opencv.js is 10 MB and copied as it is: no warning about its size.
      chunkSizeWarningLimit: 20_000,
      rollupOptions: { input: 'bench/peers.html' },
    },
  });
}
