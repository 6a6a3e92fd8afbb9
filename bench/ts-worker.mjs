/**
 * Entry of a worker thread that runs TypeScript. On Node 20, loader hooks given to a Worker by
 * `execArgv` (`--import tsx`) are not applied to it (nodejs/node#47747), so the worker registers
 * tsx itself and then imports the module named in `workerData.entry`. `tsx/esm/api` resolves from
 * this file, so it works whatever the current directory.
 */
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
