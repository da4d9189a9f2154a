/**
 * Synthetic two-class neuron data with a known answer, for the corrected selectivity and interval tests: sentences
 * of `perSentence` steps, each step "= o" with probability `pA`; a value is tanh(N(μ_class + u_sentence, σ)), with a
 * sentence effect u ~ N(0, τ) shared by the sentence's steps (so steps are not independent, as in a real capture).
 * `trueHellinger` integrates the two classes' marginal bin probabilities over [−1, 1] in `bins` bins.
 */
import { Rng } from '../../pipeline/lib/rng.ts';
import type { BinnedSample } from '../../pipeline/stats/intervals.ts';

export interface SyntheticSpec {
  sentences: number;
  perSentence: number;
  pA: number;
  muA: number;
  muB: number;
  sigma: number;
  tau: number;
  bins: number;
}

export function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

export function binOfUnit(v: number, bins: number): number {
  const b = Math.floor(((v + 1) / 2) * bins);
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}

export function drawSample(spec: SyntheticSpec, rng: Rng): BinnedSample {
  const n = spec.sentences * spec.perSentence;
  const bin = new Uint16Array(n);
  const isA = new Uint8Array(n);
  const sentence = new Int32Array(n);
  let k = 0;
  for (let s = 0; s < spec.sentences; s++) {
    const u = normal(rng) * spec.tau;
    for (let i = 0; i < spec.perSentence; i++, k++) {
      const a = rng.next() < spec.pA;
      isA[k] = a ? 1 : 0;
      sentence[k] = s;
      bin[k] = binOfUnit(Math.tanh((a ? spec.muA : spec.muB) + u + normal(rng) * spec.sigma), spec.bins);
    }
  }
  return { bins: spec.bins, bin, isA, sentence };
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7). */
export function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/** Population Hellinger distance between the two classes' binned marginals. */
export function trueHellinger(spec: SyntheticSpec): number {
  const sd = Math.sqrt(spec.sigma ** 2 + spec.tau ** 2);
  const cdf = (v: number, mu: number) => (v <= -1 ? 0 : v >= 1 ? 1 : phi((Math.atanh(v) - mu) / sd));
  let bc = 0;
  for (let k = 0; k < spec.bins; k++) {
    const lo = -1 + (2 * k) / spec.bins;
    const hi = -1 + (2 * (k + 1)) / spec.bins;
    const p = cdf(hi, spec.muA) - cdf(lo, spec.muA);
    const q = cdf(hi, spec.muB) - cdf(lo, spec.muB);
    if (p > 0 && q > 0) bc += Math.sqrt(p * q);
  }
  return Math.sqrt(Math.max(0, 1 - bc));
}
