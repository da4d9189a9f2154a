/**
 * How much to trust a selectivity score (the post's "Statistics 5"). For one neuron and two classes of steps
 * (pair (c, o): input c with output o = class A, input c with another output = class B):
 * - a bootstrap percentile interval of the Hellinger distance: each class is resampled with replacement at its own
 *   size (so the class balance, which the histogram distance depends on, is kept);
 * - a permutation null: the class labels are shuffled among the same steps, giving the distance that pure sampling
 *   noise produces with these sample sizes and bins (histogram distances are biased upward on small samples).
 * A score is worth reading when its interval sits clearly above the null's 95th percentile.
 *
 * Speed: values are binned once (Uint16 bin indices); every replicate only counts indices into two reused
 * histograms, O(samples + bins).
 *
 * Exported for pipeline/stats/stage.ts:
 * - `layerUncertainty(acts, size, layer, stepsA, stepsB, neurons, options)` → `NeuronUncertainty[]` for the given
 *   neurons of one loaded layer (call it per pair × layer with the pair's top neurons; pass `ranges` = the
 *   selectivity's per-neuron min/max so the distance equals the selectivity table's);
 * - `neuronUncertainty(a, b, options)` for one neuron's two samples of values;
 * - lower level: `bootstrapDistances(bins, rng, replicates)`, `permutationDistances(bins, rng, replicates)`,
 *   `quantile(sorted, q)`, `summariseNull(distances)`.
 * Randomness: each neuron gets its own stream `new Rng(seed, "<label>/<layer>/<neuron>")`, so the result does not
 * depend on the order in which pairs and layers are processed.
 */
import type { NeuronUncertainty, NullSummary } from '../lib/schemas/analyses.ts';
import { Rng } from '../lib/rng.ts';
import { binValues, valueRange } from './analysis-bins.ts';
import { hellinger, hellingerWithTotals } from './hellinger.ts';

/** Bin indices of the two classes of one neuron, binned together. */
export interface ClassBins {
  bins: number;
  a: Uint16Array;
  b: Uint16Array;
}

export interface UncertaintyOptions {
  bins: number;
  /** Bootstrap and permutation replicates (config stats.bootstrap). */
  replicates: number;
  seed: number | string;
  /** Prefix of each neuron's random stream, e.g. the pair "t>ծ". */
  label: string;
  /** Central interval level, default 0.9. */
  level?: number;
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

/** Distances of `replicates` bootstrap resamples (each class resampled with replacement at its own size). */
export function bootstrapDistances(x: ClassBins, rng: Rng, replicates: number): Float64Array {
  const out = new Float64Array(replicates);
  const ha = new Int32Array(x.bins);
  const hb = new Int32Array(x.bins);
  const { a, b } = x;
  const na = a.length;
  const nb = b.length;
  for (let r = 0; r < replicates; r++) {
    ha.fill(0);
    hb.fill(0);
    for (let k = 0; k < na; k++) ha[a[Math.floor(rng.next() * na)]]++;
    for (let k = 0; k < nb; k++) hb[b[Math.floor(rng.next() * nb)]]++;
    out[r] = hellingerWithTotals(ha, hb, na, nb);
  }
  return out;
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

/** Distance, bootstrap interval and permutation null of one neuron, from its values in the two classes. */
export function neuronUncertainty(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  opts: UncertaintyOptions & { stream: string; range?: { lo: number; hi: number } },
): Omit<NeuronUncertainty, 'layer' | 'neuron'> {
  const ra = valueRange(a);
  const rb = valueRange(b);
  const { lo, hi } = opts.range ?? { lo: Math.min(ra.lo, rb.lo), hi: Math.max(ra.hi, rb.hi) };
  const x: ClassBins = { bins: opts.bins, a: binValues(a, lo, hi, opts.bins), b: binValues(b, lo, hi, opts.bins) };
  const ha = new Float64Array(opts.bins);
  const hb = new Float64Array(opts.bins);
  for (const i of x.a) ha[i]++;
  for (const i of x.b) hb[i]++;
  const distance = hellinger(ha, hb);
  const level = opts.level ?? 0.9;
  const boot = ascending(bootstrapDistances(x, new Rng(opts.seed, `${opts.stream}/bootstrap`), opts.replicates));
  const perm = permutationDistances(x, new Rng(opts.seed, `${opts.stream}/permutation`), opts.replicates);
  const tail = (1 - level) / 2;
  return {
    distance,
    low: opts.replicates ? quantile(boot, tail) : distance,
    high: opts.replicates ? quantile(boot, 1 - tail) : distance,
    null: summariseNull(perm),
  };
}

function gather(acts: Float32Array, size: number, steps: ArrayLike<number>, neuron: number): Float32Array {
  const v = new Float32Array(steps.length);
  for (let k = 0; k < steps.length; k++) v[k] = acts[steps[k] * size + neuron];
  return v;
}

/** Each neuron's bin range, e.g. `min`/`max` of histogram.ts's LayerSelectivity (its range over all steps). */
export interface NeuronRanges {
  min: ArrayLike<number>;
  max: ArrayLike<number>;
}

/**
 * Uncertainty of the given neurons of one loaded step-major layer, for class A steps vs class B steps. Pass
 * `ranges` (the neuron ranges the selectivity histograms were binned over) so that `distance` is the very distance
 * of the selectivity tables; without it each neuron is binned over the min..max of the two classes.
 */
export function layerUncertainty(
  acts: Float32Array,
  size: number,
  layer: string,
  stepsA: ArrayLike<number>,
  stepsB: ArrayLike<number>,
  neurons: number[],
  opts: UncertaintyOptions & { ranges?: NeuronRanges },
): NeuronUncertainty[] {
  const { ranges, ...rest } = opts;
  return neurons.map((neuron) => ({
    layer,
    neuron,
    ...neuronUncertainty(gather(acts, size, stepsA, neuron), gather(acts, size, stepsB, neuron), {
      ...rest,
      stream: `${opts.label}/${layer}/${neuron}`,
      range: ranges ? { lo: ranges.min[neuron], hi: ranges.max[neuron] } : undefined,
    }),
  }));
}
