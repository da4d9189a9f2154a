import * as tf from '@tensorflow/tfjs';

/**
 * One direction of a recurrent layer, unrolled by hand with an explicit backward pass (BPTT). Writing the
 * gradient ourselves, instead of letting tfjs record a tape, lets us (a) keep only what the backward pass needs,
 * (b) do every per-step product untransposed (U and Uᵀ are prepared once per batch), and (c) compute the
 * recurrent-weight gradient as ONE large product over all steps instead of T small ones.
 *
 * Conventions: steps are given in processing order (the backward direction simply receives its inputs reversed);
 * `xw[s]` = x_s·W + b for step s, [B, G·u]; weights follow Keras's layouts (LSTM gates i,f,c,o; GRU z,r,h with
 * reset applied before the recurrent product, resetAfter = false; SimpleRNN tanh).
 */

export type CellKind = 'lstm' | 'gru' | 'rnn';

export const GATES: Record<CellKind, number> = { lstm: 4, gru: 3, rnn: 1 };

/** Per-direction result of a forward pass. */
export interface ForwardPass {
  /** h_s for each processing step s, [B, u]. */
  hs: tf.Tensor[];
  /** Per-step values the backward pass needs (absent when not training). */
  saved: tf.Tensor[][];
}

export interface CellWeights {
  /** Recurrent kernel [u, G·u]. */
  U: tf.Tensor;
}

/** Per-batch prepared views of the recurrent kernel (slices and transposes done once, not per step). */
interface Prepared {
  U: tf.Tensor;
  UT: tf.Tensor;
  /** GRU only: U[:, :2u], U[:, 2u:] and their transposes. */
  Uzr?: tf.Tensor;
  Uh?: tf.Tensor;
  UzrT?: tf.Tensor;
  UhT?: tf.Tensor;
}

export function prepare(kind: CellKind, U: tf.Tensor, forTraining: boolean): Prepared {
  const u = U.shape[0];
  if (kind !== 'gru') return { U, UT: forTraining ? U.transpose() : U };
  const Uzr = U.slice([0, 0], [u, 2 * u]);
  const Uh = U.slice([0, 2 * u], [u, u]);
  return {
    U,
    UT: U,
    Uzr,
    Uh,
    UzrT: forTraining ? Uzr.transpose() : undefined,
    UhT: forTraining ? Uh.transpose() : undefined,
  };
}

/** LSTM activations of all four gate blocks at once: sigmoid for i,f,o and tanh(x) = 2σ(2x) − 1 for c. */
function lstmScale(u: number): tf.Tensor {
  const k = new Float32Array(4 * u).fill(1);
  k.fill(2, 2 * u, 3 * u);
  return tf.tensor2d(k, [1, 4 * u]);
}

export function forward(kind: CellKind, xw: tf.Tensor[], p: Prepared, train: boolean): ForwardPass {
  const B = xw[0].shape[0];
  const u = p.U.shape[0];
  let h: tf.Tensor = tf.zeros([B, u]);
  const hs: tf.Tensor[] = [];
  const saved: tf.Tensor[][] = [];
  if (kind === 'lstm') {
    const k = lstmScale(u);
    const km1 = k.sub(1);
    let c: tf.Tensor = tf.zeros([B, u]);
    for (const x of xw) {
      const z = x.add(h.matMul(p.U)) as tf.Tensor;
      // a = [σ(zi), σ(zf), tanh(zc), σ(zo)] in one pass.
      const a = tf.sigmoid(z.mul(k)).mul(k).sub(km1) as tf.Tensor;
      const [i, f, g, o] = tf.split(a, 4, 1) as tf.Tensor[];
      const cNew = f.mul(c).add(i.mul(g)) as tf.Tensor;
      const tc = tf.tanh(cNew);
      const hNew = o.mul(tc) as tf.Tensor;
      if (train) saved.push([a, c, tc, h]);
      c = cNew;
      h = hNew;
      hs.push(h);
    }
  } else if (kind === 'gru') {
    for (const x of xw) {
      const [xzr, xh] = tf.split(x, [2 * u, u], 1) as tf.Tensor[];
      const zr = tf.sigmoid(xzr.add(h.matMul(p.Uzr!))) as tf.Tensor;
      const [z, r] = tf.split(zr, 2, 1) as tf.Tensor[];
      const rh = r.mul(h) as tf.Tensor;
      const hh = tf.tanh(xh.add(rh.matMul(p.Uh!))) as tf.Tensor;
      const hNew = hh.add(z.mul(h.sub(hh))) as tf.Tensor;
      if (train) saved.push([zr, hh, rh, h]);
      h = hNew;
      hs.push(h);
    }
  } else {
    for (const x of xw) {
      const hNew = tf.tanh(x.add(h.matMul(p.U))) as tf.Tensor;
      if (train) saved.push([h]);
      h = hNew;
      hs.push(h);
    }
  }
  return { hs, saved };
}

