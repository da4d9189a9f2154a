/**
 * k-means (Lloyd) with k-means++ seeding from a seeded Rng and several restarts, keeping the lowest inertia:
 * deterministic for a given seed, and robust to one unlucky start.
 */
import { Rng } from '../lib/rng.ts';
import type { Matrix } from './linalg.ts';

export interface KMeansResult {
  labels: Int32Array;
  inertia: number;
}

function dist2(x: Float64Array, i: number, c: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const e = x[i * d + t] - c[j * d + t];
    s += e * e;
  }
  return s;
}

function once(points: Matrix, k: number, rng: Rng, maxIter: number): KMeansResult {
  const { rows: n, cols: d, data } = points;
  const centres = new Float64Array(k * d);
  // k-means++: first centre uniformly, then each next one with probability ∝ squared distance to the nearest.
  const first = rng.int(n);
  centres.set(data.subarray(first * d, first * d + d), 0);
  const near = Float64Array.from({ length: n }, (_, i) => dist2(data, i, centres, 0, d));
  for (let j = 1; j < k; j++) {
    const total = near.reduce((a, b) => a + b, 0);
    let pick = n - 1;
    if (total > 0) {
      let r = rng.next() * total;
      for (let i = 0; i < n; i++) if ((r -= near[i]) < 0) ((pick = i), (i = n));
    } else pick = rng.int(n);
    centres.set(data.subarray(pick * d, pick * d + d), j * d);
    for (let i = 0; i < n; i++) near[i] = Math.min(near[i], dist2(data, i, centres, j, d));
  }
  const labels = new Int32Array(n).fill(-1);
  let inertia = 0;
  for (let it = 0; it < maxIter; it++) {
    let changed = false;
    inertia = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let j = 0; j < k; j++) {
        const dd = dist2(data, i, centres, j, d);
        if (dd < bestD) ((bestD = dd), (best = j));
      }
      inertia += bestD;
      if (labels[i] !== best) ((labels[i] = best), (changed = true));
    }
    if (!changed) break;
    const sums = new Float64Array(k * d);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      counts[labels[i]]++;
      for (let t = 0; t < d; t++) sums[labels[i] * d + t] += data[i * d + t];
    }
    // An emptied cluster keeps its old centre (rare with k-means++ seeding; keeps the run deterministic).
    for (let j = 0; j < k; j++) if (counts[j]) for (let t = 0; t < d; t++) centres[j * d + t] = sums[j * d + t] / counts[j];
  }
  return { labels, inertia };
}

export function kmeans(points: Matrix, k: number, seed: number | string, restarts = 10, maxIter = 300): KMeansResult {
  if (k < 1 || k > points.rows) throw new Error(`kmeans: k = ${k} for ${points.rows} points`);
  const rng = new Rng(seed, 'kmeans');
  let best: KMeansResult | null = null;
  for (let r = 0; r < restarts; r++) {
    const res = once(points, k, rng, maxIter);
    if (!best || res.inertia < best.inertia - 1e-12) best = res;
  }
  return best!;
}
