import * as tf from '@tensorflow/tfjs';
import { Rng } from '../lib/rng.ts';
import { initBackend } from './backend.ts';
import { glorotUniform, orthogonal } from './init.ts';
import { backward, disposeKernel, forward, GATES, prepareKernel, type CellKind, type ForwardPass } from './model-cells.ts';
import { buildLayersModel } from './model-layers.ts';
import type { Batch, CreateModelOptions, ModelState, NamedArray, TrainableModel } from './model-api.ts';

/**
 * The transliteration network of the YerevaNN post, trained with a hand-written forward and backward pass:
 *   one-hot x → BiRNN (forward + backward, `units` each) → concat → dense tanh (`hidden`) → concat with x → softmax.
 * The one-hot input's products with weight matrices are row gathers (and their gradients row scatters), all time
 * steps' input projections are computed before the recurrence, and the BPTT lives in model-cells.ts. Parameters
 * and Adam moments are plain Float32Arrays, updated in JS, so getState/setState capture them exactly.
 *
 * Internally everything is time-major: row n = t·B + b. The backward direction works on time-reversed copies
 * ("processing order") so that one cell implementation serves both directions.
 */

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
type Params = Record<ParamName, Float32Array>;

const BETA1 = 0.9;
const BETA2 = 0.999;
/** Keras/tfjs default. */
const EPSILON = 1e-7;

interface Shapes {
  kind: CellKind;
  inputSize: number;
  outputSize: number;
  units: number;
  hidden: number;
}

export function paramShapes(s: Shapes): Record<ParamName, number[]> {
  const gu = GATES[s.kind] * s.units;
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

/** [B, T] row-major → time-major [T·B], optionally with time reversed. */
function timeMajor(ids: Int32Array, B: number, T: number, reverse = false): Int32Array {
  const out = new Int32Array(B * T);
  for (let b = 0; b < B; b++)
    for (let t = 0; t < T; t++) out[(reverse ? T - 1 - t : t) * B + b] = ids[b * T + t];
  return out;
}

function checkIds(ids: Int32Array, n: number, limit: number, what: string): void {
  if (ids.length !== n) throw new Error(`${what}: expected ${n} ids, got ${ids.length}`);
  for (let i = 0; i < ids.length; i++)
    if (!(ids[i] >= 0 && ids[i] < limit)) throw new Error(`${what}: id ${ids[i]} at ${i} is outside [0, ${limit})`);
}

/** onehot(ids) · W + b as a row gather: [ids.length, cols]. Rows of (W + b) are copied whole (memcpy speed). */
function gatherRows(W: Float32Array, cols: number, ids: Int32Array, bias: Float32Array, rowOffset = 0): Float32Array {
  const rows = W.length / cols - rowOffset;
  const table = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < cols; j++) table[r * cols + j] = W[(rowOffset + r) * cols + j] + bias[j];
  const out = new Float32Array(ids.length * cols);
  for (let n = 0; n < ids.length; n++) out.set(table.subarray(ids[n] * cols, (ids[n] + 1) * cols), n * cols);
  return out;
}

/**
 * onehot(ids)ᵀ · D as a row scatter-add into `into` (rows offset by rowOffset), and D's column sums (the bias
 * gradient) added to `sums`, taken from the few accumulated rows rather than from all of D.
 */
function scatterRows(D: Float32Array, cols: number, ids: Int32Array, into: Float32Array, sums: Float32Array, rowOffset = 0) {
  const rows = into.length / cols - rowOffset;
  const acc = new Float64Array(rows * cols);
  for (let n = 0; n < ids.length; n++) {
    const dst = ids[n] * cols;
    const src = n * cols;
    for (let j = 0; j < cols; j++) acc[dst + j] += D[src + j];
  }
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < cols; j++) {
      into[(rowOffset + r) * cols + j] += acc[r * cols + j];
      sums[j] += acc[r * cols + j];
    }
}

