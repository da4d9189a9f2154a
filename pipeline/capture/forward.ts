import type { CaptureLayerInfo } from './types.ts';
import type { Activation, CellWeights, ModelWeights } from './model-file.ts';
import { CELL_LAYERS, captureLayers as layerList } from '../lib/cell-layers.ts';
import { translitWindows } from '../train/windows.ts';

/**
 * The model's forward pass in plain TypeScript, one sentence at a time, keeping every intermediate value the
 * analysis needs: each gate of each direction, the states, the two dense layers. It follows tfjs-layers'
 * formulas exactly (LSTM gate order i f c o; GRU without reset_after; Bidirectional backward outputs re-aligned
 * to input positions), so its `output` equals tfjs `predict` up to float rounding — a test checks 1e-5.
 */

/** The captured layers of a model, in the order they are stored (pipeline/lib/cell-layers.ts). */
export function captureLayers(m: ModelWeights): CaptureLayerInfo[] {
  return layerList({ cell: m.cell, units: m.units, hidden: m.hiddenUnits, inputSize: m.inputSize, outputSize: m.outputSize });
}

export function activate(kind: Activation, x: number): number {
  switch (kind) {
    case 'tanh':
      return Math.tanh(x);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'hardSigmoid': {
      const y = 0.2 * x + 0.5;
      return y < 0 ? 0 : y > 1 ? 1 : y;
    }
    case 'relu':
      return x > 0 ? x : 0;
    case 'softsign':
      return x / (1 + Math.abs(x));
    case 'linear':
      return x;
  }
}

/**
 * out[0..n) += v[vOff..vOff+k) · M[k, n] (row-major). Eight rows of M per sweep over `out`, so `out` is loaded and
 * stored an eighth as often; the inner loop runs along contiguous rows. This product is most of capture's time,
 * and the unrolling made it 2.7× faster than one row per sweep (V8 does not vectorise).
 */
export function addVecMat(out: Float64Array, v: Float32Array, vOff: number, k: number, M: Float32Array, n: number): void {
  let a = 0;
  for (; a + 7 < k; a += 8) {
    const x0 = v[vOff + a];
    const x1 = v[vOff + a + 1];
    const x2 = v[vOff + a + 2];
    const x3 = v[vOff + a + 3];
    const x4 = v[vOff + a + 4];
    const x5 = v[vOff + a + 5];
    const x6 = v[vOff + a + 6];
    const x7 = v[vOff + a + 7];
    const r0 = a * n;
    for (let j = 0, q = r0; j < n; j++, q++)
      out[j] +=
        x0 * M[q] +
        x1 * M[q + n] +
        x2 * M[q + 2 * n] +
        x3 * M[q + 3 * n] +
        x4 * M[q + 4 * n] +
        x5 * M[q + 5 * n] +
        x6 * M[q + 6 * n] +
        x7 * M[q + 7 * n];
  }
  for (; a < k; a++) {
    const x = v[vOff + a];
    const row = a * n;
    for (let j = 0; j < n; j++) out[j] += x * M[row + j];
  }
}

/**
 * Units of a direction's state held at fixed values at every step (pipeline/ablate silences neurons with it):
 * `state` 'h' sets the output, 'c' (LSTM) the cell, whose value then also gives h = o·act(c). The clamped value is
 * what the next step sees, so the change carries forward through the recurrence.
 */
export interface StateClamp {
  state: 'h' | 'c';
  units: ArrayLike<number>;
  values: ArrayLike<number>;
}

/**
 * Run one direction over the sentence, writing each captured per-direction layer into `outs` (each [T, units])
 * at the input position the step belongs to.
 */
