/**
 * Compiles the WebAssembly SIMD kernels (assembly/*.ts, AssemblyScript) with the compiler's own
 * JavaScript API, and keeps the output in node_modules/.cache by a hash of everything that decides
 * it (compiler version, flags, sources), so a rebuild with nothing changed takes milliseconds.
 * Used by `npm install` (prepare), the Vite plugin (dev, build, Vitest) and the benchmark; run
 * directly, it compiles and prints where the module went.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ASSEMBLY_DIR = join(ROOT, 'assembly');
const ENTRY = 'assembly/index.ts';
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'tilelab-kernels');

/**
 * One module for every thread: it imports the photo's shared memory (up to the 4 GiB wasm32 allows),
 * has no data segments or allocator (every buffer is a pointer the page hands in), and no
 * runtime; fixed-width SIMD only (relaxed SIMD is not deterministic).
 */
export const ASC_FLAGS = [
  '-O3',
  '--runtime',
  'stub',
  '--importMemory',
  '--sharedMemory',
  '--initialMemory',
  '1',
  '--maximumMemory',
  '65536',
  '--noExportMemory',
  '--enable',
  'simd,threads',
  '--disable',
  'relaxed-simd',
  '--noAssert',
  '--use',
  'abort=',
];

/** The kernel sources, sorted, as paths relative to the project. */
export function kernelSources() {
  return readdirSync(ASSEMBLY_DIR, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => join('assembly', f));
}

function compilerVersion() {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve('assemblyscript/package.json'), 'utf8')).version;
}

/** Hash of the compiler version, flags and every source: the cache key. */
export function kernelsHash() {
  const h = createHash('sha256');
  h.update(`asc ${compilerVersion()}\n${ASC_FLAGS.join(' ')}\n`);
  for (const f of kernelSources())
    h.update(`${f}\n`)
      .update(readFileSync(join(ROOT, f)))
      .update('\n');
  return h.digest('hex').slice(0, 16);
}

/**
 * The compiled kernels: `{ bytes, hash, cached, ms }`. Throws with the compiler's messages when
 * the sources do not compile.
 */
export async function buildKernels() {
  const t0 = performance.now();
  const hash = kernelsHash();
  const file = join(CACHE_DIR, `${hash}.wasm`);
  if (existsSync(file)) return { bytes: new Uint8Array(readFileSync(file)), hash, cached: true, ms: performance.now() - t0 };
  const asc = await import('assemblyscript/asc');
  const out = new Map();
  const { error, stderr } = await asc.main([ENTRY, ...ASC_FLAGS, '--outFile', 'kernels.wasm'], {
    readFile: (name, base) => {
      const p = resolve(ROOT, base ?? '', name);
      return existsSync(p) ? readFileSync(p, 'utf8') : null;
    },
    writeFile: (name, contents) => out.set(name, contents),
    listFiles: (dir, base) => {
      const p = resolve(ROOT, base ?? '', dir);
      return existsSync(p) ? readdirSync(p).filter((f) => f.endsWith('.ts')) : [];
    },
  });
  if (error) throw new Error(`The WebAssembly kernels did not compile:\n${stderr.toString()}`);
  const bytes = out.get('kernels.wasm');
  if (!(bytes instanceof Uint8Array)) throw new Error('The AssemblyScript compiler wrote no module.');
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(file, bytes);
  return { bytes, hash, cached: false, ms: performance.now() - t0 };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await buildKernels();
  const where = relative(ROOT, join(CACHE_DIR, `${r.hash}.wasm`));
  console.log(
    `WebAssembly kernels: ${r.bytes.length} bytes, ${r.cached ? 'from the cache' : `compiled in ${(r.ms / 1000).toFixed(1)} s`} (${where})`,
  );
}
