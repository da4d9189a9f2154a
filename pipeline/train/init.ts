import type { Rng } from '../lib/rng.ts';

/**
 * Seeded weight initialisers in plain JS (Keras's defaults, reproduced exactly from our own Rng so that the same
 * seed gives the same model on every backend). tf.layers' orthogonal initializer runs a QR through tfjs ops and
 * takes minutes on a 228×912 matrix; modified Gram–Schmidt in float64 takes milliseconds.
 */

/** Glorot-uniform [rows, cols]: U(-l, l) with l = sqrt(6 / (fanIn + fanOut)). */
export function glorotUniform(rng: Rng, rows: number, cols: number): Float32Array {
  const limit = Math.sqrt(6 / (rows + cols));
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = (rng.next() * 2 - 1) * limit;
  return out;
}

/**
 * Orthogonal [rows, cols] (gain 1): the shorter side's vectors are orthonormal. Drawn as a Gaussian matrix whose
 * min(rows, cols) vectors of length max(rows, cols) are orthonormalised by modified Gram–Schmidt (twice, for
 * float rounding), which equals a QR decomposition up to the signs of Q's columns.
 */
export function orthogonal(rng: Rng, rows: number, cols: number): Float32Array {
  const k = Math.min(rows, cols);
  const n = Math.max(rows, cols);
  const vecs: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = rng.normal();
    for (let pass = 0; pass < 2; pass++) {
      for (const q of vecs) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[i] * v[i];
        for (let i = 0; i < n; i++) v[i] -= dot * q[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    if (norm < 1e-12) throw new Error('orthogonal init: degenerate random draw');
    for (let i = 0; i < n; i++) v[i] /= norm;
    vecs.push(v);
  }
  const out = new Float32Array(rows * cols);
  // rows <= cols: vector j is row j; otherwise vector j is column j.
  for (let j = 0; j < k; j++) {
    const v = vecs[j];
    for (let i = 0; i < n; i++) {
      if (rows <= cols) out[j * cols + i] = v[i];
      else out[i * cols + j] = v[i];
    }
  }
  return out;
}
