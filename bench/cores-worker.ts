/**
 * One lane of `npm run bench:cores`: the app's claim loop (`claimTiles`, src/core/run-tables.ts)
 * and kernels on the shared planes, once per `go`. Loaded through `ts-worker.mjs`.
 *
 * With the WebAssembly SIMD kernels, the worker instantiates the compiled module once, at start-up,
 * on the shared memory that holds the planes, and filters each tile in place through its own
 * lane's scratch, as the app's filter workers do (src/engine/filter-worker-api.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { jsKernels, type TileKernel } from '../src/core/kernels/index.js';
import { wholeImageView } from '../src/core/kernels/view.js';
import { claimTiles, createRunTables } from '../src/core/run-tables.js';
import { Scratch } from '../src/core/scratch.js';
import { sharedNow } from '../src/engine/clock.js';
import { kernelExports } from '../src/engine/simd/exports.js';
import { WasmKernels } from '../src/engine/simd/kernels.js';
import { laneOf } from '../src/engine/simd/memory.js';
import { CORES_REGISTRY } from './cores-plan.js';
import type { CoresWorkerData, FromLane, ToLane } from './cores-protocol.js';

const port = parentPort;
if (!port) throw new Error('cores-worker runs in a worker thread');
const { setup } = workerData as CoresWorkerData;
const view = wholeImageView(setup.width, setup.height, setup.src, setup.dst);
const tables = createRunTables(setup.tables, setup.tiles);
// One scratch for every run of this thread, as in a page's filter worker.
const scratch = new Scratch();
const send = (m: FromLane): void => port.postMessage(m);
const wasm = setup.wasm;
const simd = wasm
  ? new WasmKernels(kernelExports(new WebAssembly.Instance(wasm.module, { env: { memory: wasm.memory } })), wasm.memory)
  : null;
const js = jsKernels(CORES_REGISTRY);

function kernelFor(m: ToLane): TileKernel {
  if (m.kernel === 'js') return js;
  if (!wasm || !simd) throw new Error('this worker has no WebAssembly kernels');
  const lane = laneOf({ ...wasm, laneBytes: m.laneBytes }, setup.lane);
  return simd.inPlace(wasm.src, wasm.dst, lane);
}

port.on('message', (m: ToLane) => {
  try {
    const tiles = claimTiles({
      view,
      tileSize: setup.tileSize,
      spec: m.spec,
      tables,
      lane: setup.lane,
      lanes: m.lanes,
      schedule: 'dynamic',
      region: null,
      scratch,
      now: sharedNow,
      registry: CORES_REGISTRY,
      kernel: kernelFor(m),
    });
    send({ kind: 'done', lane: setup.lane, tiles });
  } catch (e) {
    send({ kind: 'failed', lane: setup.lane, message: e instanceof Error ? e.message : String(e) });
  }
});
send({ kind: 'ready', lane: setup.lane });
