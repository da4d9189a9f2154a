import { describe, expect, it } from 'vitest';
import { analyse } from '../../pipeline/stats/analyse.ts';
import { layerSelectivity } from '../../pipeline/stats/histogram.ts';
import { NEURON_PAIRS, rankPairs, topNeurons } from '../../pipeline/stats/neurons.ts';
import { layerColumn, pairTop, rankOrder, TABLE_TOP } from '../../pipeline/lib/unit-ranking.ts';
import { pairLabel, selectPairs } from '../../pipeline/stats/pairs.ts';
import type { NeuronsFile, PairFile, PairsIndex } from '../../pipeline/lib/schemas/stats.ts';
import { NO_KERNELS, syntheticCapture } from './synthetic-capture.ts';

const layers = [
  { name: 'fwd.h', size: 12 },
  { name: 'bwd.h', size: 12 },
];

describe('neuron rankings', () => {
  it('ranks a planted selective neuron first for its pair, and its pair first for that neuron', () => {
    const syn = syntheticCapture({
      sentences: 300,
      seed: 9,
      layers,
      plants: [
        { layer: 'bwd.h', neuron: 7, input: 't', output: 'ծ', shift: 1.2 },
        { layer: 'fwd.h', neuron: 3, input: 's', output: '_', shift: -1.2 },
      ],
    });
    const { meta, vocab } = syn.reader;
    const pairs = selectPairs(meta, vocab, 50);
    const tc = pairs.findIndex((p) => pairLabel(p) === 't→ծ');
    const s_ = pairs.findIndex((p) => pairLabel(p) === 's→_');
    expect(tc).toBeGreaterThanOrEqual(0);
    expect(s_).toBeGreaterThanOrEqual(0);
    const bwd = layerSelectivity(syn.layers.get('bwd.h')!, 12, meta, pairs, 100);
    const ranked = topNeurons(bwd, 12, tc, 12);
    expect(ranked[0].neuron).toBe(7);
    expect(ranked[0].corrected).toBeGreaterThan(0.5);
    expect(ranked[1].corrected).toBeLessThan(0.2);
    expect(ranked[0].auroc).toBeGreaterThan(0.9);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].corrected).toBeGreaterThanOrEqual(ranked[i].corrected);
    const byNeuron = rankPairs(bwd, 12, pairs.length);
    expect(byNeuron[7].pairs[0]).toBe(tc);
    expect(byNeuron[7].pairs).toHaveLength(Math.min(NEURON_PAIRS, pairs.length));
    const fwd = layerSelectivity(syn.layers.get('fwd.h')!, 12, meta, pairs, 100);
    expect(topNeurons(fwd, 12, s_, 1)[0].neuron).toBe(3);
  });

  it('writes the pair files, neuron files and layer summary with the planted neuron on top', async () => {
    const syn = syntheticCapture({
      sentences: 200,
      seed: 10,
      layers,
      plants: [{ layer: 'bwd.h', neuron: 5, input: 't', output: 'ծ', shift: 1.5 }],
    });
    const out = await analyse(
      syn.reader,
      { bins: 60, minCount: 40, topNeurons: 3, histogramBins: 20, bootstrap: 0, uncertaintyLayers: [], patterns: [], seed: 1 },
      NO_KERNELS,
    );
    const index = out.get('stats/pairs/index.json') as PairsIndex;
    const info = index.pairs.find((p) => p.label === 't→ծ')!;
    const file = out.get(`stats/pairs/${info.file}`) as PairFile;
    expect(file.corrected['bwd.h']).toHaveLength(12);
    expect(rankOrder(file.corrected['bwd.h'])[0]).toBe(5);
    // The top list follows the column's ranking; raw numbers for TABLE_TOP, histograms for the first topNeurons.
    expect(file.top['bwd.h'].map((t) => t.neuron)).toEqual(rankOrder(file.corrected['bwd.h']).slice(0, TABLE_TOP));
    expect(file.top['bwd.h'].filter((t) => t.histogram)).toHaveLength(3);
    const h = file.top['bwd.h'][0].histogram!;
    expect(h.eq.reduce((a, b) => a + b, 0)).toBe(info.eq);
    expect(h.ne.reduce((a, b) => a + b, 0)).toBe(info.ne);
    const neurons = out.get('stats/neurons/bwd.h.json') as NeuronsFile;
    expect(index.pairs[neurons.neurons[5].pairs[0]].label).toBe('t→ծ');
    const summary = out.get('stats/layers.json') as { layers: { name: string; best: { neuron: number } }[]; mostSelectiveGate: string };
    expect(summary.layers.find((l) => l.name === 'bwd.h')!.best.neuron).toBe(5);
    expect(summary.mostSelectiveGate).toBe('h');
  });

  it('derives concat from fwd.h and bwd.h exactly as if it had been analysed itself', async () => {
    const syn = syntheticCapture({
      sentences: 200,
      seed: 11,
      layers: [...layers, { name: 'concat', size: 24 }],
      plants: [
        { layer: 'bwd.h', neuron: 5, input: 't', output: 'ծ', shift: 1.5 },
        { layer: 'concat', neuron: 17, input: 't', output: 'ծ', shift: 1.5 },
      ],
    });
    // Make concat = [fwd.h, bwd.h] step by step, as the capture does.
    const f = syn.layers.get('fwd.h')!;
    const b = syn.layers.get('bwd.h')!;
    const c = syn.layers.get('concat')!;
    for (let s = 0; s < f.length / 12; s++) {
      c.set(f.subarray(s * 12, s * 12 + 12), s * 24);
      c.set(b.subarray(s * 12, s * 12 + 12), s * 24 + 12);
    }
    const opt = { bins: 60, minCount: 40, topNeurons: 3, histogramBins: 20, bootstrap: 0, uncertaintyLayers: [], patterns: [], seed: 1 };
    const out = await analyse(syn.reader, opt, NO_KERNELS);
    expect(out.has('stats/neurons/concat.json')).toBe(false);
    const { meta } = syn.reader;
    const pairs = selectPairs(meta, syn.reader.vocab, opt.minCount);
    const sel = layerSelectivity(c, 24, meta, pairs, opt.bins);
    pairs.forEach((p, k) => {
      const file = out.get(`stats/pairs/${(out.get('stats/pairs/index.json') as PairsIndex).pairs[k].file}`) as PairFile;
      expect(file.corrected.concat).toBeUndefined();
      const direct = topNeurons(sel, 24, k, 24);
      expect(rankOrder(layerColumn(file.corrected, 'concat')!)).toEqual(direct.map((n) => n.neuron));
      const derived = pairTop(file, 'concat')!;
      expect(derived.map(({ histogram: _h, ...n }) => n)).toEqual(direct.slice(0, TABLE_TOP));
      expect(derived.filter((t) => t.histogram)).toHaveLength(opt.topNeurons);
    });
  });
});
