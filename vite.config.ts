import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { paintIcon } from './src/pwa/icons.js';
import { encodePng } from './src/pwa/png.js';
import { buildKernels, kernelSources } from './scripts/wasm-kernels.mjs';

/** Cross-origin isolation: without these SharedArrayBuffer is unavailable. */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * No inline or evaluated script, nothing from other origins. Styles may be inline: Lit binds
 * style attributes. Images from data: and blob: URLs are the app's own (chart export, downloads).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // Compiling WebAssembly, and nothing wider: no eval of JavaScript.
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** The policy goes into the built page only: the dev server needs its own client and socket. */
const contentSecurityPolicy = (): Plugin => ({
  name: 'tilelab-csp',
  apply: 'build',
  transformIndexHtml: (html) =>
    html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
});

const KERNELS_ID = 'virtual:tilelab-kernels';

/**
 * The WebAssembly SIMD kernels, compiled from assembly/ (cached by source hash) and inlined as
 * base64 into the chunk that loads them: no .wasm file to serve with the right type or to
 * precache, so they load from any static host and offline. Dev, build and Vitest all use it.
 */
export const wasmKernels = (): Plugin => ({
  name: 'tilelab-kernels',
  resolveId: (id) => (id === KERNELS_ID ? `\0${KERNELS_ID}` : null),
  async load(id) {
    if (id !== `\0${KERNELS_ID}`) return null;
    for (const f of kernelSources()) this.addWatchFile(resolve(f));
    const k = await buildKernels();
    return `export const KERNELS_BASE64 = ${JSON.stringify(Buffer.from(k.bytes).toString('base64'))};\nexport const KERNELS_HASH = ${JSON.stringify(k.hash)};\n`;
  },
});

const ICONS = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
] as const;

/** The app icons, painted by code and written into the build: no binary files in the repository. */
const appIcons = (): Plugin => ({
  name: 'tilelab-icons',
  apply: 'build',
  generateBundle() {
    for (const i of ICONS) this.emitFile({ type: 'asset', fileName: i.file, source: encodePng(i.size, i.size, paintIcon(i)) });
  },
});

export default defineConfig({
  plugins: [
    wasmKernels(),
    contentSecurityPolicy(),
    appIcons(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/pwa',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Source maps are not built; should one appear, users must not download it for offline use.
        globIgnores: ['**/*.map'],
        rollupFormat: 'iife',
      },
      manifest: {
        name: 'Tilelab — concurrency vs parallelism',
        short_name: 'Tilelab',
        description: 'See concurrency and parallelism by filtering your own photos in tiles.',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1d4ed8',
        icons: ICONS.map((i) => ({
          src: i.file,
          sizes: `${i.size}x${i.size}`,
          type: 'image/png',
          ...(i.maskable ? { purpose: 'maskable' } : {}),
        })),
      },
      devOptions: { enabled: false },
    }),
  ],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  // No source maps in dist/: the app ships as it runs, and the sources are public in the repository.
  build: { target: 'es2022', sourcemap: false },
  optimizeDeps: { include: ['lit', 'lit/decorators.js', 'comlink'] },
});
