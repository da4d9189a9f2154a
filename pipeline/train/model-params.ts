import { Rng } from '../lib/rng.ts';
import { GATES_PER_CELL, type CellKind } from '../lib/cell-layers.ts';
import { glorotUniform, orthogonal } from './init.ts';
import type { NamedArray } from './model-api.ts';

/** The network's parameters: their names, shapes and initial values. */

/** Parameter names = the tf.layers weight names (docs/CONTRACTS.md), so state files read like the saved model. */
export const PARAM_NAMES = [
  'bi/forward_rnn/kernel',
  'bi/forward_rnn/recurrent_kernel',
  'bi/forward_rnn/bias',
  'bi/backward_rnn/kernel',
  'bi/backward_rnn/recurrent_kernel',
  'bi/backward_rnn/bias',
  'hidden/kernel',
  'hidden/bias',
  'output/kernel',
  'output/bias',
] as const;
export type ParamName = (typeof PARAM_NAMES)[number];
export type Params = Record<ParamName, Float32Array>;

export interface Shapes {
  kind: CellKind;
  inputSize: number;
  outputSize: number;
  units: number;
  hidden: number;
}

export function paramShapes(s: Shapes): Record<ParamName, number[]> {
  const gu = GATES_PER_CELL[s.kind] * s.units;
  return {
    'bi/forward_rnn/kernel': [s.inputSize, gu],
    'bi/forward_rnn/recurrent_kernel': [s.units, gu],
    'bi/forward_rnn/bias': [gu],
    'bi/backward_rnn/kernel': [s.inputSize, gu],
    'bi/backward_rnn/recurrent_kernel': [s.units, gu],
    'bi/backward_rnn/bias': [gu],
    'hidden/kernel': [2 * s.units, s.hidden],
    'hidden/bias': [s.hidden],
    'output/kernel': [s.hidden + s.inputSize, s.outputSize],
    'output/bias': [s.outputSize],
  };
}

/** Number of values per parameter. */
export function paramSizes(s: Shapes): Record<ParamName, number> {
  const shapes = paramShapes(s);
  return Object.fromEntries(PARAM_NAMES.map((k) => [k, shapes[k].reduce((a, b) => a * b, 1)])) as Record<ParamName, number>;
}

/** Zero-filled arrays, one per parameter (gradients, optimizer moments). */
export function zeroParams(sizes: Record<ParamName, number>): Params {
  return Object.fromEntries(PARAM_NAMES.map((k) => [k, new Float32Array(sizes[k])])) as Params;
}

/** Keras's default initialisation, from a seeded stream per parameter. */
export function initialParams(s: Shapes, seed: number): Record<ParamName, NamedArray> {
  const rng = new Rng(seed, 'model-init');
  const shapes = paramShapes(s);
  const out = {} as Record<ParamName, NamedArray>;
  for (const name of PARAM_NAMES) {
    const shape = shapes[name];
    const r = rng.fork(`model-init/${name}`);
    let data: Float32Array;
    if (shape.length === 1) {
      data = new Float32Array(shape[0]);
      // LSTM forget-gate bias 1 (Keras unitForgetBias), so early gradients flow through the cell state.
      if (s.kind === 'lstm' && name.endsWith('_rnn/bias')) data.fill(1, s.units, 2 * s.units);
    } else if (name.endsWith('recurrent_kernel')) {
      data = orthogonal(r, shape[0], shape[1]);
    } else {
      data = glorotUniform(r, shape[0], shape[1]);
    }
    out[name] = { shape, data };
  }
  return out;
}
