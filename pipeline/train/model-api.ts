/**
 * The contract between the fast model code (model*.ts, kernels) and the training loop, evaluation and
 * transliteration. The loop never touches tensors directly: it hands over integer ids and gets numbers back,
 * so the model's internals (custom kernels, gathers instead of one-hot products) can change freely.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../lib/config.ts';

/** A batch of `batch` sequences of `time` steps, row-major [batch, time]. */
export interface Batch {
  inputs: Int32Array;
  targets: Int32Array;
  /** 1 where the step counts in the loss, 0 for padding. */
  mask: Float32Array;
  batch: number;
  time: number;
}

export interface NamedArray {
  shape: number[];
  data: Float32Array;
}

/** Everything needed to resume training exactly: weights, Adam moments, step counter. */
export interface ModelState {
  step: number;
  weights: Record<string, NamedArray>;
  optimizer: Record<string, NamedArray>;
}

export interface TrainableModel {
  /** The tfjs backend that runs it: 'tensorflow' (tfjs-node), 'wasm' or 'cpu'. */
  readonly backend: string;
  readonly parameterCount: number;
  /** The step size of the following optimizer steps (the loop decays it per epoch). */
  setLearningRate(lr: number): void;
  /** One optimizer step; returns the mean masked cross-entropy of the batch (before the update). */
  trainStep(b: Batch): Promise<number>;
  /** Loss and correct-argmax count over the masked steps, no update. */
  evaluate(b: Batch): Promise<{ loss: number; correct: number; count: number }>;
  /** Argmax output ids, row-major [batch, time]. */
  predictIds(inputs: Int32Array, batch: number, time: number): Promise<Int32Array>;
  getState(): Promise<ModelState>;
  setState(state: ModelState): void;
  /** The same function as a tf.layers model with the layer names of docs/CONTRACTS.md, for saving/browser use. */
  toLayersModel(): tf.LayersModel;
  dispose(): void;
}

export interface CreateModelOptions {
  model: ModelConfig;
  inputSize: number;
  outputSize: number;
  seed: number;
  learningRate: number;
  /**
   * Worker threads for data-parallel training steps (1 = this thread). Part of the config, not the machine:
   * results are reproducible for a fixed count, equal to one thread's only up to float rounding.
   */
  workers?: number;
}