export function runDirection(
  m: ModelWeights,
  w: CellWeights,
  ids: Int32Array,
  backwards: boolean,
  outs: Float32Array[],
  clamp?: StateClamp,
): void {
  const u = m.units;
  const T = ids.length;
  const gates = m.cell === 'lstm' ? 4 : m.cell === 'gru' ? 3 : 1;
  const width = gates * u;
  const z = new Float64Array(width);
  const h = new Float32Array(u);
  const c = new Float32Array(u);
  const rh = new Float32Array(u);
  const act = m.activation;
  const ract = m.recurrentActivation;
  for (let s = 0; s < T; s++) {
    const t = backwards ? T - 1 - s : s;
    const id = ids[t];
    // x·W with a one-hot x is one row of the kernel.
    const row = id * width;
    for (let j = 0; j < width; j++) z[j] = w.kernel[row + j] + w.bias[j];
    const o = t * u;
    if (m.cell === 'lstm') {
      addVecMat(z, h, 0, u, w.recurrent, width);
      const [gi, gf, go, gg, gc, gh] = outs;
      for (let j = 0; j < u; j++) {
        const i = activate(ract, z[j]);
        const f = activate(ract, z[u + j]);
        const g = activate(act, z[2 * u + j]);
        const og = activate(ract, z[3 * u + j]);
        // Round the state to float32 each step, as tfjs stores it.
        c[j] = f * c[j] + i * g;
        h[j] = og * activate(act, c[j]);
        gi[o + j] = i;
        gf[o + j] = f;
        go[o + j] = og;
        gg[o + j] = g;
        gc[o + j] = c[j];
        gh[o + j] = h[j];
      }
      if (clamp)
        for (let q = 0; q < clamp.units.length; q++) {
          const j = clamp.units[q];
          if (clamp.state === 'c') c[j] = gc[o + j] = clamp.values[q];
          h[j] = gh[o + j] = clamp.state === 'c' ? go[o + j] * activate(act, c[j]) : clamp.values[q];
        }
    } else if (m.cell === 'gru') {
      // z and r see h·U[:, :2u]; the candidate sees (r∘h)·U[:, 2u:].
      const zr = new Float64Array(2 * u);
      for (let a = 0; a < u; a++) {
        const x = h[a];
        if (x === 0) continue;
        const r0 = a * width;
        for (let j = 0; j < 2 * u; j++) zr[j] += x * w.recurrent[r0 + j];
      }
      const [gz, gr, gg, gh] = outs;
      const zs = new Float32Array(u);
      for (let j = 0; j < u; j++) {
        zs[j] = activate(ract, z[j] + zr[j]);
        const r = activate(ract, z[u + j] + zr[u + j]);
        rh[j] = r * h[j];
        gz[o + j] = zs[j];
        gr[o + j] = r;
      }
      const cand = new Float64Array(u);
      for (let a = 0; a < u; a++) {
        const x = rh[a];
        if (x === 0) continue;
        const r0 = a * width + 2 * u;
        for (let j = 0; j < u; j++) cand[j] += x * w.recurrent[r0 + j];
      }
      for (let j = 0; j < u; j++) {
        const g = activate(act, z[2 * u + j] + cand[j]);
        h[j] = zs[j] * h[j] + (1 - zs[j]) * g;
        gg[o + j] = g;
        gh[o + j] = h[j];
      }
      if (clamp) for (let q = 0; q < clamp.units.length; q++) h[clamp.units[q]] = gh[o + clamp.units[q]] = clamp.values[q];
    } else {
      addVecMat(z, h, 0, u, w.recurrent, width);
      const [gh] = outs;
      for (let j = 0; j < u; j++) {
        h[j] = activate(act, z[j]);
        gh[o + j] = h[j];
      }
      if (clamp) for (let q = 0; q < clamp.units.length; q++) h[clamp.units[q]] = gh[o + clamp.units[q]] = clamp.values[q];
    }
  }
}

/**
 * All captured layers of one sentence (input vocabulary ids), each step-major [T, size], in the order of
 * `captureLayers(m)`.
 */
