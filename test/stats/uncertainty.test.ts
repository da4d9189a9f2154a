import { describe, expect, it } from 'vitest';
import { Rng } from '../../pipeline/lib/rng.ts';
import { binValues } from '../../pipeline/stats/analysis-bins.ts';
import { hellinger } from '../../pipeline/stats/hellinger.ts';
import {
  bootstrapDistances,
  layerUncertainty,
  neuronUncertainty,
  permutationDistances,
  quantile,
} from '../../pipeline/stats/uncertainty.ts';

const normals = (rng: Rng, n: number, mu: number) => Float64Array.from({ length: n }, () => mu + rng.normal());
const opts = { bins: 30, replicates: 200, seed: 5, label: 'test', stream: 's' };

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

  it('bootstrap interval contains the true distance of two shifted normals', () => {
    // Two unit normals 1 apart: H² = 1 − exp(−Δ²/8).
    const truth = Math.sqrt(1 - Math.exp(-1 / 8));
    const rng = new Rng(1, 'normals');
    const r = neuronUncertainty(normals(rng, 4000, 0), normals(rng, 4000, 1), opts);
    expect(r.low).toBeLessThan(truth);
    expect(r.high).toBeGreaterThan(truth);
    expect(r.low).toBeLessThan(r.distance);
    expect(r.high).toBeGreaterThan(r.distance);
    expect(r.high - r.low).toBeLessThan(0.1);
    // A real difference stands far above the shuffled-label null.
    expect(r.null.p95).toBeLessThan(r.distance / 3);
  });

  it('shuffled-label null matches the noise level of an unrelated neuron', () => {
    const rng = new Rng(2, 'noise');
    const r = neuronUncertainty(normals(rng, 1500, 0), normals(rng, 500, 0), opts);
    expect(r.null.replicates).toBe(200);
    expect(r.null.mean).toBeGreaterThan(0.05); // sparse histograms: noise alone gives a positive distance
    expect(Math.abs(r.distance - r.null.mean)).toBeLessThan(0.05);
    expect(r.null.p95).toBeGreaterThan(r.null.mean);
  });

  it('resamples from the precomputed bins and is deterministic per seed', () => {
    const x = { bins: 4, a: Uint16Array.from([0, 0, 1, 1]), b: Uint16Array.from([2, 3, 3, 3]) };
    // Disjoint supports stay disjoint whatever the resample: every replicate is 1.
    expect([...bootstrapDistances(x, new Rng(1), 20)].every((d) => d === 1)).toBe(true);
    const p1 = permutationDistances(x, new Rng(3), 50);
    expect(p1).toEqual(permutationDistances(x, new Rng(3), 50));
    expect(Math.min(...p1)).toBeLessThan(1);
    expect(binValues([0, 0.5, 1], 0, 1, 4)).toEqual(Uint16Array.from([0, 2, 3]));
  });

  it('layerUncertainty reads the right neuron of a step-major layer', () => {
    const size = 3;
    const steps = 600;
    const rng = new Rng(4);
    const acts = new Float32Array(steps * size);
    for (let s = 0; s < steps; s++) {
      acts[s * size] = rng.normal();
      acts[s * size + 1] = s % 2 === 0 ? 1 + 0.1 * rng.normal() : -1 + 0.1 * rng.normal();
      acts[s * size + 2] = rng.normal();
    }
    const even = Int32Array.from({ length: steps / 2 }, (_, k) => 2 * k);
    const odd = Int32Array.from({ length: steps / 2 }, (_, k) => 2 * k + 1);
    const o = { bins: 20, replicates: 50, seed: 9, label: 'p' };
    const r = layerUncertainty(acts, size, 'concat', even, odd, [1, 0], o);
    expect(r.map((x) => x.neuron)).toEqual([1, 0]);
    expect(r[0].distance).toBe(1);
    expect(r[0].low).toBe(1);
    expect(r[1].distance).toBeLessThan(0.3);
    expect(JSON.stringify(layerUncertainty(acts, size, 'concat', even, odd, [1, 0], o))).toBe(JSON.stringify(r));
    const other = layerUncertainty(acts, size, 'concat', even, odd, [0], { ...o, seed: 10 });
    expect(other[0].distance).toBe(r[1].distance);
    expect(other[0].low).not.toBe(r[1].low);
  });
});
