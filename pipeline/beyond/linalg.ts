/**
 * The little dense linear algebra the co-clustering needs: top singular vectors by block power (subspace)
 * iteration from a seeded start, with a Rayleigh–Ritz step (Jacobi eigen-decomposition of the small projected
 * matrix) so that vectors come out exact and ordered even when singular values are close. Row-major Float64Arrays.
 */
import { Rng } from '../lib/rng.ts';

export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function matrix(rows: number, cols: number, data = new Float64Array(rows * cols)): Matrix {
  if (data.length !== rows * cols) throw new Error(`matrix: ${data.length} values for ${rows}×${cols}`);
  return { rows, cols, data };
}

export function transpose(a: Matrix): Matrix {
  const t = new Float64Array(a.data.length);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) t[j * a.rows + i] = a.data[i * a.cols + j];
  return matrix(a.cols, a.rows, t);
}

/** aᵀa (cols × cols). */
function gram(a: Matrix): Matrix {
  const n = a.cols;
  const g = new Float64Array(n * n);
  for (let r = 0; r < a.rows; r++) {
    const off = r * n;
    for (let i = 0; i < n; i++) {
      const x = a.data[off + i];
      if (x === 0) continue;
      for (let j = i; j < n; j++) g[i * n + j] += x * a.data[off + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) g[i * n + j] = g[j * n + i];
  return matrix(n, n, g);
}

/** a · b */
export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new Error(`multiply: ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let k = 0; k < a.cols; k++) {
      const x = a.data[i * a.cols + k];
      if (x === 0) continue;
      for (let j = 0; j < b.cols; j++) out[i * b.cols + j] += x * b.data[k * b.cols + j];
    }
  return matrix(a.rows, b.cols, out);
}

/** Orthonormalise the columns in place (modified Gram–Schmidt); a dependent column is replaced by zeros. */
function orthonormalise(q: Matrix): void {
  const { rows, cols, data } = q;
  for (let j = 0; j < cols; j++) {
    for (let k = 0; k < j; k++) {
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += data[i * cols + j] * data[i * cols + k];
      for (let i = 0; i < rows; i++) data[i * cols + j] -= dot * data[i * cols + k];
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += data[i * cols + j] ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < rows; i++) data[i * cols + j] = norm > 1e-300 ? data[i * cols + j] / norm : 0;
  }
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: values descending, vectors as columns. */
export function symmetricEigen(a: Matrix): { values: Float64Array; vectors: Matrix } {
  const n = a.rows;
  const m = Float64Array.from(a.data);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p];
          const mkq = m[k * n + q];
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k];
          const mqk = m[q * n + k];
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  const order = [...Array(n).keys()].sort((i, j) => m[j * n + j] - m[i * n + i] || i - j);
  const values = Float64Array.from(order, (i) => m[i * n + i]);
  const vectors = matrix(n, n);
  order.forEach((src, dst) => {
    for (let k = 0; k < n; k++) vectors.data[k * n + dst] = v[k * n + src];
  });
  return { values, vectors };
}

/** Make each column's largest-magnitude entry positive: singular vectors are defined up to sign. */
function fixSigns(x: Matrix, y?: Matrix): void {
  for (let j = 0; j < x.cols; j++) {
    let best = 0;
    for (let i = 0; i < x.rows; i++) if (Math.abs(x.data[i * x.cols + j]) > Math.abs(best)) best = x.data[i * x.cols + j];
    if (best < 0) {
      for (let i = 0; i < x.rows; i++) x.data[i * x.cols + j] *= -1;
      if (y) for (let i = 0; i < y.rows; i++) y.data[i * y.cols + j] *= -1;
    }
  }
}

export interface Svd {
  /** rows × k, columns = left singular vectors */
  u: Matrix;
  values: Float64Array;
  /** cols × k */
  v: Matrix;
}

/**
 * The k largest singular triplets of `a`, by subspace iteration on the Gram matrix of the smaller side.
 * Deterministic: the start block comes from Rng(seed).
 */
export function topSingular(a: Matrix, k: number, seed: number | string, maxIter = 3000, tol = 1e-13): Svd {
  if (a.rows < a.cols) {
    const t = topSingular(transpose(a), k, seed, maxIter, tol);
    return { u: t.v, values: t.values, v: t.u };
  }
  const n = a.cols;
  k = Math.min(k, n);
  const g = gram(a);
  const rng = new Rng(seed, 'topSingular');
  let q = matrix(n, k, Float64Array.from({ length: n * k }, () => rng.normal()));
  orthonormalise(q);
  let prev = new Float64Array(k);
  let eig = symmetricEigen(matrix(k, k));
  for (let it = 0; it < maxIter; it++) {
    q = multiply(g, q);
    orthonormalise(q);
    // Rayleigh–Ritz every few steps: rotate the block onto the Ritz vectors and watch the Ritz values settle.
    if (it % 10 === 9 || it === maxIter - 1) {
      const t = multiply(transpose(q), multiply(g, q));
      eig = symmetricEigen(t);
      q = multiply(q, eig.vectors);
      let change = 0;
      for (let j = 0; j < k; j++) change = Math.max(change, Math.abs(eig.values[j] - prev[j]));
      prev = Float64Array.from(eig.values);
      const scale = Math.max(1e-300, Math.abs(eig.values[0]));
      if (change / scale < tol && it > 30) break;
    }
  }
  const t = multiply(transpose(q), multiply(g, q));
  eig = symmetricEigen(t);
  const v = multiply(q, eig.vectors);
  const values = Float64Array.from(eig.values, (x) => Math.sqrt(Math.max(0, x)));
  const u = multiply(a, v);
  for (let j = 0; j < k; j++)
    for (let i = 0; i < u.rows; i++) u.data[i * k + j] = values[j] > 1e-300 ? u.data[i * k + j] / values[j] : 0;
  fixSigns(v, u);
  return { u, values, v };
}
