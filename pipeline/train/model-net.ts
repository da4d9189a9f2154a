import * as tf from '@tensorflow/tfjs';
import { GATES_PER_CELL } from '../lib/cell-layers.ts';
import { backward, disposeKernel, forward, prepareKernel, type ForwardPass } from './model-cells.ts';
import type { Batch } from './model-api.ts';
import { paramSizes, zeroParams, type Params, type Shapes } from './model-params.ts';
import { checkIds, gatherRows, scatterRows, timeMajor } from './one-hot-rows.ts';

/**
 * The network's math, forward and backward, as functions of the parameters:
 *   one-hot x → BiRNN (forward + backward, `units` each) → concat → dense tanh (`hidden`) → concat with x → softmax.
 * The one-hot input's products with weight matrices are row gathers (and their gradients row scatters), all time
 * steps' input projections are computed before the recurrence, and the BPTT lives in model-cells.ts.
 *
 * Internally everything is time-major: row n = t·B + b. The backward direction works on time-reversed copies
 * ("processing order") so that one cell implementation serves both directions.
 */

interface Direction {
  ids: Int32Array;
  pass: ForwardPass;
  kernel: ReturnType<typeof prepareKernel>;
}

export interface Forward {
  B: number;
  T: number;
  logits: tf.Tensor2D;
  fwd: Direction;
  bwd: Direction;
  hcat: tf.Tensor2D;
  a1: tf.Tensor2D;
}

/** Runs inside a tfjs scope: the returned tensors are released by the caller's scope. */
export function runForward(s: Shapes, params: Params, ids: Int32Array, B: number, T: number, train: boolean): Forward {
  const { kind, outputSize, units: u, hidden } = s;
  const Gu = GATES_PER_CELL[kind] * u;
  const dims = { S: T, B, u };
  const direction = (which: 'forward' | 'backward'): Direction => {
    const idsDir = timeMajor(ids, B, T, which === 'backward');
    const xw = gatherRows(params[`bi/${which}_rnn/kernel`], Gu, idsDir, params[`bi/${which}_rnn/bias`]);
    const kernel = prepareKernel(kind, params[`bi/${which}_rnn/recurrent_kernel`], u, train);
    try {
      return { ids: idsDir, pass: forward(kind, xw, dims, kernel), kernel };
    } catch (e) {
      disposeKernel(kernel);
      throw e;
    }
  };
  const fwd = direction('forward');
  const bwd = direction('backward');
  if (!train) {
    disposeKernel(fwd.kernel);
    disposeKernel(bwd.kernel);
  }
  // [fwd h_t, bwd h_t] per row t·B + b; the backward pass holds time t at processing step T−1−t.
  const N = B * T;
  const hcatData = new Float32Array(N * 2 * u);
  for (let t = 0; t < T; t++)
    for (let b = 0; b < B; b++) {
      const n = t * B + b;
      hcatData.set(fwd.pass.h.subarray(n * u, (n + 1) * u), n * 2 * u);
      const nb = (T - 1 - t) * B + b;
      hcatData.set(bwd.pass.h.subarray(nb * u, (nb + 1) * u), n * 2 * u + u);
    }
  const hcat = tf.tensor2d(hcatData, [N, 2 * u]);
  const Wh = tf.tensor2d(params['hidden/kernel'], [2 * u, hidden]);
  const a1 = tf.tanh(hcat.matMul(Wh).add(tf.tensor1d(params['hidden/bias']))) as tf.Tensor2D;
  const woTop = tf.tensor2d(params['output/kernel'].subarray(0, hidden * outputSize), [hidden, outputSize]);
  // The one-hot input's share of the output layer, plus its bias, as a row gather.
  const xo = gatherRows(params['output/kernel'], outputSize, fwd.ids, params['output/bias'], hidden);
  const logits = a1.matMul(woTop).add(tf.tensor2d(xo, [N, outputSize])) as tf.Tensor2D;
  return { B, T, logits, fwd, bwd, hcat, a1 };
}

