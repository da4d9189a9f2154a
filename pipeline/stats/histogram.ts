import type { StepMeta } from '../capture/types.ts';
import type { Pair } from './pairs.ts';

/**
 * Selectivity of every neuron of one layer for every pair at once (the post's "Statistics 1"), in two passes over
 * the activations: (1) each neuron's min and max over all captured steps; (2) each step's bin index, counted into
 * one histogram per input letter c (all its outputs) and one per pair (c, o). The "≠ o" histogram is then
 * "all of c" − "= o", so no step is visited once per pair.
 * The second pass walks neurons in blocks, reading each step's block of contiguous values, so the step-major
 * layout is read in order.
 */

export interface LayerSelectivity {
  size: number;
  /** Each neuron's range over all captured steps: the histograms' bin edges. */
  min: Float32Array;
  max: Float32Array;
  /** Hellinger distance of neuron j for pair p at [p * size + j]. */
  distance: Float64Array;
}

/** Steps that belong to some pair's input letter, with their histogram slots. */
interface Slots {
  steps: Int32Array;
  /** Slot of the step's input letter (0..letters-1). */
  letter: Int32Array;
  /** Slot of the step's pair (letters + pair index), or -1 when its output is not an analysed one. */
  pair: Int32Array;
  letters: number;
  /** Letter slot of each pair. */
  pairLetter: Int32Array;
}

function buildSlots(meta: StepMeta, pairs: Pair[]): Slots {
  const letterOf = new Map<number, number>();
  for (const p of pairs) if (!letterOf.has(p.inputId)) letterOf.set(p.inputId, letterOf.size);
  const pairOf = new Map<string, number>();
  pairs.forEach((p, i) => pairOf.set(`${p.inputId},${p.outputId}`, i));
  const steps: number[] = [];
  const letter: number[] = [];
  const pair: number[] = [];
  const n = meta.inputId.length;
  for (let s = 0; s < n; s++) {
    const l = letterOf.get(meta.inputId[s]);
    if (l === undefined) continue;
    steps.push(s);
    letter.push(l);
    const p = pairOf.get(`${meta.inputId[s]},${meta.targetId[s]}`);
    pair.push(p === undefined ? -1 : letterOf.size + p);
  }
  return {
    steps: Int32Array.from(steps),
    letter: Int32Array.from(letter),
    pair: Int32Array.from(pair),
    letters: letterOf.size,
    pairLetter: Int32Array.from(pairs, (p) => letterOf.get(p.inputId)!),
  };
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

/** Memory for the block's histograms stays under this many counters (×4 bytes). */
const MAX_COUNTERS = 16 * 1024 * 1024;

export function layerSelectivity(
  data: Float32Array,
  size: number,
  meta: StepMeta,
  pairs: Pair[],
  bins: number,
  onBlock?: (neuronsDone: number) => void,
): LayerSelectivity {
  const steps = meta.inputId.length;
  if (data.length !== steps * size) throw new Error(`layer holds ${data.length} values, expected ${steps}×${size}`);
  const { min, max } = neuronRanges(data, size);
  const distance = new Float64Array(pairs.length * size);
  if (pairs.length === 0) return { size, min, max, distance };
  const slots = buildSlots(meta, pairs);
  const groups = slots.letters + pairs.length;
  const perNeuron = groups * bins;
  const block = Math.max(1, Math.min(32, Math.floor(MAX_COUNTERS / perNeuron)));
  const hist = new Uint32Array(block * perNeuron);
  const lo = new Float64Array(block);
  const scale = new Float64Array(block);
  // Each pair's own counts (n_eq, n_ne) from the same steps the histograms see.
  const nLetter = new Float64Array(slots.letters);
  const nPair = new Float64Array(pairs.length);
  for (let r = 0; r < slots.steps.length; r++) {
    nLetter[slots.letter[r]]++;
    if (slots.pair[r] >= 0) nPair[slots.pair[r] - slots.letters]++;
  }
  const R = slots.steps.length;
  for (let n0 = 0; n0 < size; n0 += block) {
    const B = Math.min(block, size - n0);
    hist.fill(0);
    for (let b = 0; b < B; b++) {
      lo[b] = min[n0 + b];
      scale[b] = binScale(min[n0 + b], max[n0 + b], bins);
    }
    for (let r = 0; r < R; r++) {
      const base = slots.steps[r] * size + n0;
      const letterOff = slots.letter[r] * bins;
      const pairOff = slots.pair[r] >= 0 ? slots.pair[r] * bins : -1;
      for (let b = 0; b < B; b++) {
        let k = Math.floor((data[base + b] - lo[b]) * scale[b]);
        if (k >= bins) k = bins - 1;
        else if (k < 0) k = 0;
        const off = b * perNeuron + k;
        hist[off + letterOff]++;
        if (pairOff >= 0) hist[off + pairOff]++;
      }
    }
    for (let b = 0; b < B; b++) {
      for (let p = 0; p < pairs.length; p++) {
        const eqOff = b * perNeuron + (slots.letters + p) * bins;
        const totOff = b * perNeuron + slots.pairLetter[p] * bins;
        const nEq = nPair[p];
        distance[p * size + n0 + b] = distanceFromCounts(hist, eqOff, totOff, bins, nEq, nLetter[slots.pairLetter[p]] - nEq);
      }
    }
    onBlock?.(n0 + B);
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
