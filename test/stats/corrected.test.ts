import { describe, expect, it } from 'vitest';
import { Rng } from '../../pipeline/lib/rng.ts';
import { binValues, valueRange } from '../../pipeline/stats/analysis-bins.ts';
import { exactRootProduct, NullTable, scoreCounts, type BinnedScores } from '../../pipeline/stats/null-expectation.ts';
import { permutationDistances } from '../../pipeline/stats/uncertainty.ts';
import { normal } from './synthetic-selectivity.ts';

const BINS = 1000;

/** Raw distance, corrected selectivity and AUROC of class A vs class B values, binned over their joint range. */
function scores(a: ArrayLike<number>, b: ArrayLike<number>): BinnedScores & { binsA: Uint16Array; binsB: Uint16Array } {
  const all = Float64Array.from([...Array.from(a), ...Array.from(b)]);
  const { lo, hi } = valueRange(all);
  const binsA = binValues(a, lo, hi, BINS);
  const binsB = binValues(b, lo, hi, BINS);
  const ha = new Float64Array(BINS);
  const tot = new Float64Array(BINS);
  for (const k of binsA) (ha[k]++, tot[k]++);
  for (const k of binsB) tot[k]++;
  const out = { raw: 0, corrected: 0, auroc: 0, bc: 1, expectedBc: 1 };
  scoreCounts(ha, 0, tot, 0, BINS, a.length, new NullTable(a.length + b.length, a.length), out);
  return { ...out, binsA, binsB };
}

const draw = (rng: Rng, n: number, f: () => number) => Float64Array.from({ length: n }, f);

describe('bias-corrected selectivity', () => {
  it('E[sqrt(X(T−X))] of the hypergeometric: exact sum matches a direct enumeration', () => {
    const lnC = (n: number, k: number) => {
      let s = 0;
      for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
      return s;
    };
    for (const [T, N, n] of [[5, 50, 10], [40, 400, 30], [7, 20, 13]]) {
      let e = 0;
      for (let x = Math.max(0, n - (N - T)); x <= Math.min(T, n); x++) e += Math.exp(lnC(T, x) + lnC(N - T, n - x) - lnC(N, n)) * Math.sqrt(x * (T - x));
      expect(exactRootProduct(T, N, n)).toBeCloseTo(e, 10);
    }
  });

  it('its shuffled-label expectation of BC matches real label permutations', () => {
    const rng = new Rng(2, 'perm');
    for (const [nA, nB, spread] of [[300, 3000, 0.3], [2000, 20000, 0.05], [300, 300, 0.2]]) {
      const f = () => Math.tanh(normal(rng) * spread * 3);
      const s = scores(draw(rng, nA, f), draw(rng, nB, f));
      const perm = permutationDistances({ bins: BINS, a: s.binsA, b: s.binsB }, new Rng(3, 'p'), 300);
      const meanBc = perm.reduce((acc, h) => acc + (1 - h * h), 0) / perm.length;
      expect(Math.abs(s.expectedBc - meanBc), `${nA}/${nB}/${spread}`).toBeLessThan(0.003);
    }
  });

  it('is ≈ 0 for identical distributions at any sample size and range spread (raw is not)', () => {
    const rng = new Rng(1, 'null');
    for (const [nA, nB] of [[60, 600], [300, 3000], [3000, 3000]])
      for (const spread of [0.02, 0.3, 1.5]) {
        const f = () => Math.tanh(normal(rng) * spread);
        const draws = 30;
        const c: number[] = [];
        let raw = 0;
        for (let d = 0; d < draws; d++) {
          const s = scores(draw(rng, nA, f), draw(rng, nB, f));
          c.push(s.corrected);
          raw += s.raw / draws;
        }
        const mean = c.reduce((a, b) => a + b, 0) / draws;
        const se = Math.sqrt(c.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws - 1) / draws);
        // Zero within sampling error (3 standard errors), and small in absolute terms; the raw distance is far off.
        expect(Math.abs(mean), `n ${nA}/${nB} spread ${spread}`).toBeLessThan(3 * se + 0.002);
        expect(Math.abs(mean)).toBeLessThan(0.05);
        expect(raw).toBeGreaterThan(0.1);
      }
  });

  it('ranks a planted selective neuron above a wide-range noise neuron that the raw distance ranks higher', () => {
    const rng = new Rng(5, 'plant');
    const [nA, nB] = [300, 3000];
    // Selective: concentrated values (few bins), class A shifted by one standard deviation; one outlier per class
    // stretches the range as a real neuron's rare extremes do.
    const sel = scores(
      [...draw(rng, nA - 1, () => 0.1 + 0.05 * normal(rng)), -1],
      [...draw(rng, nB - 1, () => 0.05 * normal(rng)), 1],
    );
    // Noise: both classes uniform over the whole range (every bin occupied).
    const noise = scores(draw(rng, nA, () => 2 * rng.next() - 1), draw(rng, nB, () => 2 * rng.next() - 1));
    expect(noise.raw).toBeGreaterThan(sel.raw);
    // corrected is on the squared scale: the selective neuron's true H² is 1 − exp(−2²/8) = 0.39.
    expect(sel.corrected).toBeGreaterThan(noise.corrected + 0.2);
    expect(sel.corrected).toBeGreaterThan(0.3);
    expect(Math.abs(noise.corrected)).toBeLessThan(0.03);
    // AUROC, bin-free: the selective neuron's class A is higher; the noise neuron is at chance.
    expect(sel.auroc).toBeGreaterThan(0.7);
    expect(Math.abs(noise.auroc - 0.5)).toBeLessThan(0.05);
  });
});
