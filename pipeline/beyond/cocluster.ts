/**
 * Spectral co-clustering (Dhillon 2001, "Co-clustering documents and words using bipartite spectral graph
 * partitioning"): rows (units) and columns (input characters) of a non-negative matrix are clustered together, so
 * each cluster is a group of units plus the characters they respond to — the "memory chips" and "character clouds"
 * of RNNVis. An = D1^{-1/2} A D2^{-1/2}; its singular vectors 2…k (the first is trivial) embed rows as D1^{-1/2}u and
 * columns as D2^{-1/2}v in one space; k-means there gives the co-clusters.
 *
 * Dhillon uses ⌈log₂ k⌉ vectors; we use k − 1, as in spectral clustering: with k well separated blocks the
 * leading singular values are nearly equal, and fewer vectors can be an arbitrary slice of that subspace.
 */
import { kmeans } from './kmeans.ts';
import { matrix, topSingular, type Matrix } from './linalg.ts';

export interface Cocluster {
  rowLabels: Int32Array;
  colLabels: Int32Array;
}

export function spectralCocluster(a: Matrix, k: number, seed: number | string): Cocluster {
  const { rows, cols, data } = a;
  if (k < 2) throw new Error(`spectralCocluster: k must be ≥ 2, got ${k}`);
  if (k > Math.min(rows, cols)) throw new Error(`spectralCocluster: k = ${k} exceeds min(${rows} rows, ${cols} cols)`);
  for (const x of data) if (!(x >= 0)) throw new Error('spectralCocluster: the matrix must be non-negative and finite');
  const r = new Float64Array(rows);
  const c = new Float64Array(cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      r[i] += data[i * cols + j];
      c[j] += data[i * cols + j];
    }
  // An all-zero row or column gets a tiny degree instead of a division by zero; it ends up near the origin.
  const eps = 1e-12 * Math.max(1e-300, ...r);
  const ri = Float64Array.from(r, (x) => 1 / Math.sqrt(x + eps));
  const ci = Float64Array.from(c, (x) => 1 / Math.sqrt(x + eps));
  const an = matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) an.data[i * cols + j] = data[i * cols + j] * ri[i] * ci[j];
  const svd = topSingular(an, k, seed);
  const dims = k - 1;
  const z = matrix(rows + cols, dims);
  for (let i = 0; i < rows; i++) for (let d = 0; d < dims; d++) z.data[i * dims + d] = ri[i] * svd.u.data[i * k + d + 1];
  for (let j = 0; j < cols; j++)
    for (let d = 0; d < dims; d++) z.data[(rows + j) * dims + d] = ci[j] * svd.v.data[j * k + d + 1];
  const { labels } = kmeans(z, k, seed);
  return { rowLabels: labels.slice(0, rows), colLabels: labels.slice(rows) };
}

/**
 * Relabel clusters in a canonical order — by total size descending, then by smallest member (rows before
 * columns) — so the same partition always gets the same numbers whatever k-means called them.
 */
export function canonicalLabels(cc: Cocluster, k: number): Cocluster {
  const size = new Array(k).fill(0);
  const firstMember = new Array(k).fill(Infinity);
  const all = [...cc.rowLabels, ...cc.colLabels];
  all.forEach((l, i) => {
    size[l]++;
    firstMember[l] = Math.min(firstMember[l], i);
  });
  const order = [...Array(k).keys()].sort((a, b) => size[b] - size[a] || firstMember[a] - firstMember[b]);
  const map = new Int32Array(k);
  order.forEach((old, neu) => (map[old] = neu));
  return { rowLabels: cc.rowLabels.map((l) => map[l]), colLabels: cc.colLabels.map((l) => map[l]) };
}

export interface BlockLink {
  rowCluster: number;
  colCluster: number;
  /** Mean of max(x, 0) over the block of the signed matrix. */
  positive: number;
  /** Mean of max(−x, 0) over the block. */
  negative: number;
}

/** Positive and negative link strengths between every row cluster and every column cluster of a signed matrix. */
export function blockLinks(signed: Matrix, cc: Cocluster, k: number): BlockLink[] {
  const pos = new Float64Array(k * k);
  const neg = new Float64Array(k * k);
  const n = new Float64Array(k * k);
  for (let i = 0; i < signed.rows; i++)
    for (let j = 0; j < signed.cols; j++) {
      const b = cc.rowLabels[i] * k + cc.colLabels[j];
      const x = signed.data[i * signed.cols + j];
      n[b]++;
      if (x > 0) pos[b] += x;
      else neg[b] -= x;
    }
  const out: BlockLink[] = [];
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      const cnt = n[a * k + b];
      out.push({ rowCluster: a, colCluster: b, positive: cnt ? pos[a * k + b] / cnt : 0, negative: cnt ? neg[a * k + b] / cnt : 0 });
    }
  return out;
}
