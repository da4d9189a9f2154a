/**
 * Hellinger distance between two histograms given as counts (normalised here, so the two samples may differ in
 * size): H(P, Q) = sqrt(1 − Σ sqrt(p_i · q_i)), in [0, 1]; 0 = same distribution, 1 = disjoint supports.
 * An empty histogram has no distribution: the distance is then 0 (nothing can be told apart).
 *
 * Exported: `hellinger(p, q)`.
 */
export function hellinger(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new Error(`hellinger: histograms have ${p.length} and ${q.length} bins`);
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i];
    sq += q[i];
  }
  if (sp <= 0 || sq <= 0) return 0;
  let bc = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0 && q[i] > 0) bc += Math.sqrt(p[i] * q[i]);
  bc /= Math.sqrt(sp * sq);
  // Rounding can push the coefficient a hair above 1.
  return Math.sqrt(Math.max(0, 1 - bc));
}
