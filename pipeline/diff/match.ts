/**
 * Matching units between two separately trained runs (the "convergent learning" approach, Li et al. 2016): both
 * runs' units are recorded on the same probe sentences (pipeline/stats/signature.ts), every pair of units gets the
 * correlation of their activations, and a one-to-one assignment maximising the total |correlation| is found with
 * the Hungarian algorithm. A unit's counterpart is its assigned partner; a match with |r| below MATCH_MIN is
 * reported as none. The sign is kept: a counterpart may fire where the other is silent (r < 0).
 */
import { decodeSignature } from '../stats/signature.ts';

/** Below this |correlation| an assigned partner is not called a counterpart. */
export const MATCH_MIN = 0.5;

export interface UnitMatch {
  /** For each unit of A: its partner in B (−1: none assigned, e.g. B is smaller) and their correlation. */
  partner: Int32Array;
  r: Float64Array;
}

function standardize(x: Float32Array): Float64Array {
  const n = x.length;
  let m = 0;
  for (const v of x) m += v;
  m /= n;
  let ss = 0;
  for (const v of x) ss += (v - m) ** 2;
  const sd = Math.sqrt(ss / n);
  return Float64Array.from(x, (v) => (sd > 0 ? (v - m) / sd : 0));
}

/** Pearson correlations [a × b] of unit-major activation rows of equal length. */
export function correlations(a: Float32Array[], b: Float32Array[]): Float64Array[] {
  const za = a.map(standardize);
  const zb = b.map(standardize);
  const T = a[0]?.length ?? 0;
  const out = za.map(() => new Float64Array(zb.length));
  // Four rows of A against each row of B at once (each sum still runs over t in order, so the values are the same as
  // one row at a time, bit for bit): every B value loaded serves four products. The compare pages match every pair
  // of runs at build time.
  for (let i = 0; i < za.length; i += 4) {
    const x0 = za[i];
    const x1 = za[Math.min(i + 1, za.length - 1)];
    const x2 = za[Math.min(i + 2, za.length - 1)];
    const x3 = za[Math.min(i + 3, za.length - 1)];
    for (let j = 0; j < zb.length; j++) {
      const y = zb[j];
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < T; t++) {
        const v = y[t];
        s0 += x0[t] * v;
        s1 += x1[t] * v;
        s2 += x2[t] * v;
        s3 += x3[t] * v;
      }
      const sums = [s0, s1, s2, s3];
      for (let k = 0; k < 4 && i + k < za.length; k++) out[i + k][j] = T ? sums[k] / T : 0;
    }
  }
  return out;
}

/**
 * Minimum-cost assignment (Hungarian algorithm, O(n²m), potentials form) for an n × m cost matrix with n ≤ m: the
 * column assigned to each row.
 */
export function hungarian(cost: Float64Array[]): Int32Array {
  const n = cost.length;
  const m = cost[0]?.length ?? 0;
  if (n > m) throw new Error(`hungarian: ${n} rows > ${m} columns`);
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1); // row (1-based) assigned to column j
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  const rowToCol = new Int32Array(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j] > 0) rowToCol[p[j] - 1] = j - 1;
  return rowToCol;
}

/** One-to-one matching of A's units to B's by |correlation| on the probe sentences. */
export function matchUnits(a: Float32Array[], b: Float32Array[]): UnitMatch {
  const r = correlations(a, b);
  const transpose = a.length > b.length;
  const rows = transpose ? b.length : a.length;
  const cols = transpose ? a.length : b.length;
  const cost = Array.from({ length: rows }, (_, i) =>
    Float64Array.from({ length: cols }, (_, j) => -Math.abs(transpose ? r[j][i] : r[i][j])),
  );
  const assign = hungarian(cost);
  const partner = new Int32Array(a.length).fill(-1);
  if (transpose) assign.forEach((ai, bi) => ai >= 0 && (partner[ai] = bi));
  else assign.forEach((bj, ai) => (partner[ai] = bj));
  return { partner, r: Float64Array.from(partner, (bj, ai) => (bj >= 0 ? r[ai][bj] : 0)) };
}

/**
 * B → A read backwards from A → B: the assignment is one-to-one and the correlations are symmetric, so its inverse
 * is B's matching to A (matchUnits(b, a) gives the same partners; tested). Saves the compare pages half their work.
 */
export function invertMatch(m: UnitMatch, unitsB: number): UnitMatch {
  const partner = new Int32Array(unitsB).fill(-1);
  const r = new Float64Array(unitsB);
  m.partner.forEach((b, a) => {
    if (b >= 0) {
      partner[b] = a;
      r[b] = m.r[a];
    }
  });
  return { partner, r };
}

export interface SignatureLike {
  units: number;
  probe: { file: string; steps: number };
  activations: string;
}

/** Match two runs' signatures; null when they were not taken on the same probe. */
export function matchSignatures(a: SignatureLike | null, b: SignatureLike | null): UnitMatch | null {
  if (!a || !b || a.probe.steps !== b.probe.steps || a.probe.file !== b.probe.file) return null;
  return matchUnits(decodeSignature(a), decodeSignature(b));
}

/** Whether a matched partner is close enough to be called a counterpart. */
export const isCounterpart = (r: number): boolean => Math.abs(r) >= MATCH_MIN;

/**
 * The partner in B that the one-to-one assignment gave A's unit `neuron` of `layer` (concat index; fwd.<g> / bwd.<g>
 * unit j is concat unit j / U + j, since a gate belongs to its LSTM unit), whatever its |r|; null when none was
 * assigned, the layer has no units, or (in a gate layer) the partner runs in the other direction.
 */
export function partner(m: UnitMatch, layer: string, neuron: number, unitsA: number, unitsB: number): { neuron: number; r: number } | null {
  const U = unitsA / 2;
  const UB = unitsB / 2;
  const dir = /^(fwd|bwd)\./.exec(layer)?.[1];
  const j = layer === 'concat' ? neuron : dir === 'fwd' ? neuron : dir === 'bwd' ? U + neuron : -1;
  if (j < 0 || j >= unitsA) return null;
  const p = m.partner[j];
  if (p < 0) return null;
  // A forward unit's partner must itself be a forward unit to be named in a gate layer.
  if (dir && (dir === 'fwd') !== p < UB) return null;
  return { neuron: layer === 'concat' ? p : p < UB ? p : p - UB, r: m.r[j] };
}

/** The counterpart in B of A's unit: its partner when |r| ≥ MATCH_MIN, else null. */
export function counterpart(m: UnitMatch, layer: string, neuron: number, unitsA: number, unitsB: number): { neuron: number; r: number } | null {
  const p = partner(m, layer, neuron, unitsA, unitsB);
  return p && isCounterpart(p.r) ? p : null;
}
