import type { ModelState, NamedArray } from './model-api.ts';
import type { AdamState } from './adam.ts';
import { PARAM_NAMES, type ParamName, type Params } from './model-params.ts';

/** Saving and restoring the trainable state (weights + Adam), checked against the model's shapes. */

/** Copies of the weights, keyed by parameter name. */
export function weightsSnapshot(params: Params, shapes: Record<ParamName, number[]>): Record<string, NamedArray> {
  return Object.fromEntries(PARAM_NAMES.map((k) => [k, { shape: [...shapes[k]], data: params[k].slice() }]));
}

/** A saved state's weights and optimizer state as fresh arrays; throws naming the first entry that does not fit. */
export function readState(state: ModelState, shapes: Record<ParamName, number[]>): { weights: Params } & AdamState {
  const take = (rec: Record<string, NamedArray>, key: string, shape: number[]): Float32Array => {
    const a = rec[key];
    if (!a) throw new Error(`model state lacks "${key}"`);
    if (a.shape.length !== shape.length || a.shape.some((d, i) => d !== shape[i]))
      throw new Error(`model state "${key}" has shape [${a.shape}], expected [${shape}]`);
    if (a.data.length !== shape.reduce((x, y) => x * y, 1))
      throw new Error(`model state "${key}" has ${a.data.length} values for shape [${shape}]`);
    return Float32Array.from(a.data);
  };
  if (!Number.isInteger(state.step) || state.step < 0) throw new Error(`model state has a bad step ${state.step}`);
  const weights = {} as Params;
  const m = {} as Params;
  const v = {} as Params;
  for (const name of PARAM_NAMES) {
    weights[name] = take(state.weights, name, shapes[name]);
    m[name] = take(state.optimizer, `${name}/m`, shapes[name]);
    v[name] = take(state.optimizer, `${name}/v`, shapes[name]);
  }
  return { weights, m, v, step: state.step };
}
