import type { StepMeta } from '../capture/types.ts';
import { NullTable, scoreCounts, type BinnedScores } from './null-expectation.ts';
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
  /** Raw Hellinger distance of neuron j for pair p at [p * size + j] (the post's number). */
  distance: Float64Array;
  /** Bias-corrected selectivity: raw − its shuffled-label expectation (null-expectation.ts); ≈ 0 = not selective. */
  corrected: Float64Array;
  /** AUROC of the "= o" values against the "≠ o" values (P(eq > ne) + ½ P(same bin)); 0.5 = not selective. */
  auroc: Float64Array;
  /** `corrected` on the steps of half A / half B of the sentences only (selection on A, estimation on B). */
  correctedA: Float64Array;
  correctedB: Float64Array;
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

/** A block's histograms stay under this many counters (×4 bytes), so they stay in the CPU's L2 cache. */
const BLOCK_COUNTERS = 64 * 1024;

/**
 * `half` (optional): per step 0 or 1, the half of the sentences the step's sentence belongs to (halves.ts); the
 * histograms are kept per half, so the full-data, half-A and half-B scores come from one counting pass.
 */
export function layerSelectivity(
  data: Float32Array,
  size: number,
  meta: StepMeta,
  pairs: Pair[],
  bins: number,
  half?: Uint8Array,
): LayerSelectivity {
  const steps = meta.inputId.length;
  if (data.length !== steps * size) throw new Error(`layer holds ${data.length} values, expected ${steps}×${size}`);
  const { min, max } = neuronRanges(data, size);
  const mk = () => new Float64Array(pairs.length * size);
  const out: LayerSelectivity = { size, min, max, distance: mk(), corrected: mk(), auroc: mk(), correctedA: mk(), correctedB: mk() };
  const lo = new Float64Array(size);
  const scale = new Float64Array(size);
  for (let j = 0; j < size; j++) {
    lo[j] = min[j];
    scale[j] = binScale(min[j], max[j], bins);
  }
  const fullEq = new Float64Array(bins);
  const fullTot = new Float64Array(bins);
  const score: BinnedScores = { raw: 0, corrected: 0, auroc: 0, bc: 1, expectedBc: 1 };
  // Letter by letter, neuron block by neuron block. Per neuron and half h: histogram (h, 0) counts all the letter's
  // steps, (h, 1 + k) those of its k-th pair; "≠ o" = (h, 0) − (h, 1 + k); the full data = half 0 + half 1.
  for (const letter of groupByLetter(meta, pairs)) {
    const groups = 1 + letter.pairs.length;
    const perHalf = groups * bins;
    const perNeuron = 2 * perHalf;
    const block = Math.max(1, Math.min(size, Math.floor(BLOCK_COUNTERS / perNeuron)));
    const hist = new Uint32Array(block * perNeuron);
    const R = letter.steps.length;
    const stepHalf = new Int32Array(R);
    const nPair = [new Float64Array(groups), new Float64Array(groups)];
    for (let r = 0; r < R; r++) {
      const h = half ? half[letter.steps[r]] : 0;
      stepHalf[r] = h * perHalf;
      nPair[h][0]++;
      if (letter.slot[r] > 0) nPair[h][letter.slot[r]]++;
    }
    const tables = letter.pairs.map((_, local) => {
      const [a, b] = [nPair[0][local + 1], nPair[1][local + 1]];
      return {
        full: new NullTable(R, a + b),
        A: new NullTable(nPair[0][0], a),
        B: new NullTable(nPair[1][0], b),
      };
    });
    for (let n0 = 0; n0 < size; n0 += block) {
      const B = Math.min(block, size - n0);
      hist.fill(0, 0, B * perNeuron);
      for (let r = 0; r < R; r++) {
        const base = letter.steps[r] * size + n0;
        const slotOff = letter.slot[r] * bins;
        const halfOff = stepHalf[r];
        for (let b = 0; b < B; b++) {
          const j = n0 + b;
          let k = Math.floor((data[base + b] - lo[j]) * scale[j]);
          if (k >= bins) k = bins - 1;
          else if (k < 0) k = 0;
          const off = b * perNeuron + halfOff + k;
          hist[off]++;
          if (slotOff > 0) hist[off + slotOff]++;
        }
      }
      for (let b = 0; b < B; b++) {
        const base = b * perNeuron;
        letter.pairs.forEach((p, local) => {
          const eqOff = (local + 1) * bins;
          const t = tables[local];
          const at = p * size + n0 + b;
          for (let k = 0; k < bins; k++) {
            fullEq[k] = hist[base + eqOff + k] + hist[base + perHalf + eqOff + k];
            fullTot[k] = hist[base + k] + hist[base + perHalf + k];
          }
          scoreCounts(fullEq, 0, fullTot, 0, bins, t.full.drawn, t.full, score);
          out.distance[at] = score.raw;
          out.corrected[at] = score.corrected;
          out.auroc[at] = score.auroc;
          if (!half) {
            out.correctedA[at] = out.correctedB[at] = out.corrected[at];
            return;
          }
          scoreCounts(hist, base + eqOff, hist, base, bins, t.A.drawn, t.A, score);
          out.correctedA[at] = score.corrected;
          scoreCounts(hist, base + perHalf + eqOff, hist, base + perHalf, bins, t.B.drawn, t.B, score);
          out.correctedB[at] = score.corrected;
        });
      }
    }
  }
  return out;
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
