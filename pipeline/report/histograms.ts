import type { CompactHistograms } from '../lib/schemas/stats.ts';
import { binOf } from '../stats/histogram.ts';

/**
 * The post's figure for any neuron, not only each pair's top ones: the histograms of one neuron's activation over
 * the steps whose input is the pair's letter c, split by whether the output was o ("= o") or not ("≠ o"), on
 * `bins` equal bins over the neuron's range on those steps. Stored like the stats stage's (CompactHistograms: only
 * the non-empty bin range).
 */

export interface PairSteps {
  /** Steps whose input is the pair's letter, and per step whether its true output is the pair's output. */
  steps: Int32Array;
  equal: Uint8Array;
}

/** Group the capture's steps by analysed pair (input id, output id). */
export function pairSteps(inputId: Int32Array, targetId: Int32Array, pairs: { inputId: number; outputId: number }[]): PairSteps[] {
  const byInput = new Map<number, number[]>();
  for (let s = 0; s < inputId.length; s++) {
    const id = inputId[s];
    if (!pairs.some((p) => p.inputId === id)) continue;
    let list = byInput.get(id);
    if (!list) byInput.set(id, (list = []));
    list.push(s);
  }
  return pairs.map((p) => {
    const steps = Int32Array.from(byInput.get(p.inputId) ?? []);
    return { steps, equal: Uint8Array.from(steps, (s) => (targetId[s] === p.outputId ? 1 : 0)) };
  });
}

export function neuronHistogram(data: Float32Array, size: number, neuron: number, pair: PairSteps, bins: number): CompactHistograms {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of pair.steps) {
    const v = data[s * size + neuron];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) lo = hi = 0;
  const scale = hi > lo ? bins / (hi - lo) : 0;
  const eq = new Array<number>(bins).fill(0);
  const ne = new Array<number>(bins).fill(0);
  pair.steps.forEach((s, k) => {
    const b = binOf(data[s * size + neuron], lo, scale, bins);
    if (pair.equal[k]) eq[b]++;
    else ne[b]++;
  });
  let first = 0;
  while (first < bins - 1 && eq[first] === 0 && ne[first] === 0) first++;
  let last = bins - 1;
  while (last > first && eq[last] === 0 && ne[last] === 0) last--;
  return { min: lo, max: hi, bins, offset: first, eq: eq.slice(first, last + 1), ne: ne.slice(first, last + 1) };
}
