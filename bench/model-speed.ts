import * as tf from '@tensorflow/tfjs';
import { Rng } from '../pipeline/lib/rng.ts';
import { createParallelModel } from '../pipeline/train/model-parallel.ts';
import type { Batch } from '../pipeline/train/model-api.ts';
import { registerSection, timeMedian, type BenchOptions } from './registry.ts';

/** Training and inference throughput of the paper model on synthetic data (all characters count, no padding). */
function syntheticBatch(o: BenchOptions, rng: Rng): Batch {
  const n = o.batch * o.time;
  return {
    inputs: new Int32Array(n).map(() => rng.int(o.inputSize)),
    targets: new Int32Array(n).map(() => rng.int(o.outputSize)),
    mask: new Float32Array(n).fill(1),
    batch: o.batch,
    time: o.time,
  };
}

registerSection({
  name: 'model',
  async run(o) {
    const model = await createParallelModel({
      model: { cell: o.cell, units: o.units, hidden: o.hidden },
      inputSize: o.inputSize,
      outputSize: o.outputSize,
      seed: 1,
      learningRate: 0.001,
    }, o.workers);
    const rng = new Rng(1, 'bench');
    const batch = syntheticBatch(o, rng);
    const chars = o.batch * o.time;
    const tensorsBefore = tf.memory().numTensors;
    // process.cpuUsage counts every thread of the process: with workers it is the total CPU over all cores.
    const train = await timeMedian(o.warmup, o.steps, () => model.trainStep(batch));
    const leaked = tf.memory().numTensors - tensorsBefore;
    const infer = await timeMedian(o.warmup, o.steps, () => model.predictIds(batch.inputs, o.batch, o.time));
    model.dispose();
    const trainCharsPerSec = (chars / train.medianMs) * 1000;
    const inferCharsPerSec = (chars / infer.medianMs) * 1000;
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
    console.error(
      `model ${o.cell} workers=${o.workers} units=${o.units} hidden=${o.hidden} in=${o.inputSize} out=${o.outputSize} B=${o.batch} T=${o.time}`,
    );
    const perCpuSec = (r: { medianCpuMs: number }) => ((chars / r.medianCpuMs) * 1000).toFixed(0);
    console.error(
      `  train: ${trainCharsPerSec.toFixed(0)} chars/s  (median ${train.medianMs.toFixed(0)} ms/step: ${fmt(train.samplesMs)}; ` +
        `${train.medianCpuMs.toFixed(0)} ms CPU = ${perCpuSec(train)} chars per CPU-second)`,
    );
    console.error(
      `  infer: ${inferCharsPerSec.toFixed(0)} chars/s  (median ${infer.medianMs.toFixed(0)} ms/batch: ${fmt(infer.samplesMs)}; ` +
        `${infer.medianCpuMs.toFixed(0)} ms CPU = ${perCpuSec(infer)} chars per CPU-second)`,
    );
    if (leaked !== 0) console.error(`  warning: ${leaked} tensors leaked over the timed training steps`);
    return {
      trainCharsPerSec: Math.round(trainCharsPerSec),
      inferCharsPerSec: Math.round(inferCharsPerSec),
      trainStepMs: Math.round(train.medianMs),
      trainStepCpuMs: Math.round(train.medianCpuMs),
      inferBatchCpuMs: Math.round(infer.medianCpuMs),
      inferBatchMs: Math.round(infer.medianMs),
      parameterCount: model.parameterCount,
      leakedTensors: leaked,
    };
  },
});