export function forwardSentence(m: ModelWeights, ids: Int32Array): Float32Array[] {
  const T = ids.length;
  const u = m.units;
  for (const id of ids)
    if (id < 0 || id >= m.inputSize) throw new Error(`input id ${id} outside the model's input size ${m.inputSize}`);
  const perDir = CELL_LAYERS[m.cell].length;
  const fwd = Array.from({ length: perDir }, () => new Float32Array(T * u));
  const bwd = Array.from({ length: perDir }, () => new Float32Array(T * u));
  runDirection(m, m.fwd, ids, false, fwd);
  runDirection(m, m.bwd, ids, true, bwd);
  const fh = fwd[perDir - 1];
  const bh = bwd[perDir - 1];

  const concat = new Float32Array(T * 2 * u);
  for (let t = 0; t < T; t++) {
    concat.set(fh.subarray(t * u, (t + 1) * u), t * 2 * u);
    concat.set(bh.subarray(t * u, (t + 1) * u), t * 2 * u + u);
  }

  const H = m.hiddenUnits;
  const V = m.inputSize;
  const O = m.outputSize;
  const hiddenWidth = H + V;
  const hidden = new Float32Array(T * hiddenWidth);
  const output = new Float32Array(T * O);
  const acc = new Float64Array(Math.max(H, O));
  for (let t = 0; t < T; t++) {
    // hidden = [tanh(concat·W + b), onehot(id)]
    for (let j = 0; j < H; j++) acc[j] = m.hiddenBias[j];
    addVecMat(acc, concat, t * 2 * u, 2 * u, m.hiddenKernel, H);
    const hb = t * hiddenWidth;
    for (let j = 0; j < H; j++) hidden[hb + j] = activate(m.hiddenActivation, acc[j]);
    hidden[hb + H + ids[t]] = 1;
    // output = softmax(hidden·W + b); the one-hot half of the product is one kernel row.
    for (let j = 0; j < O; j++) acc[j] = m.outputBias[j];
    addVecMat(acc, hidden, hb, H, m.outputKernel, O);
    const oneHotRow = (H + ids[t]) * O;
    let max = -Infinity;
    for (let j = 0; j < O; j++) {
      acc[j] += m.outputKernel[oneHotRow + j];
      if (acc[j] > max) max = acc[j];
    }
    let sum = 0;
    for (let j = 0; j < O; j++) {
      acc[j] = Math.exp(acc[j] - max);
      sum += acc[j];
    }
    const ob = t * O;
    for (let j = 0; j < O; j++) output[ob + j] = acc[j] / sum;
  }
  return [...fwd, ...bwd, concat, hidden, output];
}

/**
 * Like `forwardSentence`, but a sentence longer than the transliteration's window is cut into the same overlapping
 * windows as the transliteration (pipeline/train/windows.ts `translitWindows`), each position taken from the window
 * that keeps it: the capture then shows exactly the states behind the model's transliteration, never a context
 * longer than the model was trained on.
 */
export function forwardWindowed(m: ModelWeights, ids: Int32Array, seqLen: number | null): Float32Array[] {
  const T = ids.length;
  const pieces = translitWindows(T, seqLen);
  if (pieces.length <= 1) return forwardSentence(m, ids);
  const sizes = captureLayers(m).map((l) => l.size);
  const out = sizes.map((size) => new Float32Array(T * size));
  for (const piece of pieces) {
    const acts = forwardSentence(m, ids.subarray(piece.start, piece.start + piece.length));
    acts.forEach((a, i) => {
      const size = sizes[i];
      out[i].set(a.subarray((piece.keepFrom - piece.start) * size, (piece.keepTo - piece.start) * size), piece.keepFrom * size);
    });
  }
  return out;
}

/** Index of the largest probability of each step of an `output` layer [T, O] (first one on ties, like argMax). */
export function argmaxRows(output: Float32Array, O: number): Int32Array {
  const T = output.length / O;
  const ids = new Int32Array(T);
  for (let t = 0; t < T; t++) {
    let best = 0;
    for (let j = 1; j < O; j++) if (output[t * O + j] > output[t * O + best]) best = j;
    ids[t] = best;
  }
  return ids;
}
