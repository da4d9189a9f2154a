/**
 * Confidence intervals for the corrected selectivity that cover (issue 13): the old percentile bootstrap resampled
 * steps with replacement, which duplicates values, makes 1000-bin histograms sparser and inflates the distance, so
 * its intervals lay above their own estimate. Here:
 * - whole sentences are resampled (the steps of a sentence share one context and are not independent);
 * - each replicate draws HALF of the sentences WITHOUT replacement (half-sampling, a subsampling scheme), so no value
 *   is duplicated. For a statistic with variance σ²/n, drawing m = n/2 of n without replacement gives a replicate
 *   variance σ²(1/m − 1/n) = σ²/n: the spread of the replicates is the spread of the estimate itself, no rescaling;
 * - the interval is the *basic* one, [θ̂ − q_hi(d), θ̂ − q_lo(d)] with d = θ̂* − θ̂: a residual finite-sample bias
 *   b(n) ∝ 1/n shows up as E[d] ≈ b(n/2) − b(n) = b(n) and is subtracted, which the percentile interval cannot do.
 * The estimate θ̂ itself is taken on half B of the sentences for neurons chosen on half A (halves.ts).
 * Coverage is checked on synthetic data with a known answer in test/stats/intervals.test.ts.
 */
import { Rng } from '../lib/rng.ts';
import { NullTable, scoreCounts, type BinnedScores } from './null-expectation.ts';

/** Replicate masks over sentence indices: masks[r][s] = 1 when sentence s is in replicate r's half-sample. */
export function halfSampleMasks(pool: ArrayLike<number>, sentences: number, replicates: number, seed: number | string): Uint8Array[] {
  const rng = new Rng(seed, 'stats/half-samples');
  const ids = Array.from(pool);
  const m = Math.floor(ids.length / 2);
  return Array.from({ length: replicates }, () => {
    // Partial Fisher–Yates: the first m slots become a uniform random half.
    for (let i = 0; i < m; i++) {
      const j = i + rng.int(ids.length - i);
      [ids[i], ids[j]] = [ids[j], ids[i]];
    }
    const mask = new Uint8Array(sentences);
    for (let i = 0; i < m; i++) mask[ids[i]] = 1;
    return mask;
  });
}

/** One neuron's binned values on the steps of one estimation sample (e.g. a pair's letter in half B). */
export interface BinnedSample {
  bins: number;
  /** Per step: bin index, class (1 = "= o"), sentence index. */
  bin: Uint16Array;
  isA: Uint8Array;
  sentence: Int32Array;
}

/** Per-replicate null tables of one sample: they depend on the class counts only, so a pair's neurons share them. */
export class ReplicateTables {
  private readonly tables: (NullTable | undefined)[];
  constructor(readonly masks: Uint8Array[]) {
    this.tables = masks.map(() => undefined);
  }
  get(r: number, total: number, drawn: number): NullTable {
    const t = this.tables[r];
    if (t && t.total === total && t.drawn === drawn) return t;
    return (this.tables[r] = new NullTable(total, drawn));
  }
}

/** The corrected selectivity of `x` on each replicate's half of the sentences. */
export function replicateCorrected(x: BinnedSample, tables: ReplicateTables): Float64Array {
  const { masks } = tables;
  const out = new Float64Array(masks.length);
  const ha = new Float64Array(x.bins);
  const tot = new Float64Array(x.bins);
  const score: BinnedScores = { raw: 0, corrected: 0, auroc: 0, bc: 1, expectedBc: 1 };
  for (let r = 0; r < masks.length; r++) {
    const mask = masks[r];
    ha.fill(0);
    tot.fill(0);
    let n = 0;
    let nA = 0;
    for (let k = 0; k < x.bin.length; k++) {
      if (!mask[x.sentence[k]]) continue;
      const b = x.bin[k];
      tot[b]++;
      n++;
      if (x.isA[k]) {
        ha[b]++;
        nA++;
      }
    }
    scoreCounts(ha, 0, tot, 0, x.bins, nA, tables.get(r, n, nA), score);
    out[r] = score.corrected;
  }
  return out;
}

/** The corrected selectivity of the whole sample. */
export function sampleCorrected(x: BinnedSample): number {
  const ha = new Float64Array(x.bins);
  const tot = new Float64Array(x.bins);
  let nA = 0;
  for (let k = 0; k < x.bin.length; k++) {
    tot[x.bin[k]]++;
    if (x.isA[k]) {
      ha[x.bin[k]]++;
      nA++;
    }
  }
  const s = scoreCounts(ha, 0, tot, 0, x.bins, nA, new NullTable(x.bin.length, nA), { raw: 0, corrected: 0, auroc: 0, bc: 1, expectedBc: 1 });
  return s.corrected;
}

/** Linear-interpolation quantile of an ascending array. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * Math.min(1, Math.max(0, q));
  const i = Math.floor(pos);
  const frac = pos - i;
  return i + 1 < n ? sorted[i] * (1 - frac) + sorted[i + 1] * frac : sorted[i];
}

export interface BasicInterval {
  /**
   * The bias-corrected estimate θ̂ − d̄ (d̄ = mean of θ̂* − θ̂): on real captures the half-samples read higher than
   * the whole (the corrected measure keeps a small upward drift as samples shrink), and the basic interval below
   * removes that drift; its own centre is this estimate, so the two agree.
   */
  estimate: number;
  /** The plain estimate θ̂ on the whole sample. */
  plain: number;
  low: number;
  high: number;
  /** One-sided p-value of "the true value ≤ 0", by inverting the interval: (1 + #{θ̂ − d ≤ 0}) / (R + 1). */
  pValue: number;
}

/**
 * Basic interval at `level` from the estimate and its half-sample replicates: [θ̂ − q_hi(d), θ̂ − q_lo(d)],
 * d = θ̂* − θ̂ (whose spread is the estimate's own, see the module comment).
 */
export function basicInterval(estimate: number, replicates: ArrayLike<number>, level = 0.9): BasicInterval {
  const R = replicates.length;
  // No replicates (stats.bootstrap 0): nothing to invert; (1 + 0) / (0 + 1) = 1, the p-value of no evidence.
  if (R === 0) return { estimate, plain: estimate, low: estimate, high: estimate, pValue: 1 };
  const d = Float64Array.from(replicates, (x) => x - estimate).sort();
  let mean = 0;
  for (const x of d) mean += x / R;
  const tail = (1 - level) / 2;
  let atOrBelowZero = 0;
  for (const x of d) if (estimate - x <= 0) atOrBelowZero++;
  return {
    estimate: estimate - mean,
    plain: estimate,
    low: estimate - quantile(d, 1 - tail),
    high: estimate - quantile(d, tail),
    pValue: (1 + atOrBelowZero) / (R + 1),
  };
}

/** Element-wise combination of replicate vectors (e.g. a mean of ten neurons, a difference of two layers). */
export function combineReplicates(vectors: Float64Array[], weights: number[]): Float64Array {
  const R = vectors[0]?.length ?? 0;
  const out = new Float64Array(R);
  vectors.forEach((v, i) => {
    for (let r = 0; r < R; r++) out[r] += weights[i] * v[r];
  });
  return out;
}
