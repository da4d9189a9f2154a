import { describe, expect, it } from 'vitest';
import { canonicalUnit, normalised, sampleRows } from '../../site/src/lib/sequence-rows.ts';

const tr = (layer: string, neuron: number) => ({ layer, neuron, values: [neuron, -neuron] });

describe('sequence rows', () => {
  it('maps concat units to their direction h', () => {
    expect(canonicalUnit('concat', 3, 10)).toEqual({ layer: 'fwd.h', neuron: 3 });
    expect(canonicalUnit('concat', 12, 10)).toEqual({ layer: 'bwd.h', neuron: 2 });
    expect(canonicalUnit('fwd.c', 12, 10)).toEqual({ layer: 'fwd.c', neuron: 12 });
  });

  it('shows the ranked cells in rank order, each unit once, then backward state rows', () => {
    const traces = [tr('fwd.i', 36), tr('fwd.f', 218), tr('fwd.c', 35), tr('fwd.h', 82), tr('bwd.i', 5), tr('bwd.c', 49), tr('bwd.h', 51), tr('concat', 82)];
    const best = [{ layer: 'fwd.h', neuron: 82 }, { layer: 'concat', neuron: 82 }, { layer: 'fwd.c', neuron: 35 }];
    expect(sampleRows(best, traces, 100).map((t) => `${t.layer} ${t.neuron}`)).toEqual(['fwd.h 82', 'fwd.c 35', 'bwd.h 51', 'bwd.c 49']);
  });

  it('adds no backward rows when a ranked cell is already backward', () => {
    const traces = [tr('bwd.h', 1), tr('bwd.c', 2), tr('fwd.h', 3)];
    expect(sampleRows([{ layer: 'concat', neuron: 11 }, { layer: 'fwd.h', neuron: 3 }], traces, 10).map((t) => `${t.layer} ${t.neuron}`)).toEqual(['bwd.h 1', 'fwd.h 3']);
  });

  it('normalises a row to its largest magnitude', () => {
    expect(normalised([1, -4, 2])).toEqual([0.25, -1, 0.5]);
  });
});
