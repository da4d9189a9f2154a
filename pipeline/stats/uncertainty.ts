/**
 * Shuffled-label nulls of the binned Hellinger distance by real permutations (used by the pattern-cell analysis for
 * its few detailed neurons), and the selection-aware intervals of the top neurons of a pair (the post's
 * "Statistics 5", redone for issue 13):
 * - `layerIntervals`: per pair and layer, the top neurons CHOSEN by the corrected selectivity on half A of the
 *   sentences, their corrected selectivity ESTIMATED on half B, with a half-sampling basic interval over B's
 *   sentences (intervals.ts). The full-data raw / corrected / AUROC are reported beside it.
 * Randomness: the half-sample masks are drawn once per run (shared by all neurons, so replicate r of two neurons
 * uses the same sentences and statistics combining neurons — a mean of ten, a difference of two layers — get
 * replicates by combining theirs).
 */
import type { NeuronUncertainty, NullSummary } from '../lib/schemas/analyses.ts';
import { Rng } from '../lib/rng.ts';
import { binValues } from './analysis-bins.ts';
import { basicInterval, replicateCorrected, sampleCorrected, type BinnedSample, type ReplicateTables } from './intervals.ts';
import { hellingerWithTotals } from './hellinger.ts';

/** Bin indices of the two classes of one neuron, binned together. */
export interface ClassBins {
  bins: number;
  a: Uint16Array;
  b: Uint16Array;
}

/** Linear-interpolation quantile of an ascending array. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const pos = (n - 1) * Math.min(1, Math.max(0, q));
  const i = Math.floor(pos);
  const frac = pos - i;
  return i + 1 < n ? sorted[i] * (1 - frac) + sorted[i + 1] * frac : sorted[i];
}

function ascending(x: Float64Array): Float64Array {
  return x.slice().sort();
}

/** Distances of `replicates` random relabellings: class A = a random subset of the pooled steps, of A's size. */
export function permutationDistances(x: ClassBins, rng: Rng, replicates: number): Float64Array {
  const out = new Float64Array(replicates);
  // The distance is symmetric: draw the smaller class, so a replicate costs O(min(nA, nB) + bins).
  const [small, large] = x.a.length <= x.b.length ? [x.a, x.b] : [x.b, x.a];
  const na = small.length;
  const pool = new Uint16Array(na + large.length);
  pool.set(small);
  pool.set(large, na);
  const n = pool.length;
  const total = new Int32Array(x.bins);
  for (let k = 0; k < n; k++) total[pool[k]]++;
  const ha = new Int32Array(x.bins);
  const hb = new Int32Array(x.bins);
  for (let r = 0; r < replicates; r++) {
    ha.fill(0);
    // Partial Fisher–Yates: the first na slots become a uniform random subset.
    for (let i = 0; i < na; i++) {
      const j = i + Math.floor(rng.next() * (n - i));
      const t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
      ha[pool[i]]++;
    }
    for (let k = 0; k < x.bins; k++) hb[k] = total[k] - ha[k];
    out[r] = hellingerWithTotals(ha, hb, na, n - na);
  }
  return out;
}

export function summariseNull(distances: Float64Array): NullSummary {
  const s = ascending(distances);
  let sum = 0;
  for (const d of s) sum += d;
  return { mean: s.length ? sum / s.length : 0, p95: quantile(s, 0.95), replicates: s.length };
}


export interface IntervalSource {
  /** Per step: its sentence index and its half (0 = A, 1 = B). */
  sentence: Int32Array;
  half: Uint8Array;
  /** Replicate tables (masks over B's sentences) shared by the neurons of one pair in one layer. */
  tables: ReplicateTables;
  bins: number;
  level: number;
}

export interface NeuronIntervals {
  record: NeuronUncertainty;
  /** The plain held-out estimate (before the half-sample drift correction) and its half-sample replicates, for
   *  statistics combining neurons (which get their own drift correction from basicInterval). */
  plain: number;
  replicates: Float64Array;
}

/**
 * Intervals of the given neurons (chosen on half A by the caller) for class A steps (`eqSteps`) vs class B steps
 * (`neSteps`) of one pair, estimated on the steps of half B. `full` gives the full-data scores for the record.
 */
export function layerIntervals(
  acts: Float32Array,
  size: number,
  layer: string,
  eqSteps: Int32Array,
  neSteps: Int32Array,
  neurons: number[],
  ranges: { min: ArrayLike<number>; max: ArrayLike<number> },
  full: { distance: Float64Array; corrected: Float64Array; auroc: Float64Array; offset: number },
  src: IntervalSource,
): NeuronIntervals[] {
  const steps: number[] = [];
  const isA: number[] = [];
  for (const s of eqSteps) if (src.half[s] === 1) (steps.push(s), isA.push(1));
  for (const s of neSteps) if (src.half[s] === 1) (steps.push(s), isA.push(0));
  const sentence = Int32Array.from(steps, (s) => src.sentence[s]);
  const flags = Uint8Array.from(isA);
  const values = new Float32Array(steps.length);
  return neurons.map((neuron) => {
    for (let k = 0; k < steps.length; k++) values[k] = acts[steps[k] * size + neuron];
    const x: BinnedSample = { bins: src.bins, bin: binValues(values, ranges.min[neuron], ranges.max[neuron], src.bins), isA: flags, sentence };
    const reps = replicateCorrected(x, src.tables);
    const iv = basicInterval(sampleCorrected(x), reps, src.level);
    const at = full.offset + neuron;
    return {
      record: {
        layer,
        neuron,
        distance: full.distance[at],
        corrected: full.corrected[at],
        auroc: full.auroc[at],
        estimate: iv.estimate,
        low: iv.low,
        high: iv.high,
      },
      plain: iv.plain,
      replicates: reps,
    };
  });
}