export interface BackwardPass {
  /** dL/d(x_s·W + b) per processing step, stacked: [S·B, G·u]. */
  dxw: tf.Tensor;
  /** dL/dU, [u, G·u]. */
  dU: tf.Tensor;
}

/** BPTT for one direction. `dhs[s]` is dL/dh_s from the layers above, in processing order. */
export function backward(kind: CellKind, fw: ForwardPass, dhs: tf.Tensor[], p: Prepared): BackwardPass {
  const S = dhs.length;
  const B = dhs[0].shape[0];
  const u = p.U.shape[0];
  const dz: tf.Tensor[] = new Array(S);
  let dh: tf.Tensor = dhs[S - 1];
  if (kind === 'lstm') {
    const gsel = tf.tensor2d(
      Float32Array.from({ length: 4 * u }, (_, j) => (j >= 2 * u && j < 3 * u ? 1 : 0)),
      [1, 4 * u],
    );
    let dc: tf.Tensor | null = null;
    for (let s = S - 1; s >= 0; s--) {
      if (s < S - 1) dh = dhs[s].add(dh);
      const [a, cPrev, tc] = fw.saved[s];
      const [i, f, g, o] = tf.split(a, 4, 1) as tf.Tensor[];
      let dcs = dh.mul(o).mul(tf.scalar(1).sub(tc.square())) as tf.Tensor;
      if (dc) dcs = dcs.add(dc);
      // d(activation) for the blocks i, f, c, o, then through the activations: σ' = a(1−a), tanh' = 1 − a².
      const da = tf.concat([dcs.mul(g), dcs.mul(cPrev), dcs.mul(i), dh.mul(tc)], 1);
      const deriv = tf.scalar(1).sub(a).mul(a.add(gsel));
      dz[s] = da.mul(deriv) as tf.Tensor;
      dc = dcs.mul(f) as tf.Tensor;
      dh = dz[s].matMul(p.UT);
    }
  } else if (kind === 'gru') {
    for (let s = S - 1; s >= 0; s--) {
      if (s < S - 1) dh = dhs[s].add(dh);
      const [zr, hh, , hPrev] = fw.saved[s];
      const [z, r] = tf.split(zr, 2, 1) as tf.Tensor[];
      const dzGate = dh.mul(hPrev.sub(hh));
      const dah = dh.mul(tf.scalar(1).sub(z)).mul(tf.scalar(1).sub(hh.square())) as tf.Tensor;
      const drh = dah.matMul(p.UhT!);
      const dr = drh.mul(hPrev);
      const dzr = tf.concat([dzGate, dr], 1).mul(zr.mul(tf.scalar(1).sub(zr))) as tf.Tensor;
      dz[s] = tf.concat([dzr, dah], 1);
      dh = dh.mul(z).add(drh.mul(r)).add(dzr.matMul(p.UzrT!)) as tf.Tensor;
    }
  } else {
    for (let s = S - 1; s >= 0; s--) {
      if (s < S - 1) dh = dhs[s].add(dh);
      const h = fw.hs[s];
      dz[s] = dh.mul(tf.scalar(1).sub(h.square())) as tf.Tensor;
      dh = dz[s].matMul(p.UT);
    }
  }
  const dxw = tf.concat(dz, 0);
  // Recurrent-weight gradient over all steps at once: Σ_s in_sᵀ · dz_s.
  const hPrev = tf.concat(
    fw.saved.map((sv) => sv[sv.length - 1]),
    0,
  );
  let dU: tf.Tensor;
  if (kind === 'gru') {
    const rh = tf.concat(
      fw.saved.map((sv) => sv[2]),
      0,
    );
    const [dzr, dah] = tf.split(dxw, [2 * u, u], 1) as tf.Tensor[];
    dU = tf.concat([hPrev.matMul(dzr, true, false), rh.matMul(dah, true, false)], 1);
  } else {
    dU = hPrev.matMul(dxw, true, false);
  }
  void B;
  return { dxw, dU };
}
