/**
 * Products with a one-hot input as row operations: onehot(ids) · W is a row gather, onehot(ids)ᵀ · D a row
 * scatter-add. Plus the layout helpers of the hand-written model (time-major rows n = t·B + b).
 */

/** [B, T] row-major → time-major [T·B], optionally with time reversed. */
export function timeMajor(ids: Int32Array, B: number, T: number, reverse = false): Int32Array {
  const out = new Int32Array(B * T);
  for (let b = 0; b < B; b++)
    for (let t = 0; t < T; t++) out[(reverse ? T - 1 - t : t) * B + b] = ids[b * T + t];
  return out;
}

export function checkIds(ids: Int32Array, n: number, limit: number, what: string): void {
  if (ids.length !== n) throw new Error(`${what}: expected ${n} ids, got ${ids.length}`);
  for (let i = 0; i < ids.length; i++)
    if (!(ids[i] >= 0 && ids[i] < limit)) throw new Error(`${what}: id ${ids[i]} at ${i} is outside [0, ${limit})`);
}

/** onehot(ids) · W + b as a row gather: [ids.length, cols]. Rows of (W + b) are copied whole (memcpy speed). */
export function gatherRows(W: Float32Array, cols: number, ids: Int32Array, bias: Float32Array, rowOffset = 0): Float32Array {
  const rows = W.length / cols - rowOffset;
  const table = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < cols; j++) table[r * cols + j] = W[(rowOffset + r) * cols + j] + bias[j];
  const out = new Float32Array(ids.length * cols);
  for (let n = 0; n < ids.length; n++) out.set(table.subarray(ids[n] * cols, (ids[n] + 1) * cols), n * cols);
  return out;
}

/**
 * onehot(ids)ᵀ · D as a row scatter-add into `into` (rows offset by rowOffset), and D's column sums (the bias
 * gradient) added to `sums`, taken from the few accumulated rows rather than from all of D.
 */
export function scatterRows(D: Float32Array, cols: number, ids: Int32Array, into: Float32Array, sums: Float32Array, rowOffset = 0) {
  const rows = into.length / cols - rowOffset;
  const acc = new Float64Array(rows * cols);
  for (let n = 0; n < ids.length; n++) {
    const dst = ids[n] * cols;
    const src = n * cols;
    for (let j = 0; j < cols; j++) acc[dst + j] += D[src + j];
  }
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < cols; j++) {
      into[(rowOffset + r) * cols + j] += acc[r * cols + j];
      sums[j] += acc[r * cols + j];
    }
}
