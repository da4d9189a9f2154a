/** The site's join of a layer's neuron pages (site/src/lib/neuron-data.ts), concat mapped onto fwd.h and bwd.h. */
import { describe, expect, it } from 'vitest';
import type { NeuronReportFile } from '../../pipeline/lib/schemas/report.ts';
import type { NeuronsFile } from '../../pipeline/lib/schemas/stats.ts';
import { neuronLayerView } from '../../site/src/lib/neuron-data.ts';

const histogram = { min: 0, max: 1, bins: 2, offset: 0, eq: [1, 0], ne: [0, 1] };
function report(layer: string, fire: number): NeuronReportFile {
  return {
    schemaVersion: 2, layer, size: 2, featured: [0],
    neurons: [0, 1].map((n) => ({ neuron: n, scale: 1, histograms: [{ pair: n, histogram }], firing: [{ sentence: fire, start: 1, values: [99, 0], peak: 0 }] })),
  };
}
function neurons(layer: string, h: number): NeuronsFile {
  return { schemaVersion: 2, layer, size: 2, neurons: [0, 1].map((n) => ({ neuron: n, pairs: [n, 1 - n], hellinger: [h + n / 10, 0.1] })) };
}
const columns = [
  { 'fwd.h': [0.1, 0.5], 'bwd.h': [0.6, 0.2] },
  { 'fwd.h': [0.3, 0.0], 'bwd.h': [0.0, 0.4] },
];
const base = {
  sentences: { schemaVersion: 1 as const, sentences: [{ sentence: 4, id: 0, input: 'dzu', output: 'ձ_ու' }, { sentence: 9, id: 0, input: 'abc', output: 'աբց' }] },
  pairs: [{ input: 'd', output: 'ձ' }, { input: 'u', output: 'ու' }],
  columns,
  patterns: null,
};

describe('neuron page data', () => {
  it('joins best pairs, ranks, histograms and snippet text for a layer', () => {
    const v = neuronLayerView({ ...base, layer: 'fwd.h', reports: [report('fwd.h', 4)], neurons: [neurons('fwd.h', 0.5)] });
    expect(v.featured).toEqual([0]);
    expect(v.neurons[1].pairs).toEqual([{ pair: 1, hellinger: 0.6, rank: 2 }, { pair: 0, hellinger: 0.1, rank: 1 }]);
    expect(v.neurons[1].histograms[0].hellinger).toBe(0.6);
    // Snippets take their text from the sentence table, the output split into units (ու is one).
    expect(v.neurons[0].firing[0]).toMatchObject({ input: 'zu', output: ['_', 'ու'] });
  });

  it('maps concat unit k onto fwd.h unit k, then bwd.h unit k − units, ranked in concat', () => {
    const v = neuronLayerView({
      ...base,
      layer: 'concat',
      reports: [report('fwd.h', 4), report('bwd.h', 9)],
      neurons: [neurons('fwd.h', 0.5), neurons('bwd.h', 0.8)],
    });
    expect(v.size).toBe(4);
    expect(v.neurons[2].firing[0].input).toBe('bc');
    expect(v.neurons[2].pairs[0]).toEqual({ pair: 0, hellinger: 0.8, rank: 1 });
    expect(v.neurons[1].pairs[0]).toEqual({ pair: 1, hellinger: 0.6, rank: 3 });
    // First for pair 0: concat 2 (0.6); for pair 1: concat 3 (0.4).
    expect(v.featured).toEqual([2, 3]);
  });
});
