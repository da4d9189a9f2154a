import { describe, expect, it } from 'vitest';
import { learningRateAt } from '../../pipeline/train/schedule.ts';

const base = { learningRate: 0.01, epochs: 4 };

describe('learningRateAt', () => {
  it('is constant without a schedule', () => {
    for (const [e, b] of [[0, 0], [2, 5], [3, 9]]) expect(learningRateAt(base, e, b, 10)).toBe(0.01);
  });

  it('multiplies lrDecay in once per finished epoch', () => {
    const cfg = { ...base, lrDecay: 0.5 };
    expect(learningRateAt(cfg, 0, 7, 10)).toBe(0.01);
    expect(learningRateAt(cfg, 2, 0, 10)).toBeCloseTo(0.0025, 12);
  });

  it('decays linearly over the last lrCooldown share of the planned steps, ending above zero', () => {
    const cfg = { ...base, lrCooldown: 0.25 }; // 40 steps, the last 10 decay
    const rates = Array.from({ length: 40 }, (_, s) => learningRateAt(cfg, Math.floor(s / 10), s % 10, 10));
    expect(rates.slice(0, 31).every((r) => r === 0.01)).toBe(true);
    for (let s = 31; s < 40; s++) expect(rates[s]).toBeLessThan(rates[s - 1]);
    // Equal steps down, to base/(cooldown × steps) on the last one.
    expect(rates[39]).toBeCloseTo(0.001, 12);
    expect(rates[35] - rates[36]).toBeCloseTo(rates[36] - rates[37], 12);
  });

  it('combines with lrDecay and covers the whole run when lrCooldown is 1', () => {
    const cfg = { ...base, lrCooldown: 1, lrDecay: 0.5 };
    expect(learningRateAt(cfg, 0, 0, 10)).toBeCloseTo(0.01, 12);
    expect(learningRateAt(cfg, 2, 0, 10)).toBeCloseTo(0.01 * 0.25 * (20 / 40), 12);
  });
});
