import { GATES_PER_CELL, type CellKind } from '../lib/cell-layers.ts';
import { sigmoid, tanh } from './fast-exp.ts';
import { type Constant, constant, mul, mulTA } from './model-matmul.ts';

/**
 * One direction of a recurrent layer, unrolled by hand with an explicit backward pass (BPTT), elementwise math in
 * plain JS and only the matrix products on the tfjs backend. Writing the gradient ourselves lets us keep exactly
 * what the backward pass needs, do every per-step product untransposed (Uᵀ is prepared once per batch), and get
 * the recurrent-weight gradient as ONE large product over all steps instead of S small ones.
 *
 * Conventions: S steps in processing order (the backward direction simply receives its inputs time-reversed), B
 * sequences; buffers are row-major [S, B, ·]. `xw` = x·W + b for every step, [S, B, G·u]. Weights follow Keras's
 * layouts: LSTM gates i, f, c, o; GRU z, r, h with the reset applied before the recurrent product (resetAfter =
 * false, as tfjs implements it); SimpleRNN tanh.
 */

export interface Dims {
  S: number;
  B: number;
  u: number;
}

/** What a forward pass leaves behind, [S, B, ·] buffers. */
export interface ForwardPass {
  /** h_s. */
  h: Float32Array;
  /** LSTM: activations [i, f, g, o] (4u); GRU: [z, r] (2u). */
  act?: Float32Array;
  /** LSTM: c_s and tanh(c_s). */
  c?: Float32Array;
  tc?: Float32Array;
  /** GRU: candidate h̃_s and r_s ⊙ h_{s−1}. */
  hh?: Float32Array;
  rh?: Float32Array;
}



/** Recurrent kernel [u, G·u] uploaded, plus (for training) its transposes / GRU blocks. */
export interface PreparedKernel {
  U?: Constant;
  UT?: Constant;
  Uzr?: Constant;
  Uh?: Constant;
  UzrT?: Constant;
  UhT?: Constant;
}

export function prepareKernel(kind: CellKind, U: Float32Array, u: number, train: boolean): PreparedKernel {
  const G = GATES_PER_CELL[kind];
  if (kind !== 'gru') {
    return { U: constant(U, u, G * u), UT: train ? constant(transpose(U, u, G * u), G * u, u) : undefined };
  }
  const zr = new Float32Array(u * 2 * u);
  const hb = new Float32Array(u * u);
  for (let i = 0; i < u; i++) {
    zr.set(U.subarray(i * 3 * u, i * 3 * u + 2 * u), i * 2 * u);
    hb.set(U.subarray(i * 3 * u + 2 * u, (i + 1) * 3 * u), i * u);
  }
  return {
    Uzr: constant(zr, u, 2 * u),
    Uh: constant(hb, u, u),
    UzrT: train ? constant(transpose(zr, u, 2 * u), 2 * u, u) : undefined,
    UhT: train ? constant(transpose(hb, u, u), u, u) : undefined,
  };
}

export function disposeKernel(p: PreparedKernel): void {
  for (const t of Object.values(p)) t?.dispose();
}

export function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
  return out;
}

/** One function per cell kind keeps each hot loop monomorphic for V8. */
export function forward(kind: CellKind, xw: Float32Array, d: Dims, p: PreparedKernel): ForwardPass {
  if (kind === 'lstm') return forwardLstm(xw, d, p);
  if (kind === 'gru') return forwardGru(xw, d, p);
  return forwardRnn(xw, d, p);
}

function forwardLstm(xw: Float32Array, d: Dims, p: PreparedKernel): ForwardPass {
  const { S, B, u } = d;
  const Bu = B * u;
  const h = new Float32Array(S * Bu);
  const act = new Float32Array(S * B * 4 * u);
  const c = new Float32Array(S * Bu);
  const tc = new Float32Array(S * Bu);
  const zeros = new Float32Array(B * 4 * u);
  for (let s = 0; s < S; s++) {
    const rec = s > 0 ? mul(h.subarray((s - 1) * Bu, s * Bu), B, u, p.U!) : zeros;
    const cPrev = s > 0 ? c.subarray((s - 1) * Bu, s * Bu) : zeros;
    for (let b = 0; b < B; b++) {
      const zo = (s * B + b) * 4 * u; // row in xw / act
      const ro = b * 4 * u; // row in rec
      const co = s * Bu + b * u;
      const po = b * u;
      for (let j = 0; j < u; j++) {
        const i = sigmoid(xw[zo + j] + rec[ro + j]);
        const f = sigmoid(xw[zo + u + j] + rec[ro + u + j]);
        const g = tanh(xw[zo + 2 * u + j] + rec[ro + 2 * u + j]);
        const o = sigmoid(xw[zo + 3 * u + j] + rec[ro + 3 * u + j]);
        const cs = f * cPrev[po + j] + i * g;
        const t = tanh(cs);
        act[zo + j] = i;
        act[zo + u + j] = f;
        act[zo + 2 * u + j] = g;
        act[zo + 3 * u + j] = o;
        c[co + j] = cs;
        tc[co + j] = t;
        h[co + j] = o * t;
      }
    }
  }
  return { h, act, c, tc };
}

