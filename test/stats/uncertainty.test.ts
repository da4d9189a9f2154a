import { describe, expect, it } from 'vitest';
import { Rng } from '../../pipeline/lib/rng.ts';
import { binValues } from '../../pipeline/stats/analysis-bins.ts';
import { hellinger } from '../../pipeline/stats/hellinger.ts';
import { halfSampleMasks, ReplicateTables } from '../../pipeline/stats/intervals.ts';
import { layerIntervals, permutationDistances, quantile } from '../../pipeline/stats/uncertainty.ts';

describe('hellinger', () => {
  it('is 0 for equal shapes, 1 for disjoint ones, and normalises counts', () => {
    expect(hellinger([1, 2, 3], [2, 4, 6])).toBeCloseTo(0, 12);
    expect(hellinger([1, 0], [0, 5])).toBe(1);
    expect(hellinger([1, 1], [1, 0])).toBeCloseTo(Math.sqrt(1 - Math.SQRT1_2), 12);
  });
});

describe('uncertainty', () => {
  it('quantile interpolates', () => {
    expect(quantile([0, 1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([0, 10], 0.95)).toBeCloseTo(9.5, 12);
  });

  it('permutation null is deterministic per seed', () => {
    const x = { bins: 4, a: Uint16Array.from([0, 0, 1, 1]), b: Uint16Array.from([2, 3, 3, 3]) };
    const p1 = permutationDistances(x, new Rng(3), 50);
    expect(p1).toEqual(permutationDistances(x, new Rng(3), 50));
    expect(Math.min(...p1)).toBeLessThan(1);
    expect(binValues([0, 0.5, 1], 0, 1, 4)).toEqual(Uint16Array.from([0, 2, 3]));
  });

  it('layerIntervals estimates on half B only, for the given neurons of a step-major layer', () => {
    const size = 3;
    const sentences = 120;
    const per = 6;
    const steps = sentences * per;
    const rng = new Rng(4);
    const acts = new Float32Array(steps * size);
    const sentence = Int32Array.from({ length: steps }, (_, s) => Math.floor(s / per));
    const half = Uint8Array.from(sentence, (k) => k % 2);
    for (let s = 0; s < steps; s++) {
      acts[s * size] = Math.tanh(rng.normal());
      acts[s * size + 1] = s % 2 === 0 ? 0.9 + 0.05 * rng.normal() : -0.9 + 0.05 * rng.normal();
      acts[s * size + 2] = Math.tanh(rng.normal());
    }
    const even = Int32Array.from({ length: steps / 2 }, (_, k) => 2 * k);
    const odd = Int32Array.from({ length: steps / 2 }, (_, k) => 2 * k + 1);
    const bSentences = Array.from({ length: sentences }, (_, k) => k).filter((k) => k % 2 === 1);
    const masks = halfSampleMasks(bSentences, sentences, 40, 9);
    const src = () => ({ sentence, half, tables: new ReplicateTables(masks), bins: 20, level: 0.9 });
    const ranges = { min: [-1, -1, -1], max: [1, 1, 1] };
    const full = { distance: new Float64Array(size), corrected: new Float64Array(size), auroc: new Float64Array(size), offset: 0 };
    const r = layerIntervals(acts, size, 'concat', even, odd, [1, 0], ranges, full, src());
    expect(r.map((x) => x.record.neuron)).toEqual([1, 0]);
    expect(r[0].record.estimate).toBeGreaterThan(0.95);
    expect(r[0].record.low).toBeGreaterThan(0.9);
    expect(Math.abs(r[1].record.estimate)).toBeLessThan(0.1);
    expect(r[1].record.low).toBeLessThan(r[1].record.estimate);
    expect(r[1].replicates).toHaveLength(40);
    expect(JSON.stringify(layerIntervals(acts, size, 'concat', even, odd, [1, 0], ranges, full, src()))).toBe(JSON.stringify(r));
    // Changing half A's values changes nothing (estimation uses half B only).
    for (let s = 0; s < steps; s++) if (half[s] === 0) acts[s * size] = 5;
    expect(layerIntervals(acts, size, 'concat', even, odd, [0], ranges, full, src())[0].record.estimate).toBe(r[1].record.estimate);
  });
});
