/** The report stage's core: firing snippets, histograms for any neuron, and the example transliterations' rules. */
import { describe, expect, it } from 'vitest';
import { quantize, snippetWindow, topPeaks } from '../../pipeline/report/firing.ts';
import { neuronHistogram, pairSteps } from '../../pipeline/report/histograms.ts';
import { layerReport, snippetSentences } from '../../pipeline/report/layer.ts';
import { QUANT } from '../../pipeline/lib/schemas/report.ts';

/** Two neurons over three sentences (lengths 4, 3, 5): neuron 0 peaks in sentence 2, neuron 1 in sentence 0. */
const SIZE = 2;
const spans = [
  { start: 0, length: 4 },
  { start: 4, length: 3 },
  { start: 7, length: 5 },
];
const n0 = [0.1, 0.2, 0.3, 0.1, 0.5, 0.4, 0.0, 0.0, 0.1, 0.9, 0.2, 0.0];
const n1 = [0.8, 0.9, -0.5, 0.0, 0.1, 0.2, 0.3, -1, -1, -1, -1, 0.7];
const data = Float32Array.from(n0.flatMap((v, s) => [v, n1[s]]));

describe('firing snippets', () => {
  it('keep each neuron\'s highest activation per sentence, highest first, one per sentence', () => {
    const peaks = topPeaks(data, SIZE, spans, 2);
    expect(peaks[0].map((p) => [p.sentence, p.position])).toEqual([[2, 2], [1, 0]]);
    expect(peaks[1].map((p) => [p.sentence, p.position])).toEqual([[0, 1], [2, 4]]);
    expect(peaks[0][0].value).toBeCloseTo(0.9, 6);
  });

  it('windows stay inside the sentence and keep their length where they can', () => {
    expect(snippetWindow(0, 100, 5)).toEqual({ from: 0, to: 11 });
    expect(snippetWindow(99, 100, 5)).toEqual({ from: 89, to: 100 });
    expect(snippetWindow(50, 100, 5)).toEqual({ from: 45, to: 56 });
    expect(snippetWindow(2, 4, 5)).toEqual({ from: 0, to: 4 });
  });

  it('quantize to integers of the largest magnitude', () => {
    expect(quantize([1, -0.5, 0], 1)).toEqual([QUANT, Math.round(-QUANT / 2), 0]);
    expect(quantize([0, 0], 0)).toEqual([0, 0]);
  });
});

describe('histograms of any neuron', () => {
  it('split a pair\'s steps by output and count every step once', () => {
    const inputId = Int32Array.from([5, 5, 6, 5, 5, 6]);
    const targetId = Int32Array.from([1, 2, 1, 1, 3, 1]);
    const [p] = pairSteps(inputId, targetId, [{ inputId: 5, outputId: 1 }]);
    expect([...p.steps]).toEqual([0, 1, 3, 4]);
    expect([...p.equal]).toEqual([1, 0, 1, 0]);
    const acts = Float32Array.from([0, 1, 9, 0.1, 0.9, 9]);
    const h = neuronHistogram(acts, 1, 0, p, 2);
    const full = (xs: number[]) => [...new Array(h.offset).fill(0), ...xs];
    expect(full(h.eq).reduce((a, b) => a + b, 0)).toBe(2);
    expect(full(h.ne).reduce((a, b) => a + b, 0)).toBe(2);
    // The "= o" steps sit low (0, 0.1), the "≠ o" ones high (0.9, 1): disjoint bins.
    expect(h.min).toBe(0);
    expect(h.max).toBeCloseTo(1, 6);
    expect(h.eq[0]).toBe(2);
    expect(h.ne[h.ne.length - 1]).toBe(2);
  });
});

describe('a layer report', () => {
  it('covers every neuron: histograms of its best pairs, snippets by sentence, featured = first of some pair', () => {
    const sentences = spans;
    const inputId = Int32Array.from({ length: 12 }, (_, s) => (s % 2 ? 7 : 8));
    const targetId = Int32Array.from({ length: 12 }, (_, s) => (s % 3 ? 1 : 2));
    const pairs = [{ input: 'a', output: 'ա', inputId: 7, outputId: 1 }, { input: 'b', output: 'բ', inputId: 8, outputId: 2 }];
    const report = layerReport({
      layer: 'fwd.h', size: SIZE, data, sentences,
      pairSteps: pairSteps(inputId, targetId, pairs),
      neurons: { schemaVersion: 2, layer: 'fwd.h', size: SIZE, neurons: [
        { neuron: 0, pairs: [1, 0], hellinger: [0.5, 0.2] },
        { neuron: 1, pairs: [0, 1], hellinger: [0.7, 0.1] },
      ] },
      firsts: [1, 0],
    });
    expect(report.featured).toEqual([0, 1]);
    expect(report.neurons).toHaveLength(SIZE);
    const [a, b] = report.neurons;
    expect(b.histograms.map((h) => h.pair)).toEqual([0, 1]);
    expect(a.firing[0].sentence).toBe(2);
    expect(a.firing[0].values[a.firing[0].peak]).toBe(QUANT);
    expect(Math.abs(a.firing[0].values[a.firing[0].peak] * a.scale / QUANT - 0.9)).toBeLessThan(0.01);
    expect(snippetSentences([report])).toEqual([0, 1, 2]);
  });
});