function forwardGru(xw: Float32Array, d: Dims, p: PreparedKernel): ForwardPass {
  const { S, B, u } = d;
  const Bu = B * u;
  const h = new Float32Array(S * Bu);
  const act = new Float32Array(S * B * 2 * u);
  const hh = new Float32Array(S * Bu);
  const rh = new Float32Array(S * Bu);
  for (let s = 0; s < S; s++) {
    const hPrev = s > 0 ? h.subarray((s - 1) * Bu, s * Bu) : null;
    const recZr = hPrev ? mul(hPrev, B, u, p.Uzr!) : null;
    for (let b = 0; b < B; b++) {
      const xo = (s * B + b) * 3 * u;
      const ao = (s * B + b) * 2 * u;
      const ro = b * 2 * u;
      const ho = s * Bu + b * u;
      for (let j = 0; j < u; j++) {
        const z = sigmoid(xw[xo + j] + (recZr ? recZr[ro + j] : 0));
        const r = sigmoid(xw[xo + u + j] + (recZr ? recZr[ro + u + j] : 0));
        act[ao + j] = z;
        act[ao + u + j] = r;
        rh[ho + j] = r * (hPrev ? hPrev[b * u + j] : 0);
      }
    }
    const recH = hPrev ? mul(rh.subarray(s * Bu, (s + 1) * Bu), B, u, p.Uh!) : null;
    for (let b = 0; b < B; b++) {
      const xo = (s * B + b) * 3 * u;
      const ao = (s * B + b) * 2 * u;
      const ho = s * Bu + b * u;
      for (let j = 0; j < u; j++) {
        const cand = tanh(xw[xo + 2 * u + j] + (recH ? recH[b * u + j] : 0));
        const z = act[ao + j];
        const hp = hPrev ? hPrev[b * u + j] : 0;
        hh[ho + j] = cand;
        h[ho + j] = cand + z * (hp - cand);
      }
    }
  }
  return { h, act, hh, rh };
}

function forwardRnn(xw: Float32Array, d: Dims, p: PreparedKernel): ForwardPass {
  const { S, B, u } = d;
  const Bu = B * u;
  const h = new Float32Array(S * Bu);
  for (let s = 0; s < S; s++) {
    const rec = s > 0 ? mul(h.subarray((s - 1) * Bu, s * Bu), B, u, p.U!) : null;
    const base = s * Bu;
    for (let k = 0; k < Bu; k++) h[base + k] = tanh(xw[base + k] + (rec ? rec[k] : 0));
  }
  return { h };
}

export interface BackwardPass {
  /** dL/d(x·W + b) per step, [S, B, G·u]: gives the input-kernel and bias gradients. */
  dxw: Float32Array;
  /** dL/dU, [u, G·u]. */
  dU: Float32Array;
}

/** h_{s−1} for every step (zeros before the first), [S, B, u]. */
function shiftedH(h: Float32Array, Bu: number): Float32Array {
  const out = new Float32Array(h.length);
  out.set(h.subarray(0, h.length - Bu), Bu);
  return out;
}

/** BPTT for one direction. `dh` = dL/dh_s from the layers above, [S, B, u] in processing order (not modified). */
export function backward(kind: CellKind, fw: ForwardPass, dh: Float32Array, d: Dims, p: PreparedKernel): BackwardPass {
  if (kind === 'lstm') return backwardLstm(fw, dh, d, p);
  if (kind === 'gru') return backwardGru(fw, dh, d, p);
  return backwardRnn(fw, dh, d, p);
}

