import { describe, expect, it } from 'vitest';
import { fastExp, sigmoid, tanh } from '../../pipeline/train/fast-exp.ts';

describe('fastExp', () => {
  it('matches Math.exp to 2e-9 relative over the useful range', () => {
    let worst = 0;
    for (let x = -100; x <= 100; x += 0.00731) worst = Math.max(worst, Math.abs(fastExp(x) / Math.exp(x) - 1));
    expect(worst).toBeLessThan(2e-9);
  });

  it('gives sigmoid and tanh to float32 precision, saturating at the ends', () => {
    for (let x = -30; x <= 30; x += 0.0137) {
      expect(Math.abs(sigmoid(x) - 1 / (1 + Math.exp(-x)))).toBeLessThan(1e-8);
      expect(Math.abs(tanh(x) - Math.tanh(x))).toBeLessThan(1e-8);
    }
    expect(sigmoid(1e6)).toBe(1);
    expect(sigmoid(-1e6)).toBeGreaterThanOrEqual(0);
    expect(tanh(1e6)).toBe(1);
    expect(tanh(-1e6)).toBe(-1);
    expect(Number.isFinite(fastExp(Number.MAX_VALUE))).toBe(true);
  });
});
