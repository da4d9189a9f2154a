import * as tf from '@tensorflow/tfjs';

/**
 * Matrix products on Float32Arrays, run by the tfjs backend (XNNPACK on wasm, TensorFlow on tfjs-node). The model
 * uses tfjs only as a BLAS: every elementwise step lives in plain JS (model-cells.ts), because on the wasm backend
 * each slice/split of a tensor copies the whole source out of the wasm heap and dominated the step time.
 */

/** A right-hand matrix uploaded once and reused for many products (XNNPACK also caches its packing by tensor). */
export type Constant = tf.Tensor2D;

export function constant(data: Float32Array, rows: number, cols: number): Constant {
  // Copy: the cpu backend would otherwise alias `data`, which Adam later updates in place.
  return tf.tensor2d(data.slice(0, rows * cols), [rows, cols]);
}

/** a[m×k] · b[k×n] → [m×n]. */
export function mul(a: Float32Array, m: number, k: number, b: Constant): Float32Array {
  const at = tf.tensor2d(a.subarray(0, m * k), [m, k]);
  const out = tf.matMul(at, b);
  const r = out.dataSync() as Float32Array;
  at.dispose();
  out.dispose();
  return r;
}

/** aᵀ·b for a[n×m], b[n×p] → [m×p] (the weight gradient of a layer: inputsᵀ · output-gradients). */
export function mulTA(a: Float32Array, n: number, m: number, b: Float32Array, p: number): Float32Array {
  const at = tf.tensor2d(a.subarray(0, n * m), [n, m]);
  const bt = tf.tensor2d(b.subarray(0, n * p), [n, p]);
  const out = tf.matMul(at, bt, true, false);
  const r = out.dataSync() as Float32Array;
  tf.dispose([at, bt, out]);
  return r;
}
