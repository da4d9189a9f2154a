import type { StepMeta } from '../capture/types.ts';
import type { Pair } from './pairs.ts';

/**
 * Selectivity of every neuron of one layer for every pair at once (the post's "Statistics 1"), in two passes over
 * the activations: (1) each neuron's min and max over all captured steps; (2) each step's bin index, counted into
 * one histogram per input letter c (all its outputs) and one per pair (c, o). The "≠ o" histogram is then
 * "all of c" − "= o", so no step is visited once per pair.
 * The second pass goes letter by letter and, within a letter, over blocks of neurons small enough that the block's
 * histograms stay in cache; each step contributes one contiguous run of the block's values.
 */

export interface LayerSelectivity {
  size: number;
  /** Each neuron's range over all captured steps: the histograms' bin edges. */
  min: Float32Array;
  max: Float32Array;
  /** Hellinger distance of neuron j for pair p at [p * size + j]. */
  distance: Float64Array;
}

/** One input letter's steps, and which of its analysed outputs (local slot) each step has. */
interface LetterSteps {
  steps: Int32Array;
  /** Per step: 1 + index of its pair within `pairs`, or 0 when its output is not an analysed one. */
  slot: Int32Array;
  /** Global indices of this letter's pairs. */
  pairs: number[];
}

function groupByLetter(meta: StepMeta, pairs: Pair[]): LetterSteps[] {
  const byLetter = new Map<number, { steps: number[]; slot: number[]; pairs: number[]; local: Map<number, number> }>();
  pairs.forEach((p, i) => {
    let g = byLetter.get(p.inputId);
    if (!g) byLetter.set(p.inputId, (g = { steps: [], slot: [], pairs: [], local: new Map() }));
    g.local.set(p.outputId, g.pairs.length + 1);
    g.pairs.push(i);
  });
  const n = meta.inputId.length;
  for (let s = 0; s < n; s++) {
    const g = byLetter.get(meta.inputId[s]);
    if (!g) continue;
    g.steps.push(s);
    g.slot.push(g.local.get(meta.targetId[s]) ?? 0);
  }
  return [...byLetter.values()].map((g) => ({ steps: Int32Array.from(g.steps), slot: Int32Array.from(g.slot), pairs: g.pairs }));
}

