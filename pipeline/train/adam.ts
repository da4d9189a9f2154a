import type { NamedArray } from './model-api.ts';
import { PARAM_NAMES, zeroParams, type ParamName, type Params } from './model-params.ts';

/**
 * Adam (Kingma & Ba) on plain Float32Arrays, updated in JS so that the state (moments, step counter) can be saved
 * and restored exactly.
 */

const BETA1 = 0.9;
const BETA2 = 0.999;
/** Keras/tfjs default. */
const EPSILON = 1e-7;

/** One shard's gradients and its weight in the step (the data-parallel step's shards). */
export interface GradientPart {
  weight: number;
  grads: Record<ParamName, Float32Array>;
}

export interface AdamState {
  step: number;
  m: Params;
  v: Params;
}

export class Adam {
  private m: Params;
  private v: Params;
  private step = 0;

  constructor(
    private readonly sizes: Record<ParamName, number>,
    /** The step size of the following updates (the loop schedules it). */
    public learningRate: number,
  ) {
    this.m = zeroParams(sizes);
    this.v = zeroParams(sizes);
  }

  /**
   * One Adam step on the weighted sum of gradient parts, written into `params`. The parts are summed inside the
   * update loop rather than in a separate pass: one read of each shard, no temporary arrays.
   */
  update(params: Params, parts: readonly GradientPart[]): void {
    const { m, v } = this;
    if (parts.length > 2) {
      // Fold shards 2… into one, keeping the hot loop below to at most two inputs.
      const rest = {} as Params;
      for (const name of PARAM_NAMES) {
        const acc = new Float32Array(this.sizes[name]);
        for (const p of parts.slice(1)) for (let i = 0; i < acc.length; i++) acc[i] += p.weight * p.grads[name][i];
        rest[name] = acc;
      }
      parts = [parts[0], { weight: 1, grads: rest }];
    }
    this.step += 1;
    const c1 = 1 - BETA1 ** this.step;
    const c2 = 1 - BETA2 ** this.step;
    const [a, b] = parts;
    const wa = a.weight;
    const wb = b ? b.weight : 0;
    // lr·m̂/(√v̂ + ε) with the bias corrections folded into two constants: one division per weight, not three.
    const stepSize = this.learningRate / c1;
    const vScale = 1 / c2;
    for (const name of PARAM_NAMES) {
      const w = params[name];
      const mm = m[name];
      const vv = v[name];
      const ga = a.grads[name];
      const gb = b ? b.grads[name] : ga;
      for (let i = 0; i < w.length; i++) {
        const g = wa * ga[i] + wb * gb[i];
        const mi = BETA1 * mm[i] + (1 - BETA1) * g;
        const vi = BETA2 * vv[i] + (1 - BETA2) * g * g;
        mm[i] = mi;
        vv[i] = vi;
        w[i] -= (stepSize * mi) / (Math.sqrt(vi * vScale) + EPSILON);
      }
    }
  }

  /** The step counter and copies of the moments, keyed `<param>/m`, `<param>/v` (the state file's layout). */
  snapshot(shapes: Record<ParamName, number[]>): { step: number; optimizer: Record<string, NamedArray> } {
    const optimizer: Record<string, NamedArray> = {};
    for (const name of PARAM_NAMES) {
      optimizer[`${name}/m`] = { shape: [...shapes[name]], data: this.m[name].slice() };
      optimizer[`${name}/v`] = { shape: [...shapes[name]], data: this.v[name].slice() };
    }
    return { step: this.step, optimizer };
  }

  /** Continue from a saved state (already checked against the shapes: model-state.ts). */
  restore(state: AdamState): void {
    this.m = state.m;
    this.v = state.v;
    this.step = state.step;
  }
}
