/**
 * Hellinger distance between two histograms given as counts (normalised here, so the two samples may differ in
 * size): H(P, Q) = sqrt(1 − Σ sqrt(p_i · q_i)), in [0, 1]; 0 = same distribution, 1 = disjoint supports.
 * An empty histogram has no distribution: the distance is then 0 (nothing can be told apart).
 *
 * Exported: `hellinger(p, q)`, `hellingerWithTotals(p, q, sumP, sumQ)`.
 */
export function hellinger(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new Error(`hellinger: histograms have ${p.length} and ${q.length} bins`);
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i];
    sq += q[i];
  }
  return hellingerWithTotals(p, q, sp, sq);
}

/** The same, when the totals of both histograms are already known (the bootstrap's hot loop: one pass). */
export function hellingerWithTotals(p: ArrayLike<number>, q: ArrayLike<number>, sp: number, sq: number): number {
  if (sp <= 0 || sq <= 0) return 0;
  let bc = 0;
  for (let i = 0; i < p.length; i++) {
    const pq = p[i] * q[i];
    if (pq > 0) bc += Math.sqrt(pq);
  }
  bc /= Math.sqrt(sp * sq);
  // Rounding can push the coefficient a hair above 1.
  return Math.sqrt(Math.max(0, 1 - bc));
}
