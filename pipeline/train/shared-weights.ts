import { PARAM_NAMES, type ParamName, type Params } from './model-params.ts';

/**
 * Weights in shared memory for the data-parallel workers (model-parallel.ts): the parent moves its weights into
 * SharedArrayBuffers once, the workers adopt those very arrays, and every update the parent writes in place is
 * what the workers read on their next step, with no copy sent.
 */

/** Move every weight array into a SharedArrayBuffer (in place in `params`; a no-op for those already shared). */
export function moveToSharedMemory(params: Params): Params {
  for (const name of PARAM_NAMES)
    if (!(params[name].buffer instanceof SharedArrayBuffer)) {
      const shared = new Float32Array(new SharedArrayBuffer(params[name].byteLength));
      shared.set(params[name]);
      params[name] = shared;
    }
  return params;
}

/** Another thread's weight arrays as this model's parameters, without copying; checked against the sizes. */
export function adoptedWeights(weights: Record<string, Float32Array>, sizes: Record<ParamName, number>): Params {
  for (const name of PARAM_NAMES)
    if (weights[name]?.length !== sizes[name]) throw new Error(`weights "${name}" are missing or have the wrong size`);
  return Object.fromEntries(PARAM_NAMES.map((name) => [name, weights[name]])) as Params;
}