/** TrainableModel plus read-only views used by tests and the benchmark (not part of the loop's contract). */
export interface FastModel extends TrainableModel {
  /** Threads that compute a training step (1, or the data-parallel worker count). */
  readonly trainWorkers: number;
  /** Softmax probabilities, row-major [batch, time, output]. */
  probabilities(inputs: Int32Array, batch: number, time: number): Promise<Float32Array>;
  /** The gradients of the masked mean cross-entropy, without an update. */
  gradients(b: Batch): Promise<Record<ParamName, Float32Array>>;
  /** Loss, number of masked-in steps and gradients of the batch, without an update (data-parallel workers). */
  lossAndGradients(b: Batch): Promise<{ loss: number; count: number; grads: Record<ParamName, Float32Array> }>;
  /** One Adam step on Σ weight · gradients over the parts (the data-parallel shards). */
  applyGradients(parts: readonly GradientPart[]): void;
  /**
   * Move the weights into SharedArrayBuffers (once) and return them: workers that adopt them read every update
   * without a copy. Updates and setState write them in place.
   */
  shareWeights(): Readonly<Record<ParamName, Float32Array>>;
  /** Use these arrays as the weights, without copying (a worker adopting the parent's shared weights). */
  adoptWeights(weights: Record<string, Float32Array>): void;
}

export interface GradientPart {
  weight: number;
  grads: Record<ParamName, Float32Array>;
}

interface Direction {
  ids: Int32Array;
  pass: ForwardPass;
  kernel: ReturnType<typeof prepareKernel>;
}

interface Forward {
  B: number;
  T: number;
  logits: tf.Tensor2D;
  fwd: Direction;
  bwd: Direction;
  hcat: tf.Tensor2D;
  a1: tf.Tensor2D;
}

/**
 * The model for the training loop. Single-threaded by default; with `opts.workers` (or TRANSLIT_TRAIN_WORKERS) = n > 1
 * training steps are computed data-parallel on n worker threads (model-parallel.ts), equal up to float rounding.
 */
export async function createModel(opts: CreateModelOptions): Promise<FastModel> {
  const { trainWorkersFromEnv, createParallelModel } = await import('./model-parallel.ts');
  const workers = opts.workers ?? trainWorkersFromEnv();
  return workers > 1 ? createParallelModel(opts, workers) : createSingleThreadModel(opts);
}