function backwardLstm(fw: ForwardPass, dh: Float32Array, d: Dims, p: PreparedKernel): BackwardPass {
  const { S, B, u } = d;
  const Bu = B * u;
  const dxw = new Float32Array(S * B * 4 * u);
  let carry: Float32Array | null = null; // dL/dh_s through the recurrence
  const { act, c, tc } = fw as Required<ForwardPass>;
  const dc = new Float32Array(Bu); // dL/dc_s through the recurrence
  for (let s = S - 1; s >= 0; s--) {
    for (let b = 0; b < B; b++) {
      const zo = (s * B + b) * 4 * u;
      const co = s * Bu + b * u;
      for (let j = 0; j < u; j++) {
        const k = b * u + j;
        const dhs = dh[co + j] + (carry ? carry[k] : 0);
        const i = act[zo + j];
        const f = act[zo + u + j];
        const g = act[zo + 2 * u + j];
        const o = act[zo + 3 * u + j];
        const t = tc[co + j];
        const dcs = dhs * o * (1 - t * t) + dc[k];
        const cPrev = s > 0 ? c[co - Bu + j] : 0;
        dxw[zo + j] = dcs * g * i * (1 - i);
        dxw[zo + u + j] = dcs * cPrev * f * (1 - f);
        dxw[zo + 2 * u + j] = dcs * i * (1 - g * g);
        dxw[zo + 3 * u + j] = dhs * t * o * (1 - o);
        dc[k] = dcs * f;
      }
    }
    if (s > 0) carry = mul(dxw.subarray(s * B * 4 * u, (s + 1) * B * 4 * u), B, 4 * u, p.UT!);
  }
  return { dxw, dU: mulTA(shiftedH(fw.h, Bu), S * B, u, dxw, 4 * u) };
}

function backwardGru(fw: ForwardPass, dh: Float32Array, d: Dims, p: PreparedKernel): BackwardPass {
  const { S, B, u } = d;
  const Bu = B * u;
  const dxw = new Float32Array(S * B * 3 * u);
  let carry: Float32Array | null = null;
  const { act, hh, rh, h } = fw as Required<ForwardPass>;
  const dzr = new Float32Array(S * B * 2 * u);
  const dah = new Float32Array(S * Bu);
  const dhs = new Float32Array(Bu);
  for (let s = S - 1; s >= 0; s--) {
    const ho = s * Bu;
    for (let k = 0; k < Bu; k++) {
      dhs[k] = dh[ho + k] + (carry ? carry[k] : 0);
      const b = (k / u) | 0;
      const j = k - b * u;
      const z = act[(s * B + b) * 2 * u + j];
      const cand = hh[ho + k];
      dah[ho + k] = dhs[k] * (1 - z) * (1 - cand * cand);
    }
    const drh = mul(dah.subarray(ho, ho + Bu), B, u, p.UhT!);
    for (let b = 0; b < B; b++) {
      const ao = (s * B + b) * 2 * u;
      for (let j = 0; j < u; j++) {
        const k = b * u + j;
        const z = act[ao + j];
        const r = act[ao + u + j];
        const hp = s > 0 ? h[ho - Bu + k] : 0;
        dzr[ao + j] = dhs[k] * (hp - hh[ho + k]) * z * (1 - z);
        dzr[ao + u + j] = drh[k] * hp * r * (1 - r);
      }
    }
    if (s > 0) {
      const viaZr = mul(dzr.subarray(s * B * 2 * u, (s + 1) * B * 2 * u), B, 2 * u, p.UzrT!);
      const next = new Float32Array(Bu);
      for (let k = 0; k < Bu; k++) {
        const b = (k / u) | 0;
        const j = k - b * u;
        const z = act[(s * B + b) * 2 * u + j];
        const r = act[(s * B + b) * 2 * u + u + j];
        next[k] = dhs[k] * z + drh[k] * r + viaZr[k];
      }
      carry = next;
    }
  }
  for (let n = 0; n < S * B; n++) {
    dxw.set(dzr.subarray(n * 2 * u, (n + 1) * 2 * u), n * 3 * u);
    dxw.set(dah.subarray(n * u, (n + 1) * u), n * 3 * u + 2 * u);
  }
  const dUzr = mulTA(shiftedH(h, Bu), S * B, u, dzr, 2 * u);
  const dUh = mulTA(rh, S * B, u, dah, u);
  const dU = new Float32Array(u * 3 * u);
  for (let i = 0; i < u; i++) {
    dU.set(dUzr.subarray(i * 2 * u, (i + 1) * 2 * u), i * 3 * u);
    dU.set(dUh.subarray(i * u, (i + 1) * u), i * 3 * u + 2 * u);
  }
  return { dxw, dU };
}

function backwardRnn(fw: ForwardPass, dh: Float32Array, d: Dims, p: PreparedKernel): BackwardPass {
  const { S, B, u } = d;
  const Bu = B * u;
  const dxw = new Float32Array(S * Bu);
  let carry: Float32Array | null = null;
  for (let s = S - 1; s >= 0; s--) {
    const ho = s * Bu;
    for (let k = 0; k < Bu; k++) {
      const hs = fw.h[ho + k];
      dxw[ho + k] = (dh[ho + k] + (carry ? carry[k] : 0)) * (1 - hs * hs);
    }
    if (s > 0) carry = mul(dxw.subarray(ho, ho + Bu), B, u, p.UT!);
  }
  return { dxw, dU: mulTA(shiftedH(fw.h, Bu), S * B, u, dxw, u) };
}
