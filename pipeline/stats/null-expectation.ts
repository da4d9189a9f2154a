/**
 * The bias-corrected selectivity `corrected` of every neuron of every pair, computed from the binned counts alone
 * (no reshuffling).
 *
 * Why: with 1000 bins the raw Hellinger distance between two finite samples is far from 0 even when both come from
 * one distribution (0.2–0.6 on the default capture), and how far depends on the sample sizes and on how many bins
 * the neuron's values occupy (a gate whose values spread over its range inflates more). That is the bias of the
 * Bhattacharyya coefficient BC = Σ_k sqrt(p̂_k q̂_k): sparse bins make it too small.
 *
 * The correction: shuffling the labels of the N pooled steps keeps the pooled count T_k of every bin and draws the n
 * steps of class A at random, so class A's count in bin k is hypergeometric X_k ~ H(N, T_k, n) and
 *   E_null[BC] = Σ_k g(T_k) / sqrt(n (N − n)),  g(T) = E[sqrt(X (T − X))]
 * (an exact sum over the pmf, or a 2nd-order Taylor expansion when both expected counts are ≥ 30). E_null[BC] is the
 * BC that these very bins and sample sizes give when the two classes do NOT differ; the sparsity shrinks the
 * observed BC by about the same factor, so the corrected selectivity is
 *   corrected = 1 − BC / E_null[BC]
 * — on the SQUARED Hellinger scale (raw² = 1 − BC; 0 = same distribution, 1 = disjoint; slightly negative by chance),
 * exactly 0 in expectation under shuffled labels whatever the sample sizes and spread, and close to the population
 * (infinite-sample) H² otherwise (a true H 0.63 = H² 0.40 reads 0.43 at 300 vs 3000 steps).
 * Tried and dropped: raw − E_null[raw] (≈ 0 under the null, but far below the population distance for a selective
 * neuron: 0.07 for a true 0.32), and sign(r)·sqrt(|r|) on the raw scale (the square root turns the null's small
 * symmetric noise into ±0.1 and a positive mean at small samples). g depends only on (N, n, T), so one `NullTable`
 * per (pair, sample) serves every neuron.
 * test/stats/corrected.test.ts checks E_null[BC] against real label permutations.
 */

/** Expected counts below this use the exact hypergeometric sum, above it the Taylor expansion. */
const EXACT_BELOW = 30;

export class NullTable {
  /** g(T) per pooled bin count T, filled on first use (NaN = not yet). */
  private readonly g: Float64Array;
  private readonly p: number;

  /** `total` pooled steps, `drawn` of them in class A. */
  constructor(
    readonly total: number,
    readonly drawn: number,
  ) {
    this.g = new Float64Array(total + 1).fill(NaN);
    this.p = total > 0 ? drawn / total : 0;
  }

  /** E[sqrt(X (T − X))] for X ~ H(total, T, drawn). */
  mean(T: number): number {
    const cached = this.g[T];
    if (cached === cached) return cached;
    this.fill(T);
    return this.g[T];
  }

  private fill(T: number): void {
    const N = this.total;
    const n = this.drawn;
    const p = this.p;
    const q = 1 - p;
    const mu = T * p;
    const varX = N > 1 ? (T * p * q * (N - T)) / (N - 1) : 0;
    let g: number;
    if (Math.min(mu, T - mu) >= EXACT_BELOW) {
      const f = Math.sqrt(mu * (T - mu));
      g = f - (varX * T * T) / (8 * f * f * f);
    } else g = exactRootProduct(T, N, n);
    this.g[T] = g;
  }
}

/** E[sqrt(X (T − X))], X ~ H(N, T, n), summed over the pmf from its mode outwards until the terms vanish. */
export function exactRootProduct(T: number, N: number, n: number): number {
  const lo = Math.max(0, n - (N - T));
  const hi = Math.min(T, n);
  if (hi <= lo) return Math.sqrt(lo * (T - lo));
  const mode = Math.min(hi, Math.max(lo, Math.floor(((T + 1) * (n + 1)) / (N + 2))));
  // Unnormalised pmf relative to the mode: w(x+1)/w(x) = (T − x)(n − x) / ((x + 1)(N − T − n + x + 1)).
  let sw = 1;
  let sf = Math.sqrt(mode * (T - mode));
  let w = 1;
  for (let x = mode; x < hi; x++) {
    w *= ((T - x) * (n - x)) / ((x + 1) * (N - T - n + x + 1));
    if (w < 1e-14) break;
    sw += w;
    sf += w * Math.sqrt((x + 1) * (T - x - 1));
  }
  w = 1;
  for (let x = mode; x > lo; x--) {
    w *= (x * (N - T - n + x)) / ((T - x + 1) * (n - x + 1));
    if (w < 1e-14) break;
    sw += w;
    sf += w * Math.sqrt((x - 1) * (T - x + 1));
  }
  return sf / sw;
}

/**
 * Raw distance, corrected selectivity and AUROC of one neuron from its two binned histograms, given as the class-A
 * counts `a` and the pooled counts `tot` (class B = tot − a), read at offsets of shared arrays (the hot loop of
 * histogram.ts). AUROC = P(value in A > value in B) + ½ P(same bin): the Mann–Whitney statistic on the bins.
 */
export interface BinnedScores {
  raw: number;
  corrected: number;
  auroc: number;
  /** Bhattacharyya coefficient of the two histograms and its shuffled-label expectation. */
  bc: number;
  expectedBc: number;
}

export function scoreCounts(
  a: ArrayLike<number>,
  aOff: number,
  tot: ArrayLike<number>,
  totOff: number,
  bins: number,
  nA: number,
  table: NullTable,
  out: BinnedScores,
): BinnedScores {
  const nB = table.total - nA;
  if (nA <= 0 || nB <= 0) {
    out.raw = 0;
    out.corrected = 0;
    out.auroc = 0.5;
    out.bc = out.expectedBc = 1;
    return out;
  }
  let bc = 0;
  let sumG = 0;
  let below = 0; // class-B steps in lower bins
  let wins = 0;
  for (let k = 0; k < bins; k++) {
    const T = tot[totOff + k];
    if (T === 0) continue;
    const e = a[aOff + k];
    const rest = T - e;
    if (e > 0 && rest > 0) bc += Math.sqrt(e * rest);
    sumG += table.mean(T);
    wins += e * (below + rest / 2);
    below += rest;
  }
  out.bc = bc / Math.sqrt(nA * nB);
  out.expectedBc = sumG / Math.sqrt(nA * nB);
  out.raw = Math.sqrt(Math.max(0, 1 - out.bc));
  out.corrected = correctedFrom(out.bc, out.expectedBc);
  out.auroc = wins / (nA * nB);
  return out;
}

/** 1 − bc / E_null[bc] (see the module comment). */
export function correctedFrom(bc: number, expectedBc: number): number {
  return expectedBc > 0 ? 1 - bc / expectedBc : 0;
}