/** Min and max of every neuron of a step-major layer. */
export function neuronRanges(data: Float32Array, size: number): { min: Float32Array; max: Float32Array } {
  const min = new Float32Array(size).fill(Infinity);
  const max = new Float32Array(size).fill(-Infinity);
  const steps = data.length / size;
  for (let s = 0; s < steps; s++) {
    const base = s * size;
    for (let j = 0; j < size; j++) {
      const v = data[base + j];
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  for (let j = 0; j < size; j++) if (!(min[j] <= max[j])) min[j] = max[j] = 0;
  return { min, max };
}

/** Bin of value v in `bins` equal bins over [lo, hi]; hi falls in the last bin, a flat range puts all in bin 0. */
export function binOf(v: number, lo: number, scale: number, bins: number): number {
  const b = Math.floor((v - lo) * scale);
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}

function binScale(lo: number, hi: number, bins: number): number {
  return hi > lo ? bins / (hi - lo) : 0;
}

/** Hellinger distance from counts: p = eq histogram (n_eq steps), q = total − eq (n_ne steps). */
function distanceFromCounts(hist: Uint32Array, eqOff: number, totOff: number, bins: number, nEq: number, nNe: number): number {
  if (nEq <= 0 || nNe <= 0) return 0;
  let bc = 0;
  for (let k = 0; k < bins; k++) {
    const e = hist[eqOff + k];
    if (e === 0) continue;
    const rest = hist[totOff + k] - e;
    if (rest > 0) bc += Math.sqrt(e * rest);
  }
  bc /= Math.sqrt(nEq * nNe);
  return Math.sqrt(Math.max(0, 1 - bc));
}

/** A block's histograms stay under this many counters (×4 bytes), so they stay in the CPU's L2 cache. */
const BLOCK_COUNTERS = 64 * 1024;

export function layerSelectivity(
  data: Float32Array,
  size: number,
  meta: StepMeta,
  pairs: Pair[],
  bins: number,
): LayerSelectivity {
  const steps = meta.inputId.length;
  if (data.length !== steps * size) throw new Error(`layer holds ${data.length} values, expected ${steps}×${size}`);
  const { min, max } = neuronRanges(data, size);
  const distance = new Float64Array(pairs.length * size);
  const lo = new Float64Array(size);
  const scale = new Float64Array(size);
  for (let j = 0; j < size; j++) {
    lo[j] = min[j];
    scale[j] = binScale(min[j], max[j], bins);
  }
  // Letter by letter, neuron block by neuron block: histogram 0 of a neuron counts all the letter's steps,
  // histogram 1 + k those of its k-th pair; "≠ o" = histogram 0 − histogram 1 + k.
  for (const letter of groupByLetter(meta, pairs)) {
    const groups = 1 + letter.pairs.length;
    const perNeuron = groups * bins;
    const block = Math.max(1, Math.min(size, Math.floor(BLOCK_COUNTERS / perNeuron)));
    const hist = new Uint32Array(block * perNeuron);
    const R = letter.steps.length;
    const nPair = new Float64Array(groups);
    for (let r = 0; r < R; r++) nPair[letter.slot[r]]++;
    for (let n0 = 0; n0 < size; n0 += block) {
      const B = Math.min(block, size - n0);
      hist.fill(0, 0, B * perNeuron);
      for (let r = 0; r < R; r++) {
        const base = letter.steps[r] * size + n0;
        const slotOff = letter.slot[r] * bins;
        for (let b = 0; b < B; b++) {
          const j = n0 + b;
          let k = Math.floor((data[base + b] - lo[j]) * scale[j]);
          if (k >= bins) k = bins - 1;
          else if (k < 0) k = 0;
          const off = b * perNeuron + k;
          hist[off]++;
          if (slotOff > 0) hist[off + slotOff]++;
        }
      }
      for (let b = 0; b < B; b++) {
        letter.pairs.forEach((p, local) => {
          const eqOff = b * perNeuron + (local + 1) * bins;
          const nEq = nPair[local + 1];
          distance[p * size + n0 + b] = distanceFromCounts(hist, eqOff, b * perNeuron, bins, nEq, R - nEq);
        });
      }
    }
  }
  return { size, min, max, distance };
}

/**
 * The two histograms ("= o", "≠ o") of one neuron for one pair, over the neuron's global range. `steps` are the
 * steps whose input is the pair's letter (so a top neuron costs one pass over those, not over the capture).
 */
export function pairHistograms(
  data: Float32Array,
  size: number,
  neuron: number,
  lo: number,
  hi: number,
  bins: number,
  targetId: Int32Array,
  steps: Int32Array,
  outputId: number,
): { eq: Float64Array; ne: Float64Array } {
  const eq = new Float64Array(bins);
  const ne = new Float64Array(bins);
  const scale = binScale(lo, hi, bins);
  for (let k = 0; k < steps.length; k++) {
    const s = steps[k];
    const b = binOf(data[s * size + neuron], lo, scale, bins);
    if (targetId[s] === outputId) eq[b]++;
    else ne[b]++;
  }
  return { eq, ne };
}

/** Merge `counts` (fine bins) into `bins` coarser ones: fine bin k goes to floor(k · bins / fine). */
export function rebin(counts: ArrayLike<number>, bins: number): number[] {
  const fine = counts.length;
  if (bins >= fine) return Array.from(counts);
  const out = new Array<number>(bins).fill(0);
  for (let k = 0; k < fine; k++) out[Math.floor((k * bins) / fine)] += counts[k];
  return out;
}

/**
 * A compact pair of histograms for the committed JSON: re-binned to at most `bins` bins and trimmed to the range
 * where either is non-zero (`offset` = index of the first kept bin).
 */
export interface CompactHistograms {
  min: number;
  max: number;
  bins: number;
  offset: number;
  eq: number[];
  ne: number[];
}

export function compactHistograms(
  eq: ArrayLike<number>,
  ne: ArrayLike<number>,
  lo: number,
  hi: number,
  bins: number,
): CompactHistograms {
  const a = rebin(eq, bins);
  const b = rebin(ne, bins);
  let first = 0;
  while (first < a.length && a[first] === 0 && b[first] === 0) first++;
  let last = a.length - 1;
  while (last > first && a[last] === 0 && b[last] === 0) last--;
  return { min: lo, max: hi, bins: a.length, offset: first, eq: a.slice(first, last + 1), ne: b.slice(first, last + 1) };
}
