import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../pipeline/train/backend.ts';
import { createModel } from '../../pipeline/train/model.ts';
import { PARAM_NAMES } from '../../pipeline/train/model-params.ts';
import type { Batch } from '../../pipeline/train/model-api.ts';
import { Rng } from '../../pipeline/lib/rng.ts';

const IN = 6;
const OUT = 7;

function randomBatch(rng: Rng, batch: number, time: number): Batch {
  const inputs = new Int32Array(batch * time).map(() => rng.int(IN));
  const targets = new Int32Array(batch * time).map(() => rng.int(OUT));
  // Ragged sequences: the tail of some rows is padding.
  const mask = new Float32Array(batch * time);
  for (let b = 0; b < batch; b++) {
    const len = 1 + rng.int(time);
    for (let t = 0; t < len; t++) mask[b * time + t] = 1;
  }
  return { inputs, targets, mask, batch, time };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Reference loss through the tf.layers model, differentiated by tfjs autograd. */
function layersGradients(layers: tf.LayersModel, b: Batch): Map<string, Float32Array> {
  const x = tf.oneHot(tf.tensor2d(b.inputs, [b.batch, b.time], 'int32'), IN).toFloat();
  const y = tf.oneHot(tf.tensor2d(b.targets, [b.batch, b.time], 'int32'), OUT).toFloat();
  const mask = tf.tensor2d(b.mask, [b.batch, b.time]);
  const { grads } = tf.variableGrads(() => {
    const p = layers.apply(x) as tf.Tensor;
    const ll = tf.log(p).mul(y).sum(-1).mul(mask);
    return ll.sum().neg().div(mask.sum()) as tf.Scalar;
  });
  const out = new Map<string, Float32Array>();
  for (const w of layers.weights) {
    const varName = (w as unknown as { val: tf.Variable }).val.name;
    out.set(w.originalName, grads[varName].dataSync() as Float32Array);
  }
  tf.dispose([x, y, mask, ...Object.values(grads)]);
  return out;
}

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe.each(['lstm', 'gru', 'rnn'] as const)('%s model', (cell) => {
  const opts = { model: { cell, units: 5, hidden: 4 }, inputSize: IN, outputSize: OUT, seed: 7, learningRate: 0.01 };

  it('forward pass equals the tf.layers model, and gradients equal tfjs autograd on it', async () => {
    const model = await createModel(opts);
    const rng = new Rng(1, cell);
    // Train a little so the weights are not just the initialisation (biases non-zero etc.).
    for (let i = 0; i < 3; i++) await model.trainStep(randomBatch(rng, 4, 5));
    const b = randomBatch(rng, 3, 6);
    const layers = model.toLayersModel();
    expect(layers.layers.map((l) => l.name)).toEqual(['onehot', 'bi', 'hidden', 'concat', 'output']);
    const x = tf.oneHot(tf.tensor2d(b.inputs, [b.batch, b.time], 'int32'), IN).toFloat();
    const ref = (layers.predict(x) as tf.Tensor).dataSync();
    const mine = await model.probabilities(b.inputs, b.batch, b.time);
    expect(maxAbsDiff(mine, ref)).toBeLessThan(1e-5);

    const ids = await model.predictIds(b.inputs, b.batch, b.time);
    const refIds = (layers.predict(x) as tf.Tensor).argMax(-1).dataSync();
    expect(Array.from(ids)).toEqual(Array.from(refIds));

    const refGrads = layersGradients(layers, b);
    const grads = await model.gradients(b);
    for (const name of PARAM_NAMES) {
      const r = refGrads.get(name);
      expect(r, name).toBeDefined();
      const scale = Math.max(1e-3, ...Array.from(r!, Math.abs));
      expect(maxAbsDiff(grads[name], r!) / scale, name).toBeLessThan(1e-4);
    }
    // Saved in TensorFlow.js format and loaded back (as a browser would), it computes the same function.
    let artifacts: tf.io.ModelArtifacts | null = null;
    await layers.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    expect(loaded.layers.map((l) => l.name)).toEqual(['onehot', 'bi', 'hidden', 'concat', 'output']);
    expect(maxAbsDiff((loaded.predict(x) as tf.Tensor).dataSync(), ref)).toBeLessThan(1e-6);
    loaded.dispose();
    tf.dispose(x);
    layers.dispose();
    model.dispose();
  });

  it('getState/setState resume training exactly', async () => {
    const model = await createModel(opts);
    const rng = new Rng(2, cell);
    const batches = Array.from({ length: 6 }, () => randomBatch(rng, 4, 5));
    await model.trainStep(batches[0]);
    await model.trainStep(batches[1]);
    const state = await model.getState();
    expect(state.step).toBe(2);
    const first: number[] = [];
    for (const b of batches.slice(2)) first.push(await model.trainStep(b));
    model.setState(state);
    const again: number[] = [];
    for (const b of batches.slice(2)) again.push(await model.trainStep(b));
    expect(again).toEqual(first);
    // A fresh model restored from the state continues identically too.
    const other = await createModel({ ...opts, seed: 99 });
    other.setState(state);
    const third: number[] = [];
    for (const b of batches.slice(2)) third.push(await other.trainStep(b));
    expect(third).toEqual(first);
    model.dispose();
    other.dispose();
  });
});

describe('model', () => {
  it('is seeded: same seed, same initial state; different seed, different', async () => {
    const opts = { model: { cell: 'lstm' as const, units: 5, hidden: 4 }, inputSize: IN, outputSize: OUT, learningRate: 0.01 };
    const a = await (await createModel({ ...opts, seed: 3 })).getState();
    const b = await (await createModel({ ...opts, seed: 3 })).getState();
    const c = await (await createModel({ ...opts, seed: 4 })).getState();
    const k = 'bi/forward_rnn/recurrent_kernel';
    expect(Array.from(a.weights[k].data)).toEqual(Array.from(b.weights[k].data));
    expect(Array.from(a.weights[k].data)).not.toEqual(Array.from(c.weights[k].data));
    // LSTM forget-gate bias starts at 1, the other gates at 0.
    const bias = Array.from(a.weights['bi/forward_rnn/bias'].data);
    expect(bias).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, ...Array(10).fill(0)]);
  });

  it('learns: the loss on a fixed batch falls', async () => {
    const model = await createModel({
      model: { cell: 'lstm', units: 16, hidden: 16 },
      inputSize: IN,
      outputSize: OUT,
      seed: 1,
      learningRate: 0.02,
    });
    // Target = input id shifted by one step (needs the recurrence), so the task is learnable.
    const rng = new Rng(5);
    const b = randomBatch(rng, 8, 6);
    for (let i = 0; i < b.inputs.length; i++) b.targets[i] = i % 6 === 0 ? 0 : b.inputs[i - 1];
    const first = await model.trainStep(b);
    let last = first;
    for (let i = 0; i < 60; i++) last = await model.trainStep(b);
    expect(last).toBeLessThan(first * 0.5);
    model.dispose();
  });

  it('rejects ids outside the vocabulary', async () => {
    const model = await createModel({
      model: { cell: 'rnn', units: 3, hidden: 3 },
      inputSize: IN,
      outputSize: OUT,
      seed: 1,
      learningRate: 0.01,
    });
    await expect(model.predictIds(new Int32Array([0, IN]), 1, 2)).rejects.toThrow(/outside/);
    model.dispose();
  });
});
