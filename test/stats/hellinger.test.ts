import { describe, expect, it } from 'vitest';
import { hellinger } from '../../pipeline/stats/hellinger.ts';
import { compactHistograms, layerSelectivity, neuronRanges, pairHistograms, rebin } from '../../pipeline/stats/histogram.ts';
import { inputSteps } from '../../pipeline/stats/analysis-steps.ts';
import { selectPairs } from '../../pipeline/stats/pairs.ts';
import { syntheticCapture } from './synthetic-capture.ts';

describe('Hellinger distance', () => {
  it('is 0 for identical histograms (also when only the totals differ)', () => {
    expect(hellinger([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(hellinger([1, 2, 3], [10, 20, 30])).toBeCloseTo(0, 12);
  });
  it('is 1 for disjoint histograms', () => {
    expect(hellinger([5, 0, 0], [0, 3, 1])).toBe(1);
  });
  it('matches a hand-computed case', () => {
    // p = (1/2, 1/2), q = (1, 0): BC = sqrt(1/2), H = sqrt(1 − 0.70711) = 0.54120
    expect(hellinger([1, 1], [1, 0])).toBeCloseTo(Math.sqrt(1 - Math.SQRT1_2), 12);
    expect(hellinger([1, 1], [1, 0])).toBeCloseTo(0.5412, 4);
    // p = (0.25, 0.75), q = (0.75, 0.25): BC = 2·sqrt(3/16) = 0.86603, H = 0.36603
    expect(hellinger([1, 3], [3, 1])).toBeCloseTo(Math.sqrt(1 - Math.sqrt(3) / 2), 12);
  });
});

describe('layer selectivity (one pass for all pairs)', () => {
  it('equals the direct Hellinger distance of each neuron’s two histograms', () => {
    const layers = [{ name: 'fwd.h', size: 6 }];
    const syn = syntheticCapture({ sentences: 120, seed: 3, layers, plants: [{ layer: 'fwd.h', neuron: 2, input: 't', output: 'ծ', shift: 1 }] });
    const { meta, vocab } = syn.reader;
    const pairs = selectPairs(meta, vocab, 20);
    expect(pairs.length).toBeGreaterThan(0);
    const data = syn.layers.get('fwd.h')!;
    const bins = 37;
    const sel = layerSelectivity(data, 6, meta, pairs, bins);
    const { min, max } = neuronRanges(data, 6);
    pairs.forEach((p, k) => {
      const steps = inputSteps(meta, p.inputId);
      for (let j = 0; j < 6; j++) {
        const h = pairHistograms(data, 6, j, min[j], max[j], bins, meta.targetId, steps, p.outputId);
        expect(h.eq.reduce((a, b) => a + b, 0)).toBe(p.eq);
        expect(h.ne.reduce((a, b) => a + b, 0)).toBe(p.ne);
        expect(sel.distance[k * 6 + j]).toBeCloseTo(hellinger(h.eq, h.ne), 12);
      }
    });
  });

  it('gives a constant neuron distance 0', () => {
    const syn = syntheticCapture({ sentences: 60, seed: 4, layers: [{ name: 'x', size: 2 }], plants: [] });
    const data = syn.layers.get('x')!;
    for (let s = 0; s < syn.reader.steps; s++) data[s * 2] = 0.25;
    const pairs = selectPairs(syn.reader.meta, syn.reader.vocab, 10);
    const sel = layerSelectivity(data, 2, syn.reader.meta, pairs, 50);
    pairs.forEach((_, k) => expect(sel.distance[k * 2]).toBe(0));
  });

  it('re-bins and trims histograms without losing counts', () => {
    expect(rebin([1, 2, 3, 4, 5, 6], 3)).toEqual([3, 7, 11]);
    const c = compactHistograms([0, 0, 1, 2, 0, 0, 0, 0], [0, 0, 0, 3, 4, 0, 0, 0], -1, 1, 4);
    expect(c).toEqual({ min: -1, max: 1, bins: 4, offset: 1, eq: [3, 0], ne: [3, 4] });
  });
});
