import { activate, addVecMat } from '../capture/forward.ts';
import type { ModelWeights } from '../capture/model-file.ts';
import { DenseHead, scoreLogits, type StepScore } from './score.ts';

/**
 * Silencing units of `concat` or `hidden` changes only the dense layers after them, so those are recomputed from
 * the captured concat rows of the evaluated steps. The intact pre-activations, hidden values and logits are kept
 * per row; a condition then adds only the silenced units' change (k rows of a kernel), which keeps thousands of
 * conditions cheap and gives the same numbers as a full recompute up to float64 rounding.
 */
export class DenseAblator {
  private readonly basePre: Float64Array;
  private readonly baseHidden: Float32Array;
  private readonly baseLogits: Float64Array;
  private readonly head: DenseHead;
  private readonly logits: Float64Array;
  private readonly pre: Float64Array;
  private readonly dHidden: Float32Array;
  readonly rows: number;

  /** `concat`: [rows, 2·units] captured concat of the evaluated steps; `inputId`/`target`: per row. */
  constructor(
    readonly m: ModelWeights,
    private readonly concat: Float32Array,
    private readonly inputId: Int32Array,
    private readonly target: Int32Array,
  ) {
    const H = m.hiddenUnits;
    const O = m.outputSize;
    const n = inputId.length;
    this.rows = n;
    this.head = new DenseHead(m);
    this.basePre = new Float64Array(n * H);
    this.baseHidden = new Float32Array(n * H);
    this.baseLogits = new Float64Array(n * O);
    for (let r = 0; r < n; r++) {
      this.basePre.set(this.head.preActivation(concat, r * 2 * m.units), r * H);
      this.baseLogits.set(this.head.logitsFromPre(inputId[r]), r * O);
      this.baseHidden.set(this.head.hidden, r * H);
    }
    this.logits = new Float64Array(O);
    this.pre = new Float64Array(H);
    this.dHidden = new Float32Array(H);
  }

  /** Score rows with nothing silenced. */
  intact(rows: ArrayLike<number>): StepScore[] {
    const O = this.m.outputSize;
    return Array.from(rows, (r) => scoreLogits(this.baseLogits.subarray(r * O, (r + 1) * O), O, this.target[r]));
  }

  /** Score `rows` with `units` of `layer` held at `values`. */
  score(layer: 'concat' | 'hidden', units: ArrayLike<number>, values: ArrayLike<number>, rows: ArrayLike<number>): StepScore[] {
    const out: StepScore[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = this.scoreRow(layer, units, values, rows[i]);
    return out;
  }

  private scoreRow(layer: 'concat' | 'hidden', units: ArrayLike<number>, values: ArrayLike<number>, r: number): StepScore {
    const { m, logits } = this;
    const H = m.hiddenUnits;
    const O = m.outputSize;
    const K = m.outputKernel;
    logits.set(this.baseLogits.subarray(r * O, (r + 1) * O));
    if (layer === 'hidden') {
      for (let q = 0; q < units.length; q++) {
        const j = units[q];
        const was = j < H ? this.baseHidden[r * H + j] : j - H === this.inputId[r] ? 1 : 0;
        const d = Math.fround(values[q]) - was;
        if (d === 0) continue;
        for (let o = 0, p = j * O; o < O; o++, p++) logits[o] += d * K[p];
      }
      return scoreLogits(logits, O, this.target[r]);
    }
    const W = m.hiddenKernel;
    const pre = this.pre;
    pre.set(this.basePre.subarray(r * H, (r + 1) * H));
    const off = r * 2 * m.units;
    for (let q = 0; q < units.length; q++) {
      const j = units[q];
      const d = Math.fround(values[q]) - this.concat[off + j];
      if (d === 0) continue;
      for (let h = 0, p = j * H; h < H; h++, p++) pre[h] += d * W[p];
    }
    // The change of every hidden unit, propagated with capture's unrolled vector × matrix product (2–3× faster
    // than one kernel row at a time); float32 like the hidden layer itself.
    const dh = this.dHidden;
    for (let h = 0; h < H; h++) dh[h] = Math.fround(activate(m.hiddenActivation, pre[h])) - this.baseHidden[r * H + h];
    addVecMat(logits, dh, 0, H, K, O);
    return scoreLogits(logits, O, this.target[r]);
  }
}
