import * as tf from '@tensorflow/tfjs';
import { installWasmMatMulFix, uninstallWasmMatMulFix } from '../pipeline/train/kernels/wasm-matmul.ts';
import { buildLayersModel } from '../pipeline/train/model-layers.ts';
import { registerSection, timeMedian, type BenchOptions } from './registry.ts';

/**
 * The baseline our model replaces: the same network as a stock tf.layers model trained with trainOnBatch (tfjs
 * autograd, Adam). On wasm it is timed with the stock matmul kernels and with the transpose-first fix. Slow
 * (tens of seconds per step), so opt-in and fixed to 1 warm-up + 2 timed steps.
 */
async function timeLayers(o: BenchOptions) {
  const shapes = { kind: o.cell, inputSize: o.inputSize, outputSize: o.outputSize, units: o.units, hidden: o.hidden };
  const G = o.cell === 'lstm' ? 4 : o.cell === 'gru' ? 3 : 1;
  const params = {
    'bi/forward_rnn/kernel': tf.randomUniform([o.inputSize, G * o.units], -0.1, 0.1, 'float32', 1),
    'bi/forward_rnn/recurrent_kernel': tf.randomUniform([o.units, G * o.units], -0.1, 0.1, 'float32', 2),
    'bi/forward_rnn/bias': tf.zeros([G * o.units]),
    'bi/backward_rnn/kernel': tf.randomUniform([o.inputSize, G * o.units], -0.1, 0.1, 'float32', 3),
    'bi/backward_rnn/recurrent_kernel': tf.randomUniform([o.units, G * o.units], -0.1, 0.1, 'float32', 4),
    'bi/backward_rnn/bias': tf.zeros([G * o.units]),
    'hidden/kernel': tf.randomUniform([2 * o.units, o.hidden], -0.1, 0.1, 'float32', 5),
    'hidden/bias': tf.zeros([o.hidden]),
    'output/kernel': tf.randomUniform([o.hidden + o.inputSize, o.outputSize], -0.1, 0.1, 'float32', 6),
    'output/bias': tf.zeros([o.outputSize]),
  };
  const model = buildLayersModel(shapes, params);
  tf.dispose(Object.values(params));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
  const x = tf.oneHot(tf.randomUniform([o.batch, o.time], 0, o.inputSize, 'int32', 7), o.inputSize).toFloat();
  const y = tf.oneHot(tf.randomUniform([o.batch, o.time], 0, o.outputSize, 'int32', 8), o.outputSize).toFloat();
  const r = await timeMedian(1, 2, () => model.trainOnBatch(x, y));
  tf.dispose([x, y]);
  model.dispose();
  return r;
}

registerSection({
  name: 'layers',
  optIn: true,
  async run(o) {
    const chars = o.batch * o.time;
    const out: Record<string, number> = {};
    const report = (label: string, key: string, r: { medianMs: number; medianCpuMs: number }) => {
      console.error(
        `  tf.layers trainOnBatch, ${label}: ${((chars / r.medianMs) * 1000).toFixed(0)} chars/s ` +
          `(${r.medianMs.toFixed(0)} ms/step, ${r.medianCpuMs.toFixed(0)} ms CPU = ${((chars / r.medianCpuMs) * 1000).toFixed(0)} chars per CPU-second)`,
      );
      out[`${key}CharsPerSec`] = Math.round((chars / r.medianMs) * 1000);
      out[`${key}CharsPerCpuSec`] = Math.round((chars / r.medianCpuMs) * 1000);
    };
    console.error(`layers baseline ${o.cell} units=${o.units} B=${o.batch} T=${o.time} (backend ${tf.getBackend()})`);
    report(tf.getBackend() === 'wasm' ? 'wasm + matmul fix' : tf.getBackend(), 'layersTrain', await timeLayers(o));
    if (tf.getBackend() === 'wasm') {
      uninstallWasmMatMulFix();
      try {
        report('wasm, stock kernels', 'layersTrainStock', await timeLayers(o));
      } finally {
        installWasmMatMulFix();
      }
    }
    return out;
  },
});