/** The model computed entirely on this thread. */
export async function createSingleThreadModel(opts: CreateModelOptions): Promise<FastModel> {
  const backendName = await initBackend();
  const shapes: Shapes = {
    kind: opts.model.cell,
    inputSize: opts.inputSize,
    outputSize: opts.outputSize,
    units: opts.model.units,
    hidden: opts.model.hidden,
  };
  const { kind, inputSize, outputSize, units: u, hidden } = shapes;
  const Gu = GATES[kind] * u;
  const pshapes = paramShapes(shapes);
  const init = initialParams(shapes, opts.seed);
  const size = (name: ParamName) => pshapes[name].reduce((a, b) => a * b, 1);

  let params = {} as Params;
  let m = {} as Params;
  let v = {} as Params;
  let step = 0;
  for (const name of PARAM_NAMES) {
    params[name] = init[name].data;
    m[name] = new Float32Array(size(name));
    v[name] = new Float32Array(size(name));
  }
  const parameterCount = PARAM_NAMES.reduce((n, k) => n + size(k), 0);

  /** Runs inside tf.tidy: the returned tensors are released by the caller's tidy. */
  function runForward(ids: Int32Array, B: number, T: number, train: boolean): Forward {
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
  function lossAndGrad(logits: tf.Tensor2D, b: Batch) {
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

  function gradients(f: Forward, dlogits: tf.Tensor2D): Params {
    const { B, T } = f;
    const N = B * T;
    const g = {} as Params;
    for (const name of PARAM_NAMES) g[name] = new Float32Array(size(name));
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

  let lr = opts.learningRate;
  /**
   * One Adam step on the weighted sum of gradient parts (the data-parallel step's shards are averaged inside this
   * loop rather than in a separate pass: one read of each shard, no temporary arrays).
   */
  function adam(parts: readonly GradientPart[]): void {
    if (parts.length > 2) {
      // Fold shards 2… into one, keeping the hot loop below to at most two inputs.
      const rest = {} as Params;
      for (const name of PARAM_NAMES) {
        const acc = new Float32Array(size(name));
        for (const p of parts.slice(1)) for (let i = 0; i < acc.length; i++) acc[i] += p.weight * p.grads[name][i];
        rest[name] = acc;
      }
      parts = [parts[0], { weight: 1, grads: rest }];
    }
    step += 1;
    const c1 = 1 - BETA1 ** step;
    const c2 = 1 - BETA2 ** step;
    const [a, b] = parts;
    const wa = a.weight;
    const wb = b ? b.weight : 0;
    // lr·m̂/(√v̂ + ε) with the bias corrections folded into two constants: one division per weight, not three.
    const stepSize = lr / c1;
    const vScale = 1 / c2;
    for (const name of PARAM_NAMES) {
      const w = params[name];
      const mm = m[name];
      const vv = v[name];
      const ga = a.grads[name];
      const gb = b ? b.grads[name] : ga;
      for (let i = 0; i < w.length; i++) {
        const g = wa * ga[i] + wb * gb[i];
        const mi = BETA1 * mm[i] + (1 - BETA1) * g;
        const vi = BETA2 * vv[i] + (1 - BETA2) * g * g;
        mm[i] = mi;
        vv[i] = vi;
        w[i] -= (stepSize * mi) / (Math.sqrt(vi * vScale) + EPSILON);
      }
    }
  }

  function checkBatch(b: Batch): void {
    const n = b.batch * b.time;
    checkIds(b.inputs, n, inputSize, 'inputs');
    checkIds(b.targets, n, outputSize, 'targets');
    if (b.mask.length !== n) throw new Error(`mask: expected ${n} values, got ${b.mask.length}`);
  }

  /**
   * Forward + backward in one tfjs scope. (Not tf.tidy: tidy walks its result looking for tensors, and walking the
   * gradients' typed arrays element by element cost ~0.4 s per step.)
   */
  function lossAndGradients(b: Batch): { loss: number; grads: Params } {
    checkBatch(b);
    let fw: Forward | null = null;
    tf.engine().startScope();
    try {
      fw = runForward(b.inputs, b.batch, b.time, true);
      const { loss, dlogits } = lossAndGrad(fw.logits, b);
      const grads = gradients(fw, dlogits());
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
  function scoped<R>(f: () => R): R {
    tf.engine().startScope();
    try {
      return f();
    } finally {
      tf.engine().endScope();
    }
  }

  let disposed = false;
  const alive = () => {
    if (disposed) throw new Error('model was disposed');
  };
  const copy = (rec: Params): Record<string, NamedArray> =>
    Object.fromEntries(PARAM_NAMES.map((k) => [k, { shape: [...pshapes[k]], data: rec[k].slice() }]));

  const model: FastModel = {
    backend: backendName,
    parameterCount,
    trainWorkers: 1,

    setLearningRate(next: number): void {
      lr = next;
    },

    async trainStep(b: Batch): Promise<number> {
      alive();
      const { loss, grads } = lossAndGradients(b);
      adam([{ weight: 1, grads }]);
      return loss;
    },

    async evaluate(b: Batch) {
      alive();
      checkBatch(b);
      const [loss, correct, count] = scoped(() => {
        const { logits } = runForward(b.inputs, b.batch, b.time, false);
        const { loss, targets, mask } = lossAndGrad(logits, b);
        const hit = tf.equal(logits.argMax(1), targets).toFloat().mul(mask).sum();
        return [loss.dataSync()[0], hit.dataSync()[0], mask.sum().dataSync()[0]];
      });
      return { loss, correct: Math.round(correct), count: Math.round(count) };
    },

    async predictIds(inputs: Int32Array, batch: number, time: number): Promise<Int32Array> {
      alive();
      checkIds(inputs, batch * time, inputSize, 'inputs');
      const tm = scoped(() => runForward(inputs, batch, time, false).logits.argMax(1).dataSync() as Int32Array);
      const out = new Int32Array(batch * time);
      for (let b = 0; b < batch; b++) for (let t = 0; t < time; t++) out[b * time + t] = tm[t * batch + b];
      return out;
    },

    async probabilities(inputs: Int32Array, batch: number, time: number): Promise<Float32Array> {
      alive();
      checkIds(inputs, batch * time, inputSize, 'inputs');
      return scoped(
        () =>
          tf
            .softmax(runForward(inputs, batch, time, false).logits)
            .reshape([time, batch, outputSize])
            .transpose([1, 0, 2])
            .dataSync() as Float32Array,
      );
    },

    async gradients(b: Batch): Promise<Record<ParamName, Float32Array>> {
      alive();
      return lossAndGradients(b).grads;
    },

    async lossAndGradients(b: Batch) {
      alive();
      const { loss, grads } = lossAndGradients(b);
      let count = 0;
      for (let i = 0; i < b.mask.length; i++) count += b.mask[i];
      return { loss, count, grads };
    },

    applyGradients(parts: readonly GradientPart[]): void {
      alive();
      if (parts.length === 0) throw new Error('applyGradients needs at least one gradient part');
      for (const p of parts)
        for (const name of PARAM_NAMES)
          if (p.grads[name]?.length !== size(name)) throw new Error(`gradient "${name}" is missing or has the wrong size`);
      adam(parts);
    },

    shareWeights() {
      alive();
      for (const name of PARAM_NAMES)
        if (!(params[name].buffer instanceof SharedArrayBuffer)) {
          const shared = new Float32Array(new SharedArrayBuffer(params[name].byteLength));
          shared.set(params[name]);
          params[name] = shared;
        }
      return params;
    },

    adoptWeights(weights: Record<string, Float32Array>): void {
      alive();
      for (const name of PARAM_NAMES)
        if (weights[name]?.length !== size(name)) throw new Error(`weights "${name}" are missing or have the wrong size`);
      params = Object.fromEntries(PARAM_NAMES.map((name) => [name, weights[name]])) as Params;
    },

    async getState(): Promise<ModelState> {
      alive();
      const optimizer: Record<string, NamedArray> = {};
      for (const name of PARAM_NAMES) {
        optimizer[`${name}/m`] = { shape: [...pshapes[name]], data: m[name].slice() };
        optimizer[`${name}/v`] = { shape: [...pshapes[name]], data: v[name].slice() };
      }
      return { step, weights: copy(params), optimizer };
    },

    setState(state: ModelState): void {
      alive();
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
      const np = {} as Params;
      const nm = {} as Params;
      const nv = {} as Params;
      for (const name of PARAM_NAMES) {
        np[name] = take(state.weights, name, pshapes[name]);
        nm[name] = take(state.optimizer, `${name}/m`, pshapes[name]);
        nv[name] = take(state.optimizer, `${name}/v`, pshapes[name]);
      }
      // In place: weights shared with data-parallel workers (shareWeights) stay shared.
      for (const name of PARAM_NAMES) params[name].set(np[name]);
      m = nm;
      v = nv;
      step = state.step;
    },

    toLayersModel(): tf.LayersModel {
      alive();
      const tensors = Object.fromEntries(PARAM_NAMES.map((k) => [k, tf.tensor(params[k], pshapes[k])]));
      try {
        return buildLayersModel(shapes, tensors);
      } finally {
        tf.dispose(Object.values(tensors));
      }
    },

    dispose(): void {
      disposed = true;
    },
  };
  return model;
}