/** Masked mean cross-entropy and its gradient w.r.t. the logits (time-major rows). */
export function lossAndGrad(outputSize: number, logits: tf.Tensor2D, b: Batch) {
  const n = b.batch * b.time;
  const maskT = new Float32Array(n);
  for (let i = 0; i < b.batch; i++) for (let t = 0; t < b.time; t++) maskT[t * b.batch + i] = b.mask[i * b.time + t];
  const targets = tf.tensor1d(timeMajor(b.targets, b.batch, b.time), 'int32');
  const mask = tf.tensor1d(maskT);
  const logp = tf.logSoftmax(logits);
  const y = tf.oneHot(targets, outputSize).toFloat();
  const denom = tf.maximum(mask.sum(), 1);
  const loss = logp.mul(y).sum(1).mul(mask).sum().neg().div(denom) as tf.Scalar;
  const dlogits = () => tf.exp(logp).sub(y).mul(mask.div(denom).reshape([-1, 1])) as tf.Tensor2D;
  return { loss, dlogits, targets, mask };
}

/** Backpropagation from dL/dlogits to every parameter's gradient. */
export function gradients(s: Shapes, params: Params, f: Forward, dlogits: tf.Tensor2D): Params {
  const { kind, outputSize, units: u, hidden } = s;
  const Gu = GATES_PER_CELL[kind] * u;
  const { B, T } = f;
  const N = B * T;
  const g = zeroParams(paramSizes(s));
  // Output layer: dense part by a product, one-hot part and bias by a scatter.
  g['output/kernel'].set(f.a1.matMul(dlogits, true, false).dataSync());
  scatterRows(dlogits.dataSync() as Float32Array, outputSize, f.fwd.ids, g['output/kernel'], g['output/bias'], hidden);
  const woTop = tf.tensor2d(params['output/kernel'].subarray(0, hidden * outputSize), [hidden, outputSize]);
  const dZ1 = dlogits.matMul(woTop, false, true).mul(tf.scalar(1).sub(f.a1.square())) as tf.Tensor2D;
  g['hidden/kernel'].set(f.hcat.matMul(dZ1, true, false).dataSync());
  g['hidden/bias'].set(dZ1.sum(0).dataSync());
  const Wh = tf.tensor2d(params['hidden/kernel'], [2 * u, hidden]);
  const dHcat = dZ1.matMul(Wh, false, true).dataSync() as Float32Array;
  // Split into each direction's dL/dh in its processing order.
  const dhF = new Float32Array(N * u);
  const dhB = new Float32Array(N * u);
  for (let t = 0; t < T; t++)
    for (let b = 0; b < B; b++) {
      const n = t * B + b;
      dhF.set(dHcat.subarray(n * 2 * u, n * 2 * u + u), n * u);
      dhB.set(dHcat.subarray(n * 2 * u + u, (n + 1) * 2 * u), ((T - 1 - t) * B + b) * u);
    }
  const dims = { S: T, B, u };
  for (const [which, dir, dh] of [
    ['forward', f.fwd, dhF],
    ['backward', f.bwd, dhB],
  ] as const) {
    const { dxw, dU } = backward(kind, dir.pass, dh, dims, dir.kernel);
    scatterRows(dxw, Gu, dir.ids, g[`bi/${which}_rnn/kernel`], g[`bi/${which}_rnn/bias`]);
    g[`bi/${which}_rnn/recurrent_kernel`].set(dU);
  }
  return g;
}

export function checkBatch(s: Shapes, b: Batch): void {
  const n = b.batch * b.time;
  checkIds(b.inputs, n, s.inputSize, 'inputs');
  checkIds(b.targets, n, s.outputSize, 'targets');
  if (b.mask.length !== n) throw new Error(`mask: expected ${n} values, got ${b.mask.length}`);
}

/**
 * Forward + backward in one tfjs scope. (Not tf.tidy: tidy walks its result looking for tensors, and walking the
 * gradients' typed arrays element by element cost ~0.4 s per step.)
 */
export function lossAndGradients(s: Shapes, params: Params, b: Batch): { loss: number; grads: Params } {
  checkBatch(s, b);
  let fw: Forward | null = null;
  tf.engine().startScope();
  try {
    fw = runForward(s, params, b.inputs, b.batch, b.time, true);
    const { loss, dlogits } = lossAndGrad(s.outputSize, fw.logits, b);
    const grads = gradients(s, params, fw, dlogits());
    return { loss: loss.dataSync()[0], grads };
  } finally {
    tf.engine().endScope();
    if (fw) {
      disposeKernel((fw as Forward).fwd.kernel);
      disposeKernel((fw as Forward).bwd.kernel);
    }
  }
}

/** Run `f` in a tfjs scope that releases every tensor it made; `f` returns plain data. */
export function scoped<R>(f: () => R): R {
  tf.engine().startScope();
  try {
    return f();
  } finally {
    tf.engine().endScope();
  }
}

