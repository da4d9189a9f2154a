/**
 * Per-layer part of the pattern-cell analysis (see pattern.ts, which re-exports `analysePatternLayer`): every neuron
 * of one loaded layer scored inside vs outside the pattern's steps, in two passes in step order (the layout is
 * step-major), binned over the neuron's range over all steps like the selectivity histograms (histogram.ts).
 */
import type { PatternNeuron } from '../lib/schemas/analyses.ts';
import { Rng } from '../lib/rng.ts';
import { binValues } from './analysis-bins.ts';
import { hellinger, hellingerWithTotals } from './hellinger.ts';
import { binOf, neuronRanges } from './histogram.ts';
import type { PatternMark } from './pattern-mark.ts';
import { permutationDistances, summariseNull } from './uncertainty.ts';

export interface PatternLayerOptions {
  bins: number;
  /** Neurons of this layer kept in the result, best first. */
  top: number;
  /** How many of the best by distance, and of the best by |effect|, get a shuffled-label null and traces. */
  detailed: number;
  replicates: number;
  seed: number | string;
  /** Traces are rounded to this many decimals (small artifacts for the heatmaps). */
  decimals?: number;
}

export interface PatternLayerResult {
  layer: string;
  top: PatternNeuron[];
  /** The layer's neurons with the largest |effect| (standardized mean difference). */
  topByEffect: PatternNeuron[];
  /** traces[w][k]: activations of detailed neuron k over window w. */
  traces: { neuron: number; values: number[] }[][];
}

/** Weight of an outside step by its input letter: P_inside(letter) / P_outside(letter). */
function matchWeights(mark: PatternMark): Map<number, number> {
  const cin = new Map<number, number>();
  const cout = new Map<number, number>();
  for (let s = 0; s < mark.inside.length; s++) {
    const m = mark.inside[s] ? cin : cout;
    m.set(mark.inputId[s], (m.get(mark.inputId[s]) ?? 0) + 1);
  }
  const nIn = mark.insideSteps;
  const nOut = mark.inside.length - nIn;
  const w = new Map<number, number>();
  for (const [letter, c] of cin) {
    const o = cout.get(letter);
    if (o) w.set(letter, c / nIn / (o / nOut));
  }
  return w;
}

export function analysePatternLayer(
  acts: Float32Array,
  size: number,
  layer: string,
  mark: PatternMark,
  opt: PatternLayerOptions,
): PatternLayerResult {
  const steps = mark.inside.length;
  if (acts.length !== steps * size) throw new Error(`analysePatternLayer: ${layer} has ${acts.length} values, expected ${steps}×${size}`);
  const nIn = mark.insideSteps;
  const nOut = steps - nIn;
  const B = opt.bins;
  const { min, max } = neuronRanges(acts, size);
  const scale = Float64Array.from(min, (lo, j) => (max[j] > lo ? B / (max[j] - lo) : 0));
  const hIn = new Int32Array(size * B);
  const hOut = new Int32Array(size * B);
  const sumIn = new Float64Array(size);
  const sumOut = new Float64Array(size);
  const sqIn = new Float64Array(size);
  const sqOut = new Float64Array(size);
  // Letter-matched comparison: inside steps whose letter also occurs outside, against outside steps weighted by
  // P_inside(letter) / P_outside(letter), so both sides have the same mix of input letters and a mere detector of
  // the pattern's letters scores low.
  const letterWeight = matchWeights(mark);
  const hInMatched = new Float64Array(size * B);
  const hOutMatched = new Float64Array(size * B);
  for (let s = 0; s < steps; s++) {
    const base = s * size;
    const inside = mark.inside[s] === 1;
    const [h, sum, sq, hm] = inside ? [hIn, sumIn, sqIn, hInMatched] : [hOut, sumOut, sqOut, hOutMatched];
    const w = letterWeight.get(mark.inputId[s]) ?? 0;
    const wm = inside ? (w > 0 ? 1 : 0) : w;
    for (let j = 0; j < size; j++) {
      const v = acts[base + j];
      sum[j] += v;
      sq[j] += v * v;
      const k = j * B + binOf(v, min[j], scale[j], B);
      h[k]++;
      if (wm > 0) hm[k] += wm;
    }
  }
  const scored: PatternNeuron[] = [];
  for (let j = 0; j < size; j++) {
    const hist = (h: Int32Array) => h.subarray(j * B, (j + 1) * B);
    const meanInside = nIn ? sumIn[j] / nIn : 0;
    const meanOutside = nOut ? sumOut[j] / nOut : 0;
    const distance = hellingerWithTotals(hist(hIn), hist(hOut), nIn, nOut);
    const letterMatched = hellinger(hInMatched.subarray(j * B, (j + 1) * B), hOutMatched.subarray(j * B, (j + 1) * B));
    const diff = meanInside - meanOutside;
    const variance = (sq: number, n: number, m: number) => (n ? Math.max(0, sq / n - m * m) : 0);
    const pooled = Math.sqrt((variance(sqIn[j], nIn, meanInside) + variance(sqOut[j], nOut, meanOutside)) / 2);
    const effect = pooled > 0 ? diff / pooled : 0;
    scored.push({ layer, neuron: j, distance, letterMatched, meanInside, meanOutside, diff, effect });
  }
  const top = [...scored].sort((a, b) => b.distance - a.distance || a.neuron - b.neuron).slice(0, opt.top);
  const byEffect = (a: PatternNeuron, b: PatternNeuron) => Math.abs(b.effect!) - Math.abs(a.effect!) || a.neuron - b.neuron;
  const topByEffect = [...scored].sort(byEffect).slice(0, opt.top);
  const detailed = [...new Set([...top.slice(0, opt.detailed), ...topByEffect.slice(0, opt.detailed)])];
  const f = 10 ** (opt.decimals ?? 3);
  const column = new Float32Array(steps);
  for (const n of detailed) {
    for (let s = 0; s < steps; s++) column[s] = acts[s * size + n.neuron];
    const bins = binValues(column, min[n.neuron], max[n.neuron], B);
    const a = new Uint16Array(nIn);
    const b = new Uint16Array(nOut);
    for (let s = 0, ia = 0, ib = 0; s < steps; s++) mark.inside[s] ? (a[ia++] = bins[s]) : (b[ib++] = bins[s]);
    const rng = new Rng(opt.seed, `pattern/${mark.pattern}/${layer}/${n.neuron}`);
    n.null = summariseNull(permutationDistances({ bins: opt.bins, a, b }, rng, opt.replicates));
  }
  const traces = mark.windows.map((w) =>
    detailed.map((n) => ({
      neuron: n.neuron,
      values: Array.from({ length: w.length }, (_, k) => Math.round(acts[(w.step + k) * size + n.neuron] * f) / f),
    })),
  );
  return { layer, top, topByEffect, traces };
}
