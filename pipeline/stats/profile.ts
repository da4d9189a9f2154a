/**
 * Named units found by their pair profile, so they can be followed across runs and seeds (issue 13):
 * - `neuron-70`: the post's neuron #70, which responds to s → _, h → հ, h → _ and o → օ;
 * - `sz-lookahead`: the post's bwd.h #62, a unit that knows whether the NEXT letter is s or z, which decides the letter
 *   before it (t → ծ and t → ց in ts, d → ձ in dz). Not s → _ / z → _: those are the second letters of ts / dz, a
 *   look-back that #70's own profile already covers (with them this role picked the #70 unit again).
 * A unit's profile score = its mean corrected selectivity on the profile pairs − its mean on the other post pairs.
 * The unit is CHOSEN on half A of the sentences and its score MEASURED on half B, with a half-sampling interval
 * (intervals.ts), so the choice among hundreds of units does not inflate the reported score.
 */
import type { NamedUnit } from './pattern-specificity.ts';
import { combineReplicates, basicInterval } from './intervals.ts';
import { layerIntervals, type IntervalSource } from './uncertainty.ts';

export const NAMED_PROFILES = [
  { name: 'neuron-70', profile: ['s→_', 'h→հ', 'h→_', 'o→օ'] },
  { name: 'sz-lookahead', profile: ['t→ծ', 't→ց', 'd→ձ'] },
] as const;

export interface ProfilePair {
  label: string;
  mirror: string | null;
  section: 'post' | 'copy';
}

export interface ProfileScores {
  corrected: Float64Array;
  correctedA: Float64Array;
  correctedB: Float64Array;
  distance: Float64Array;
  auroc: Float64Array;
  min: ArrayLike<number>;
  max: ArrayLike<number>;
}

/** Pair indices of the profile's labels (a label dropped as a mirror maps to the pair kept), deduplicated. */
export function profileIndices(pairs: ProfilePair[], profile: readonly string[]): number[] {
  const idx = new Set<number>();
  for (const label of profile) {
    const k = pairs.findIndex((p) => p.label === label || p.mirror === label);
    if (k >= 0) idx.add(k);
  }
  return [...idx].sort((a, b) => a - b);
}

export function findProfileUnit(
  name: string,
  profile: readonly string[],
  layer: string,
  size: number,
  acts: Float32Array,
  pairs: ProfilePair[],
  sel: ProfileScores,
  steps: { eq: Int32Array[]; ne: Int32Array[] },
  src: () => IntervalSource,
): NamedUnit | null {
  const inP = profileIndices(pairs, profile);
  const others = pairs.map((p, k) => k).filter((k) => pairs[k].section === 'post' && !inP.includes(k));
  if (inP.length === 0 || others.length === 0) return null;
  const score = (c: Float64Array, j: number) =>
    inP.reduce((s, p) => s + c[p * size + j], 0) / inP.length - others.reduce((s, p) => s + c[p * size + j], 0) / others.length;
  let unit = 0;
  for (let j = 1; j < size; j++) if (score(sel.correctedA, j) > score(sel.correctedA, unit)) unit = j;
  const estimate = (k: number) => {
    const [r] = layerIntervals(acts, size, layer, steps.eq[k], steps.ne[k], [unit], sel, { ...sel, offset: k * size }, src());
    return r;
  };
  const resP = inP.map(estimate);
  const resO = others.map(estimate);
  const value = resP.reduce((s, r) => s + r.plain, 0) / inP.length - resO.reduce((s, r) => s + r.plain, 0) / others.length;
  const reps = combineReplicates(
    [...resP, ...resO].map((r) => r.replicates),
    [...resP.map(() => 1 / inP.length), ...resO.map(() => -1 / others.length)],
  );
  const iv = basicInterval(value, reps);
  const ranked = pairs
    .map((p, k) => ({ k, v: sel.corrected[k * size + unit] }))
    .filter(({ k }) => pairs[k].section === 'post')
    .sort((a, b) => b.v - a.v || a.k - b.k)
    .slice(0, inP.length)
    .map(({ k }) => k);
  const U = size / 2;
  const isConcat = layer === 'concat';
  return {
    name,
    layer,
    neuron: unit,
    direction: isConcat ? (unit < U ? 'fwd' : 'bwd') : null,
    unit: isConcat && unit >= U ? unit - U : unit,
    profilePairs: inP.map((k) => pairs[k].label),
    topPairs: ranked.map((k) => pairs[k].label),
    topPairsOverlap: ranked.filter((k) => inP.includes(k)).length,
    test: { value: iv.estimate, interval: [iv.low, iv.high], pValue: iv.pValue },
  };
}
