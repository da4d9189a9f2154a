import { describe, expect, it } from 'vitest';
import { Rng } from '../../pipeline/lib/rng.ts';
import { basicInterval, halfSampleMasks, replicateCorrected, ReplicateTables, sampleCorrected } from '../../pipeline/stats/intervals.ts';
import { drawSample, type SyntheticSpec } from './synthetic-selectivity.ts';

/**
 * Coverage of the half-sampling basic interval on synthetic data with a known answer: sentences of correlated steps
 * (a shared sentence effect), 1000 bins. The target is the expected corrected selectivity at the sample's size,
 * computed by simulation from 200 independent samples; the interval is built from ONE sample, 100 times.
 */
const specs: [string, SyntheticSpec][] = [
  ['selective', { sentences: 300, perSentence: 10, pA: 0.15, muA: 0.5, muB: 0, sigma: 0.5, tau: 0.2, bins: 1000 }],
  ['not selective', { sentences: 300, perSentence: 10, pA: 0.15, muA: 0, muB: 0, sigma: 0.5, tau: 0.2, bins: 1000 }],
  ['strong, small, clustered', { sentences: 120, perSentence: 8, pA: 0.3, muA: 1, muB: 0, sigma: 0.4, tau: 0.3, bins: 1000 }],
];

describe('interval coverage (nominal 90%)', () => {
  for (const [name, spec] of specs)
    it(`covers at least 85% of the time: ${name}`, () => {
      const rng = new Rng(5, name);
      let truth = 0;
      const T = 200;
      for (let i = 0; i < T; i++) truth += sampleCorrected(drawSample(spec, rng)) / T;
      const pool = Array.from({ length: spec.sentences }, (_, i) => i);
      let cover = 0;
      let inside = 0;
      const D = 100;
      for (let d = 0; d < D; d++) {
        const x = drawSample(spec, rng);
        const est = sampleCorrected(x);
        const iv = basicInterval(est, replicateCorrected(x, new ReplicateTables(halfSampleMasks(pool, spec.sentences, 100, `d${d}`))), 0.9);
        if (iv.low <= truth && truth <= iv.high) cover++;
        if (iv.low <= iv.estimate && iv.estimate <= iv.high) inside++;
      }
      expect(cover / D).toBeGreaterThanOrEqual(0.85);
      expect(inside / D).toBeGreaterThanOrEqual(0.9);
    });
});
