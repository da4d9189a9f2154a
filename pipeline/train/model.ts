import type { FastModel } from './fast-model.ts';
import type { CreateModelOptions } from './model-api.ts';
import { createParallelModel, trainWorkersFromEnv } from './model-parallel.ts';
import { createSingleThreadModel } from './model-single.ts';

/**
 * The transliteration network of the YerevaNN post, with a hand-written forward and backward pass. The parts:
 *   model-params.ts  parameter names, shapes, Keras initialisation
 *   model-net.ts     the network math (forward, loss, backpropagation; the cells' BPTT is model-cells.ts)
 *   adam.ts          the optimizer, on plain Float32Arrays
 *   model-state.ts   saving and restoring weights + optimizer state
 *   model-single.ts  the model on this thread, assembled from the above
 *   model-parallel.ts + model-worker.ts + shared-weights.ts   data-parallel training on worker threads
 */

export type { FastModel } from './fast-model.ts';

/**
 * The model for the training loop. Single-threaded by default; with `opts.workers` (or TRANSLIT_TRAIN_WORKERS) = n > 1
 * training steps are computed data-parallel on n worker threads (model-parallel.ts), equal up to float rounding.
 */
export async function createModel(opts: CreateModelOptions): Promise<FastModel> {
  const workers = opts.workers ?? trainWorkersFromEnv();
  return workers > 1 ? createParallelModel(opts, workers) : createSingleThreadModel(opts);
}
