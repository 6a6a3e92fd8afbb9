import { expose } from 'comlink';
import { createFilterWorkerApi } from '../src/engine/filter-worker-api.js';

expose(createFilterWorkerApi());
