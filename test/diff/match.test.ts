import { describe, expect, it } from 'vitest';
import { Rng } from '../../pipeline/lib/rng.ts';
import { correlations, counterpart, hungarian, invertMatch, matchUnits, partner } from '../../pipeline/diff/match.ts';

describe('unit matching', () => {
  it('solves small assignments exactly (brute force check)', () => {
    const rng = new Rng(3, 'hungarian');
    for (let trial = 0; trial < 30; trial++) {
      const n = 1 + rng.int(5);
      const m = n + rng.int(3);
      const cost = Array.from({ length: n }, () => Float64Array.from({ length: m }, () => rng.next()));
      const a = hungarian(cost);
      expect(new Set(a).size).toBe(n);
      const total = (x: ArrayLike<number>) => Array.from(x).reduce((s, j, i) => s + cost[i][j], 0);
      let best = Infinity;
      const perm = (i: number, used: Set<number>, acc: number[]): void => {
        if (i === n) return void (best = Math.min(best, total(acc)));
        for (let j = 0; j < m; j++) if (!used.has(j)) perm(i + 1, new Set([...used, j]), [...acc, j]);
      };
      perm(0, new Set(), []);
      expect(total(a)).toBeCloseTo(best, 10);
    }
  });

  it('recovers a permutation (with sign flips and noise) of the same units', () => {
    const rng = new Rng(4, 'units');
    const T = 400;
    const units = Array.from({ length: 12 }, () => Float32Array.from({ length: T }, () => Math.tanh(rng.normal())));
    const order = [5, 3, 11, 0, 2, 9, 1, 4, 10, 7, 6, 8];
    const b = order.map((k, i) => Float32Array.from(units[k], (v) => (i % 3 === 0 ? -v : v) + 0.2 * rng.normal()));
    const m = matchUnits(units, b);
    order.forEach((k, i) => expect(m.partner[k]).toBe(i));
    expect(Math.min(...Array.from(m.r, Math.abs))).toBeGreaterThan(0.8);
    // concat unit 5 (fwd 5 of U = 6) ↔ B's 0 (fwd 0): a counterpart in fwd.h; fwd unit 3 ↔ B's 1.
    expect(counterpart(m, 'fwd.h', 3, 12, 12)).toMatchObject({ neuron: 1 });
    // concat 11 (bwd 5) ↔ B's 2 (a fwd unit): no counterpart in a bwd gate layer, but one in concat.
    expect(counterpart(m, 'bwd.h', 5, 12, 12)).toBeNull();
    expect(counterpart(m, 'concat', 11, 12, 12)).toMatchObject({ neuron: 2 });
  });

  it('reports a weakly correlated partner (r ≈ −0.4) as the partner, but not as a counterpart', () => {
    const rng = new Rng(5, 'weak');
    const T = 2000;
    const a = Array.from({ length: 4 }, () => Float32Array.from({ length: T }, () => rng.normal()));
    // B's unit k follows A's unit 3 − k weakly (and with the opposite sign): r ≈ −0.4.
    const b = [3, 2, 1, 0].map((k) => Float32Array.from(a[k], (v) => -0.44 * v + rng.normal()));
    const m = matchUnits(a, b);
    const p = partner(m, 'concat', 1, 4, 4);
    expect(p?.neuron).toBe(2);
    expect(p!.r).toBeGreaterThan(-0.5);
    expect(p!.r).toBeLessThan(-0.3);
    expect(counterpart(m, 'concat', 1, 4, 4)).toBeNull();
  });

  it('B → A read backwards from A → B is the matching of B to A (equal and unequal sizes)', () => {
    const rng = new Rng(6, 'invert');
    const T = 300;
    const units = (n: number) => Array.from({ length: n }, () => Float32Array.from({ length: T }, () => Math.tanh(rng.normal())));
    for (const [na, nb] of [[10, 10], [6, 10], [10, 6]]) {
      const a = units(na);
      const b = units(nb).map((u, k) => (k < na ? Float32Array.from(u, (v, t) => 0.5 * v + a[(3 * k) % na][t]) : u));
      const direct = matchUnits(b, a);
      const back = invertMatch(matchUnits(a, b), nb);
      expect(Array.from(back.partner)).toEqual(Array.from(direct.partner));
      back.partner.forEach((p, j) => p >= 0 && expect(back.r[j]).toBeCloseTo(direct.r[j], 12));
    }
  });

  it('correlations, four rows at a time, equal the plain Pearson sums bit for bit (row counts not a multiple of 4)', () => {
    const rng = new Rng(7, 'corr');
    const T = 50;
    const rows = (n: number) => Array.from({ length: n }, () => Float32Array.from({ length: T }, () => rng.normal()));
    const z = (x: Float32Array) => {
      const m = x.reduce((s, v) => s + v, 0) / T;
      const sd = Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / T);
      return Float64Array.from(x, (v) => (v - m) / sd);
    };
    const a = rows(7);
    const b = rows(5);
    const r = correlations(a, b);
    a.forEach((x, i) =>
      b.forEach((y, j) => {
        const zx = z(x);
        const zy = z(y);
        let s = 0;
        for (let t = 0; t < T; t++) s += zx[t] * zy[t];
        expect(r[i][j]).toBe(s / T);
      }),
    );
  });
});
