import * as tf from '@tensorflow/tfjs';
import type { CellKind } from '../lib/cell-layers.ts';

/**
 * The trained function as a tf.layers model with the layer names of docs/CONTRACTS.md, so it can be saved in
 * TensorFlow.js format and loaded in a browser. Initialisers are 'zeros' (the weights are set right after), which
 * avoids tf.layers' orthogonal initializer, a QR in tfjs ops that takes minutes at this size.
 */
export function buildLayersModel(
  s: { kind: CellKind; inputSize: number; outputSize: number; units: number; hidden: number },
  params: Record<string, tf.Tensor>,
): tf.LayersModel {
  const common = {
    units: s.units,
    returnSequences: true,
    name: 'rnn',
    kernelInitializer: 'zeros',
    recurrentInitializer: 'zeros',
    biasInitializer: 'zeros',
  } as const;
  const rnn =
    s.kind === 'lstm'
      ? tf.layers.lstm({ ...common, recurrentActivation: 'sigmoid', unitForgetBias: false })
      : s.kind === 'gru'
        ? tf.layers.gru({ ...common, recurrentActivation: 'sigmoid' })
        : tf.layers.simpleRNN({ ...common, activation: 'tanh' });
  const input = tf.input({ shape: [null, s.inputSize], name: 'onehot' });
  const biLayer = tf.layers.bidirectional({ layer: rnn as tf.RNN, mergeMode: 'concat', name: 'bi' });
  const hiddenLayer = tf.layers.dense({ units: s.hidden, activation: 'tanh', name: 'hidden' });
  const concatLayer = tf.layers.concatenate({ name: 'concat', axis: -1 });
  const outputLayer = tf.layers.dense({ units: s.outputSize, activation: 'softmax', name: 'output' });
  const bi = biLayer.apply(input) as tf.SymbolicTensor;
  const h = hiddenLayer.apply(bi) as tf.SymbolicTensor;
  const c = concatLayer.apply([h, input]) as tf.SymbolicTensor;
  const out = outputLayer.apply(c) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out, name: 'translit' });
  biLayer.setWeights(
    ['forward', 'backward'].flatMap((d) =>
      ['kernel', 'recurrent_kernel', 'bias'].map((w) => params[`bi/${d}_rnn/${w}`]),
    ),
  );
  hiddenLayer.setWeights([params['hidden/kernel'], params['hidden/bias']]);
  outputLayer.setWeights([params['output/kernel'], params['output/bias']]);
  return model;
}
