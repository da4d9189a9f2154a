import * as tf from '@tensorflow/tfjs';
import { Rng } from '../lib/rng.ts';
import { initBackend } from './backend.ts';
import { glorotUniform, orthogonal } from './init.ts';
import { backward, forward, GATES, prepare, type CellKind } from './model-cells.ts';
import { buildLayersModel } from './model-layers.ts';
import type { Batch, CreateModelOptions, ModelState, NamedArray, TrainableModel } from './model-api.ts';

/**
 * The transliteration network of the YerevaNN post, trained with a hand-written forward and backward pass:
 *   one-hot x → BiRNN (forward + backward, `units` each) → concat → dense tanh (`hidden`) → concat with x → softmax.
 * The one-hot input's products with weight matrices are row gathers, all time steps' input projections are
 * computed before the recurrence, and the BPTT lives in model-cells.ts. Adam is ours too, so its moments are
 * plain tensors that getState/setState can capture exactly.
 *
 * Internally everything is time-major: row n = t·B + b.
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
type Params = Record<ParamName, tf.Tensor>;

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

interface ForwardResult {
  logits: tf.Tensor2D;
  /** What backprop needs (training only). */
  tape?: {
    fwd: ReturnType<typeof forward>;
    bwd: ReturnType<typeof forward>;
    prepF: ReturnType<typeof prepare>;
    prepB: ReturnType<typeof prepare>;
    hcat: tf.Tensor;
    a1: tf.Tensor2D;
    idsF: tf.Tensor1D;
    idsB: tf.Tensor1D;
  };
}

/** TrainableModel plus read-only views used by tests and the benchmark (not part of the loop's contract). */
export interface FastModel extends TrainableModel {
  /** Softmax probabilities, row-major [batch, time, output]. */
  probabilities(inputs: Int32Array, batch: number, time: number): Promise<Float32Array>;
  /** The gradients of the masked mean cross-entropy, without an update. */
  gradients(b: Batch): Promise<Record<ParamName, Float32Array>>;
}

