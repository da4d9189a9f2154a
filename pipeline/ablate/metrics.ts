import type { AblationMetrics } from '../lib/schemas/ablation.ts';
import type { StepScore } from './score.ts';

/** Accuracy on the "= o" and "≠ o" steps, their mean, and the mean log-probability of the right output. */
export function metricsOf(eq: readonly StepScore[], ne: readonly StepScore[]): AblationMetrics {
  const acc = (s: readonly StepScore[]) => (s.length ? s.filter((x) => x.correct).length / s.length : 0);
  const all = [...eq, ...ne];
  const accEq = acc(eq);
  const accNe = acc(ne);
  return {
    accEq,
    accNe,
    balanced: eq.length && ne.length ? (accEq + accNe) / 2 : eq.length ? accEq : accNe,
    logp: all.length ? all.reduce((s, x) => s + x.logp, 0) / all.length : 0,
  };
}

export function meanMetrics(list: readonly AblationMetrics[]): AblationMetrics {
  const mean = (f: (m: AblationMetrics) => number) => list.reduce((s, m) => s + f(m), 0) / list.length;
  return { accEq: mean((m) => m.accEq), accNe: mean((m) => m.accNe), balanced: mean((m) => m.balanced), logp: mean((m) => m.logp) };
}

/** Spearman rank correlation (average ranks on ties); null with fewer than 3 points or a constant side. */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  if (x.length < 3) return null;
  const rank = (v: readonly number[]) => {
    const order = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
    const r = new Array<number>(v.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && v[order[j + 1]] === v[order[i]]) j++;
      for (let q = i; q <= j; q++) r[order[q]] = (i + j) / 2;
      i = j + 1;
    }
    return r;
  };
  const rx = rank(x);
  const ry = rank(y);
  const n = x.length;
  const mx = rx.reduce((a, b) => a + b, 0) / n;
  const my = ry.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}
