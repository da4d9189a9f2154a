import { activate, addVecMat } from '../capture/forward.ts';
import type { ModelWeights } from '../capture/model-file.ts';

/**
 * The dense end of the model (concat → hidden → output), scored against the true output: whether the argmax is
 * right and the log-probability of the right unit. Same formulas and float32 rounding as capture/forward.ts.
 */

export interface StepScore {
  correct: boolean;
  logp: number;
}

/** Score logits (any constant shift) for `target`; argmax takes the first maximum, like forward's argmaxRows. */
export function scoreLogits(logits: Float64Array, O: number, target: number): StepScore {
  let best = 0;
  let max = logits[0];
  for (let j = 1; j < O; j++) if (logits[j] > max) (max = logits[j]), (best = j);
  let sum = 0;
  for (let j = 0; j < O; j++) sum += Math.exp(logits[j] - max);
  return { correct: best === target, logp: logits[target] - max - Math.log(sum) };
}

/** Scratch buffers for one model, reused across steps. */
export class DenseHead {
  readonly pre: Float64Array;
  readonly hidden: Float32Array;
  readonly logits: Float64Array;
  constructor(readonly m: ModelWeights) {
    this.pre = new Float64Array(m.hiddenUnits);
    this.hidden = new Float32Array(m.hiddenUnits);
    this.logits = new Float64Array(m.outputSize);
  }

  /** hidden pre-activation of one concat row into `this.pre`. */
  preActivation(concat: Float32Array, off: number): Float64Array {
    const { m, pre } = this;
    for (let j = 0; j < m.hiddenUnits; j++) pre[j] = m.hiddenBias[j];
    addVecMat(pre, concat, off, 2 * m.units, m.hiddenKernel, m.hiddenUnits);
    return pre;
  }

  /** Logits from `this.pre` (the dense hidden pre-activation) and the input id (the one-hot half of `hidden`). */
  logitsFromPre(inputId: number): Float64Array {
    const { m, pre, hidden, logits } = this;
    const H = m.hiddenUnits;
    const O = m.outputSize;
    for (let j = 0; j < H; j++) hidden[j] = activate(m.hiddenActivation, pre[j]);
    for (let j = 0; j < O; j++) logits[j] = m.outputBias[j];
    addVecMat(logits, hidden, 0, H, m.outputKernel, O);
    const row = (H + inputId) * O;
    for (let j = 0; j < O; j++) logits[j] += m.outputKernel[row + j];
    return logits;
  }

  /** Score one concat row (the full dense recompute). */
  scoreConcat(concat: Float32Array, off: number, inputId: number, target: number): StepScore {
    this.preActivation(concat, off);
    return scoreLogits(this.logitsFromPre(inputId), this.m.outputSize, target);
  }
}