export async function createModel(opts: CreateModelOptions): Promise<FastModel> {
  const backendName = await initBackend();
  const shapes: Shapes = {
    kind: opts.model.cell,
    inputSize: opts.inputSize,
    outputSize: opts.outputSize,
    units: opts.model.units,
    hidden: opts.model.hidden,
  };
  const { kind, inputSize, outputSize, units, hidden } = shapes;
  const pshapes = paramShapes(shapes);
  const init = initialParams(shapes, opts.seed);

  let params = {} as Params;
  let m = {} as Params;
  let v = {} as Params;
  let step = 0;
  for (const name of PARAM_NAMES) {
    params[name] = tf.keep(tf.tensor(init[name].data, pshapes[name]));
    m[name] = tf.keep(tf.zeros(pshapes[name]));
    v[name] = tf.keep(tf.zeros(pshapes[name]));
  }
  const parameterCount = PARAM_NAMES.reduce((n, k) => n + params[k].size, 0);

  function runForward(ids: Int32Array, B: number, T: number, train: boolean): ForwardResult {
    const idsF = tf.tensor1d(timeMajor(ids, B, T), 'int32');
    const idsB = tf.tensor1d(timeMajor(ids, B, T, true), 'int32');
    const direction = (which: 'forward' | 'backward', idsDir: tf.Tensor1D) => {
      const W = params[`bi/${which}_rnn/kernel`] as tf.Tensor2D;
      const b = params[`bi/${which}_rnn/bias`];
      // One-hot · W is a row gather; all steps' input projections at once, before the recurrence.
      const xw = tf.gather(W, idsDir).add(b) as tf.Tensor2D;
      const xs = tf.split(xw, T, 0) as tf.Tensor2D[];
      const prep = prepare(kind, params[`bi/${which}_rnn/recurrent_kernel`] as tf.Tensor2D, train);
      return { pass: forward(kind, xs, prep, train), prep };
    };
    const f = direction('forward', idsF);
    const bw = direction('backward', idsB);
    const hF = tf.concat(f.pass.hs, 0);
    const hB = tf.concat([...bw.pass.hs].reverse(), 0);
    const hcat = tf.concat([hF, hB], 1);
    const a1 = tf.tanh(hcat.matMul(params['hidden/kernel'] as tf.Tensor2D).add(params['hidden/bias'])) as tf.Tensor2D;
    const [woTop, woBot] = tf.split(params['output/kernel'], [hidden, inputSize], 0) as tf.Tensor2D[];
    const logits = a1.matMul(woTop).add(tf.gather(woBot, idsF)).add(params['output/bias']) as tf.Tensor2D;
    if (!train) return { logits };
    return {
      logits,
      tape: { fwd: f.pass, bwd: bw.pass, prepF: f.prep, prepB: bw.prep, hcat, a1, idsF, idsB },
    };
  }

  /** Masked mean cross-entropy and its gradient w.r.t. the logits. */
  function lossAndGrad(logits: tf.Tensor2D, targets: tf.Tensor1D, mask: tf.Tensor1D) {
    const logp = tf.logSoftmax(logits);
    const y = tf.oneHot(targets, outputSize).toFloat();
    const denom = tf.maximum(mask.sum(), 1);
    const w = mask.div(denom).reshape([-1, 1]);
    const loss = logp.mul(y).sum(1).mul(mask).sum().neg().div(denom);
    const dlogits = tf.exp(logp).sub(y).mul(w) as tf.Tensor2D;
    return { loss, dlogits };
  }

  function gradients(r: ForwardResult, dlogits: tf.Tensor2D, B: number, T: number): Params {
    const tape = r.tape!;
    const g = {} as Params;
    const N = B * T;
    const x1hF = tf.oneHot(tape.idsF, inputSize).toFloat();
    g['output/kernel'] = tf.concat([tape.a1.matMul(dlogits, true, false), x1hF.matMul(dlogits, true, false)], 0);
    g['output/bias'] = dlogits.sum(0);
    const woTop = params['output/kernel'].slice([0, 0], [hidden, outputSize]) as tf.Tensor2D;
    const dA1 = dlogits.matMul(woTop, false, true);
    const dZ1 = dA1.mul(tf.scalar(1).sub(tape.a1.square())) as tf.Tensor2D;
    g['hidden/kernel'] = tape.hcat.matMul(dZ1, true, false);
    g['hidden/bias'] = dZ1.sum(0);
    const dHcat = dZ1.matMul(params['hidden/kernel'] as tf.Tensor2D, false, true);
    const [dHF, dHB] = tf.split(dHcat, 2, 1) as tf.Tensor2D[];
    const dir = (which: 'forward' | 'backward', dH: tf.Tensor2D, ids: tf.Tensor1D) => {
      let dhs = tf.split(dH, T, 0) as tf.Tensor2D[];
      if (which === 'backward') dhs = dhs.reverse();
      const pass = which === 'forward' ? tape.fwd : tape.bwd;
      const prep = which === 'forward' ? tape.prepF : tape.prepB;
      const { dxw, dU } = backward(kind, pass, dhs, prep);
      const x1h = which === 'forward' ? x1hF : tf.oneHot(ids, inputSize).toFloat();
      g[`bi/${which}_rnn/kernel`] = x1h.matMul(dxw, true, false);
      g[`bi/${which}_rnn/recurrent_kernel`] = dU;
      g[`bi/${which}_rnn/bias`] = dxw.sum(0);
    };
    dir('forward', dHF, tape.idsF);
    dir('backward', dHB, tape.idsB);
    void N;
    return g;
  }

  function adam(g: Params): void {
    step += 1;
    const lr = opts.learningRate;
    const c1 = 1 - BETA1 ** step;
    const c2 = 1 - BETA2 ** step;
    const next = tf.tidy(() => {
      const out: Record<string, tf.Tensor> = {};
      for (const name of PARAM_NAMES) {
        const mN = m[name].mul(BETA1).add(g[name].mul(1 - BETA1));
        const vN = v[name].mul(BETA2).add(g[name].square().mul(1 - BETA2));
        const upd = mN.div(c1).div(vN.div(c2).sqrt().add(EPSILON)).mul(lr);
        out[`p:${name}`] = params[name].sub(upd);
        out[`m:${name}`] = mN;
        out[`v:${name}`] = vN;
      }
      return out;
    });
    for (const name of PARAM_NAMES) {
      params[name].dispose();
      m[name].dispose();
      v[name].dispose();
      params[name] = next[`p:${name}`];
      m[name] = next[`m:${name}`];
      v[name] = next[`v:${name}`];
    }
  }

  function batchTensors(b: Batch) {
    const n = b.batch * b.time;
    checkIds(b.inputs, n, inputSize, 'inputs');
    checkIds(b.targets, n, outputSize, 'targets');
    if (b.mask.length !== n) throw new Error(`mask: expected ${n} values, got ${b.mask.length}`);
    const maskT = new Float32Array(n);
    for (let i = 0; i < b.batch; i++) for (let t = 0; t < b.time; t++) maskT[t * b.batch + i] = b.mask[i * b.time + t];
    return {
      targets: tf.tensor1d(timeMajor(b.targets, b.batch, b.time), 'int32'),
      mask: tf.tensor1d(maskT),
    };
  }

  let disposed = false;
  const alive = () => {
    if (disposed) throw new Error('model was disposed');
  };

  const model: FastModel = {
    backend: backendName,
    parameterCount,

    async trainStep(b: Batch): Promise<number> {
      alive();
      const { lossT, grads } = tf.tidy(() => {
        const { targets, mask } = batchTensors(b);
        const r = runForward(b.inputs, b.batch, b.time, true);
        const { loss, dlogits } = lossAndGrad(r.logits, targets, mask);
        return { lossT: loss, grads: gradients(r, dlogits, b.batch, b.time) };
      });
      adam(grads);
      for (const name of PARAM_NAMES) grads[name].dispose();
      const loss = (await lossT.data())[0];
      lossT.dispose();
      return loss;
    },

    async evaluate(b: Batch) {
      alive();
      const [lossT, correctT, countT] = tf.tidy(() => {
        const { targets, mask } = batchTensors(b);
        const { logits } = runForward(b.inputs, b.batch, b.time, false);
        const { loss } = lossAndGrad(logits, targets, mask);
        const hit = tf.equal(logits.argMax(1), targets).toFloat().mul(mask).sum();
        return [loss, hit, mask.sum()];
      });
      const [loss, correct, count] = await Promise.all([lossT.data(), correctT.data(), countT.data()]);
      tf.dispose([lossT, correctT, countT]);
      return { loss: loss[0], correct: Math.round(correct[0]), count: Math.round(count[0]) };
    },

    async predictIds(inputs: Int32Array, batch: number, time: number): Promise<Int32Array> {
      alive();
      checkIds(inputs, batch * time, inputSize, 'inputs');
      const idsT = tf.tidy(() => runForward(inputs, batch, time, false).logits.argMax(1));
      const tm = (await idsT.data()) as Int32Array;
      idsT.dispose();
      const out = new Int32Array(batch * time);
      for (let b = 0; b < batch; b++) for (let t = 0; t < time; t++) out[b * time + t] = tm[t * batch + b];
      return out;
    },

    async probabilities(inputs: Int32Array, batch: number, time: number): Promise<Float32Array> {
      alive();
      checkIds(inputs, batch * time, inputSize, 'inputs');
      const p = tf.tidy(() =>
        tf
          .softmax(runForward(inputs, batch, time, false).logits)
          .reshape([time, batch, outputSize])
          .transpose([1, 0, 2]),
      );
      const out = (await p.data()) as Float32Array;
      p.dispose();
      return out;
    },

    async gradients(b: Batch): Promise<Record<ParamName, Float32Array>> {
      alive();
      const grads = tf.tidy(() => {
        const { targets, mask } = batchTensors(b);
        const r = runForward(b.inputs, b.batch, b.time, true);
        return gradients(r, lossAndGrad(r.logits, targets, mask).dlogits, b.batch, b.time);
      });
      const out = {} as Record<ParamName, Float32Array>;
      for (const name of PARAM_NAMES) out[name] = (await grads[name].data()) as Float32Array;
      tf.dispose(Object.values(grads));
      return out;
    },

    async getState(): Promise<ModelState> {
      alive();
      const weights: Record<string, NamedArray> = {};
      const optimizer: Record<string, NamedArray> = {};
      for (const name of PARAM_NAMES) {
        weights[name] = { shape: [...pshapes[name]], data: Float32Array.from(await params[name].data()) };
        optimizer[`${name}/m`] = { shape: [...pshapes[name]], data: Float32Array.from(await m[name].data()) };
        optimizer[`${name}/v`] = { shape: [...pshapes[name]], data: Float32Array.from(await v[name].data()) };
      }
      return { step, weights, optimizer };
    },

    setState(state: ModelState): void {
      alive();
      const take = (rec: Record<string, NamedArray>, key: string, shape: number[]): tf.Tensor => {
        const a = rec[key];
        if (!a) throw new Error(`model state lacks "${key}"`);
        if (a.shape.length !== shape.length || a.shape.some((d, i) => d !== shape[i]))
          throw new Error(`model state "${key}" has shape [${a.shape}], expected [${shape}]`);
        if (a.data.length !== shape.reduce((x, y) => x * y, 1))
          throw new Error(`model state "${key}" has ${a.data.length} values for shape [${shape}]`);
        return tf.keep(tf.tensor(a.data, shape));
      };
      const np = {} as Params;
      const nm = {} as Params;
      const nv = {} as Params;
      for (const name of PARAM_NAMES) {
        np[name] = take(state.weights, name, pshapes[name]);
        nm[name] = take(state.optimizer, `${name}/m`, pshapes[name]);
        nv[name] = take(state.optimizer, `${name}/v`, pshapes[name]);
      }
      for (const name of PARAM_NAMES) tf.dispose([params[name], m[name], v[name]]);
      params = np;
      m = nm;
      v = nv;
      step = state.step;
    },

    toLayersModel(): tf.LayersModel {
      alive();
      return buildLayersModel(shapes, params);
    },

    dispose(): void {
      if (disposed) return;
      disposed = true;
      for (const name of PARAM_NAMES) tf.dispose([params[name], m[name], v[name]]);
    },
  };
  return model;
}
