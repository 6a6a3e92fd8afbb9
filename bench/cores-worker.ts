/**
 * One lane of `npm run bench:cores`: the app's claim loop (`claimTiles`, src/core/run-tables.ts)
 * and kernels on the shared planes, once per `go`. Loaded through `ts-worker.mjs`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { wholeImageView } from '../src/core/kernels/view.js';
import { claimTiles, createRunTables } from '../src/core/run-tables.js';
import { Scratch } from '../src/core/scratch.js';
import { sharedNow } from '../src/engine/clock.js';
import { CORES_REGISTRY } from './cores-plan.js';
import type { CoresWorkerData, FromLane, ToLane } from './cores-protocol.js';

const port = parentPort;
if (!port) throw new Error('cores-worker runs in a worker thread');
const { setup } = workerData as CoresWorkerData;
const view = wholeImageView(setup.width, setup.height, new Uint8Array(setup.src), new Uint8Array(setup.dst));
const tables = createRunTables(setup.tables, setup.tiles);
// One scratch for every run of this thread, as in a page's filter worker.
const scratch = new Scratch();
const send = (m: FromLane): void => port.postMessage(m);

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
    });
    send({ kind: 'done', lane: setup.lane, tiles });
  } catch (e) {
    send({ kind: 'failed', lane: setup.lane, message: e instanceof Error ? e.message : String(e) });
  }
});
send({ kind: 'ready', lane: setup.lane });
