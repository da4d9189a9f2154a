import type { GradientPart } from './adam.ts';
import type { Batch, TrainableModel } from './model-api.ts';
import type { ParamName } from './model-params.ts';

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
