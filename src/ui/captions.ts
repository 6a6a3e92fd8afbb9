import type { Experiment } from '../core/experiments.js';

export interface ExperimentInfo {
  readonly label: string;
  readonly caption: string;
  readonly button: string;
}

export const EXPERIMENT_INFO: Record<Experiment, ExperimentInfo> = {
  cores: {
    label: 'How many cores?',
    button: 'Run “How many cores?”',
    caption:
      'More cashiers serve more customers at once, until every till is staffed: beyond the device’s cores, workers only take turns. The part of the job that cannot be shared out (Amdahl’s serial fraction) caps the speedup however many cashiers you hire.',
  },
  tiles: {
    label: 'Tile size',
    button: 'Run the tile-size sweep',
    caption:
      'Many small tiles mean many hand-overs, and each hand-over costs a little. A few huge tiles mean the last worker is still busy while the others stand idle with nothing left to take.',
  },
  schedule: {
    label: 'Static vs dynamic scheduling',
    button: 'Compare static and dynamic',
    caption:
      'Static: each worker gets a fixed block of tiles in advance, like cashiers each given one queue, so one busy queue keeps its cashier working while the others wait. Dynamic: whoever is free takes the next tile, so nobody idles while work remains. Here the filter runs only inside the spotlight (drag on the photo to move it), so some tiles cost far more than others.',
  },
  memory: {
    label: 'Shared memory vs messages',
    button: 'Compare shared memory and messages',
    caption:
      'With shared memory every worker looks at the same photo, so nothing is copied. With message passing each tile is copied to a worker and the result copied back, like photocopying a page for each helper.',
  },
  simd: {
    label: 'One core, many pixels (SIMD)',
    button: 'Run the SIMD comparison',
    caption:
      'SIMD is data parallelism: one instruction works on 16 bytes (four pixels, every channel) at once, so one core does the work of many on the same pixels; workers are task parallelism, more cores on different tiles. The two multiply, SIMD speed times the cores, until the memory cannot bring pixels any faster: the plain copy of the image shows that floor.',
  },
  race: {
    label: 'Race condition',
    button: 'Run the race',
    caption:
      'Two cashiers updating one tally at the same moment can both read 41 and both write 42: a sale is lost. Atomics.add makes read, add and write one indivisible step, so the total is always exact.',
  },
};
