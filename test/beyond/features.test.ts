import { describe, expect, it } from 'vitest';
import { sentenceFeatures } from '../../pipeline/beyond/text-features.ts';
import { correlateUnits } from '../../pipeline/beyond/correlation.ts';
import { Rng } from '../../pipeline/lib/rng.ts';

describe('text features', () => {
  it('computes word positions, Latin words, spaces and digraphs on an aligned sentence', () => {
    // "shat barev ok" → "շ_ատ բարեվ ok": sh is one letter (placeholder at h), "ok" is a Latin token.
    const f = sentenceFeatures('shat barev ok', 'շ_ատ բարեվ ok');
    const arr = (a: Float64Array) => [...a].map((x) => (Number.isNaN(x) ? null : x));
    expect(arr(f.positionInWord)).toEqual([0, 1, 2, 3, null, 0, 1, 2, 3, 4, null, 0, 1]);
    expect(arr(f.wordLength)).toEqual([4, 4, 4, 4, null, 5, 5, 5, 5, 5, null, 2, 2]);
    expect(arr(f.distanceToWordEnd)).toEqual([3, 2, 1, 0, null, 4, 3, 2, 1, 0, null, 1, 0]);
    expect(arr(f.latinWord)).toEqual([0, 0, 0, 0, null, 0, 0, 0, 0, 0, null, 1, 1]);
    expect(arr(f.afterSpace)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0]);
    expect(arr(f.digraph)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('keeps positions aligned when the output holds the one-unit digraph ու', () => {
    // "dzun ok": dz → ձ_, u → ու (one unit), so the output has 8 code points for 7 input characters.
    const f = sentenceFeatures('dzun ok', 'ձ_ուն ok');
    expect([...f.digraph]).toEqual([1, 1, 0, 0, 0, 0, 0]);
    expect([...f.latinWord].map((x) => (Number.isNaN(x) ? null : x))).toEqual([0, 0, 0, 0, null, 1, 1]);
  });
});

describe('correlateUnits', () => {
  it('finds a planted detector and matches the textbook Pearson formula', () => {
    const rng = new Rng(3, 'corr');
    const steps = 2000;
    const size = 5;
    const feature = Float64Array.from({ length: steps }, (_, t) => (t % 7 === 3 ? NaN : t % 11));
    const v = new Float32Array(steps * size);
    for (let t = 0; t < steps; t++)
      for (let u = 0; u < size; u++) {
        const f = Number.isNaN(feature[t]) ? 0 : feature[t];
        v[t * size + u] = u === 2 ? 100 - 0.3 * f + 0.05 * rng.normal() : u === 4 ? 7 : rng.normal();
      }
    const [r] = correlateUnits(v, size, [feature]);
    const best = [...r].map((x, u) => [Math.abs(x), u]).sort((a, b) => b[0] - a[0])[0][1];
    expect(best).toBe(2);
    expect(r[2]).toBeLessThan(-0.99);
    expect(r[4]).toBe(0); // constant unit
    // Naive two-pass Pearson over the valid steps, for unit 0.
    const xs: number[] = [];
    const ys: number[] = [];
    for (let t = 0; t < steps; t++) if (!Number.isNaN(feature[t])) (xs.push(v[t * size]), ys.push(feature[t]));
    const mx = xs.reduce((a, b) => a + b) / xs.length;
    const my = ys.reduce((a, b) => a + b) / ys.length;
    let sxy = 0, sxx = 0, syy = 0;
    xs.forEach((x, i) => ((sxy += (x - mx) * (ys[i] - my)), (sxx += (x - mx) ** 2), (syy += (ys[i] - my) ** 2)));
    expect(r[0]).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 9);
  });
});
