import { expose } from 'comlink';
import { createDecodeApi } from '../src/engine/decode-api.js';

expose(createDecodeApi());
