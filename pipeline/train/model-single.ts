import * as tf from '@tensorflow/tfjs';
import { Adam, type GradientPart } from './adam.ts';
import { initBackend } from './backend.ts';
import type { FastModel } from './fast-model.ts';
import type { Batch, CreateModelOptions, ModelState } from './model-api.ts';
import { buildLayersModel } from './model-layers.ts';
import { checkBatch, lossAndGrad, lossAndGradients, runForward, scoped } from './model-net.ts';
import { initialParams, PARAM_NAMES, paramShapes, paramSizes, type ParamName, type Params, type Shapes } from './model-params.ts';
import { readState, weightsSnapshot } from './model-state.ts';
import { checkIds } from './one-hot-rows.ts';
import { adoptedWeights, moveToSharedMemory } from './shared-weights.ts';

/**
 * The model computed entirely on this thread: the network math (model-net.ts) on parameters held as plain
 * Float32Arrays, trained by Adam (adam.ts) in JS, so that getState/setState capture them exactly.
 */
export async function createSingleThreadModel(opts: CreateModelOptions): Promise<FastModel> {
  const backendName = await initBackend();
  const shapes: Shapes = {
    kind: opts.model.cell,
    inputSize: opts.inputSize,
    outputSize: opts.outputSize,
    units: opts.model.units,
    hidden: opts.model.hidden,
  };
  const { inputSize, outputSize } = shapes;
  const pshapes = paramShapes(shapes);
  const sizes = paramSizes(shapes);
  const init = initialParams(shapes, opts.seed);
  let params = Object.fromEntries(PARAM_NAMES.map((name) => [name, init[name].data])) as Params;
  const adam = new Adam(sizes, opts.learningRate);
  const parameterCount = PARAM_NAMES.reduce((n, k) => n + sizes[k], 0);

  let disposed = false;
  const alive = () => {
    if (disposed) throw new Error('model was disposed');
  };

  const model: FastModel = {
    backend: backendName,
    parameterCount,
    trainWorkers: 1,

    setLearningRate(next: number): void {
      adam.learningRate = next;
    },

    async trainStep(b: Batch): Promise<number> {
      alive();
      const { loss, grads } = lossAndGradients(shapes, params, b);
      adam.update(params, [{ weight: 1, grads }]);
      return loss;
    },

    async evaluate(b: Batch) {
      alive();
      checkBatch(shapes, b);
      const [loss, correct, count] = scoped(() => {
        const { logits } = runForward(shapes, params, b.inputs, b.batch, b.time, false);
        const { loss, targets, mask } = lossAndGrad(outputSize, logits, b);
        const hit = tf.equal(logits.argMax(1), targets).toFloat().mul(mask).sum();
        return [loss.dataSync()[0], hit.dataSync()[0], mask.sum().dataSync()[0]];
      });
      return { loss, correct: Math.round(correct), count: Math.round(count) };
    },

    async predictIds(inputs: Int32Array, batch: number, time: number): Promise<Int32Array> {
      alive();
      checkIds(inputs, batch * time, inputSize, 'inputs');
      const tm = scoped(() => runForward(shapes, params, inputs, batch, time, false).logits.argMax(1).dataSync() as Int32Array);
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
            .softmax(runForward(shapes, params, inputs, batch, time, false).logits)
            .reshape([time, batch, outputSize])
            .transpose([1, 0, 2])
            .dataSync() as Float32Array,
      );
    },

    async gradients(b: Batch): Promise<Record<ParamName, Float32Array>> {
      alive();
      return lossAndGradients(shapes, params, b).grads;
    },

    async lossAndGradients(b: Batch) {
      alive();
      const { loss, grads } = lossAndGradients(shapes, params, b);
      let count = 0;
      for (let i = 0; i < b.mask.length; i++) count += b.mask[i];
      return { loss, count, grads };
    },

    applyGradients(parts: readonly GradientPart[]): void {
      alive();
      if (parts.length === 0) throw new Error('applyGradients needs at least one gradient part');
      for (const p of parts)
        for (const name of PARAM_NAMES)
          if (p.grads[name]?.length !== sizes[name]) throw new Error(`gradient "${name}" is missing or has the wrong size`);
      adam.update(params, parts);
    },

    shareWeights() {
      alive();
      return moveToSharedMemory(params);
    },

    adoptWeights(weights: Record<string, Float32Array>): void {
      alive();
      params = adoptedWeights(weights, sizes);
    },

    async getState(): Promise<ModelState> {
      alive();
      const { step, optimizer } = adam.snapshot(pshapes);
      return { step, weights: weightsSnapshot(params, pshapes), optimizer };
    },

    setState(state: ModelState): void {
      alive();
      const { weights, ...optimizer } = readState(state, pshapes);
      // In place: weights shared with data-parallel workers (shareWeights) stay shared.
      for (const name of PARAM_NAMES) params[name].set(weights[name]);
      adam.restore(optimizer);
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
