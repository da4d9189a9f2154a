import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/**
 * Test fixtures: a random tf.layers model with the layer names of docs/CONTRACTS.md, saved in TensorFlow.js
 * format (model.json + weights.bin) exactly as tfjs's file handler lays it out.
 */
export interface FixtureOptions {
  cell: 'lstm' | 'gru' | 'rnn';
  inputSize: number;
  units: number;
  hidden: number;
  outputSize: number;
  recurrentActivation?: 'sigmoid' | 'hardSigmoid';
  seed: number;
}

export function buildModel(o: FixtureOptions): tf.LayersModel {
  const input = tf.input({ shape: [null, o.inputSize], name: 'onehot' });
  const rnnArgs = { units: o.units, returnSequences: true, name: 'rnn' };
  const rnn =
    o.cell === 'lstm'
      ? tf.layers.lstm({ ...rnnArgs, recurrentActivation: o.recurrentActivation ?? 'sigmoid' })
      : o.cell === 'gru'
        ? tf.layers.gru({ ...rnnArgs, recurrentActivation: o.recurrentActivation ?? 'sigmoid' })
        : tf.layers.simpleRNN(rnnArgs);
  const bi = tf.layers.bidirectional({ layer: rnn as unknown as tf.layers.RNN, mergeMode: 'concat', name: 'bi' }).apply(input);
  const hidden = tf.layers.dense({ units: o.hidden, activation: 'tanh', name: 'hidden' }).apply(bi);
  const concat = tf.layers.concatenate({ name: 'concat' }).apply([hidden as tf.SymbolicTensor, input]);
  const output = tf.layers.dense({ units: o.outputSize, activation: 'softmax', name: 'output' }).apply(concat);
  const model = tf.model({ inputs: input, outputs: output as tf.SymbolicTensor });
  // Random weights everywhere, biases included (the default initialisers zero them, which would hide bias bugs).
  let state = o.seed >>> 0 || 1;
  const rand = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  model.setWeights(
    model.getWeights().map((w) => {
      const data = new Float32Array(w.size).map(() => (rand() * 2 - 1) * 0.8);
      return tf.tensor(data, w.shape);
    }),
  );
  return model;
}

export async function saveModel(model: tf.LayersModel, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const data = a.weightData as ArrayBuffer;
      writeFileSync(join(dir, 'weights.bin'), new Uint8Array(data));
      const json = {
        modelTopology: a.modelTopology,
        format: 'layers-model',
        generatedBy: 'test',
        convertedBy: null,
        weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
      };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
}

export function oneHot(ids: Int32Array[], size: number): tf.Tensor3D {
  const T = ids[0].length;
  const data = new Float32Array(ids.length * T * size);
  ids.forEach((seq, b) => seq.forEach((id, t) => (data[(b * T + t) * size + id] = 1)));
  return tf.tensor3d(data, [ids.length, T, size]);
}
