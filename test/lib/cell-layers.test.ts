import { describe, expect, it } from 'vitest';
import { captureLayers, isSigmoidGateLayer, isStateLayer, perDirectionLayer } from '../../pipeline/lib/cell-layers.ts';

describe('cell layers (one list for model, capture, stats, beyond and the site)', () => {
  it('names every captured layer of each cell type in storage order', () => {
    const names = (cell: 'lstm' | 'gru' | 'rnn') =>
      captureLayers({ cell, units: 3, hidden: 2, inputSize: 5, outputSize: 7 }).map((l) => l.name);
    expect(names('lstm')).toEqual([
      'fwd.i', 'fwd.f', 'fwd.o', 'fwd.g', 'fwd.c', 'fwd.h',
      'bwd.i', 'bwd.f', 'bwd.o', 'bwd.g', 'bwd.c', 'bwd.h',
      'concat', 'hidden', 'output',
    ]);
    expect(names('gru')).toEqual(['fwd.z', 'fwd.r', 'fwd.g', 'fwd.h', 'bwd.z', 'bwd.r', 'bwd.g', 'bwd.h', 'concat', 'hidden', 'output']);
    expect(names('rnn')).toEqual(['fwd.h', 'bwd.h', 'concat', 'hidden', 'output']);
    const sizes = captureLayers({ cell: 'rnn', units: 3, hidden: 2, inputSize: 5, outputSize: 7 }).map((l) => l.size);
    expect(sizes).toEqual([3, 3, 6, 7, 7]);
  });

  it('classifies layer names', () => {
    expect(perDirectionLayer('bwd.z')).toEqual({ direction: 'bwd', gate: 'z' });
    for (const n of ['concat', 'hidden', 'output', 'fwd.x', 'mid.h']) expect(perDirectionLayer(n)).toBeNull();
    expect(['fwd.i', 'bwd.f', 'fwd.o', 'bwd.z', 'fwd.r'].every(isSigmoidGateLayer)).toBe(true);
    expect(['fwd.g', 'fwd.c', 'bwd.h', 'concat'].some(isSigmoidGateLayer)).toBe(false);
    expect(['fwd.c', 'bwd.c', 'fwd.h', 'bwd.h'].every(isStateLayer)).toBe(true);
    expect(['fwd.g', 'fwd.i', 'hidden'].some(isStateLayer)).toBe(false);
  });
});
