/**
 * A paired test over independent units (pairs of the analysis): is the mean of the paired differences above 0?
 * p-value: one-sided sign-flip permutation test (under the null each difference is as likely negative as positive;
 * exact enumeration up to 16 differences, else 20,000 seeded random flips); interval: Student t interval of the mean.
 */
import { Rng } from '../lib/rng.ts';

export interface PairedTest {
  mean: number;
  interval: [number, number];
  pValue: number;
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Student t quantile by the Cornish–Fisher expansion in 1/df (accurate to ~1e-3 for df ≥ 5). */
export function tQuantile(p: number, df: number): number {
  const z = normalQuantile(p);
  const z3 = z ** 3;
  const z5 = z ** 5;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df);
}

export function pairedSignFlip(diffs: number[], level: number, label: string): PairedTest {
  const n = diffs.length;
  const mean = n ? diffs.reduce((a, b) => a + b, 0) / n : NaN;
  if (n < 2) return { mean, interval: [NaN, NaN], pValue: NaN };
  const sd = Math.sqrt(diffs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  const sum = mean * n;
  let atLeast = 0;
  let total = 0;
  if (n <= 16) {
    for (let mask = 0; mask < 1 << n; mask++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += mask & (1 << i) ? -diffs[i] : diffs[i];
      if (s >= sum - 1e-12) atLeast++;
      total++;
    }
  } else {
    const rng = new Rng(0, `paired-test/${label}`);
    total = 20000;
    for (let r = 0; r < total; r++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += rng.next() < 0.5 ? -diffs[i] : diffs[i];
      if (s >= sum - 1e-12) atLeast++;
    }
    // Count the observed assignment itself so the p-value is never 0.
    atLeast++;
    total++;
  }
  return { mean, interval: [mean - half, mean + half], pValue: atLeast / total };
}
