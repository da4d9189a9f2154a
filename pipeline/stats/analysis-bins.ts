/**
 * Histogram binning for the further analyses, with the bin rule of histogram.ts (`binOf`). Bins are equal-width
 * over a range given by the caller (the selectivity uses each neuron's min..max over all steps), so two classes of
 * one neuron always share bins.
 *
 * Exported: `valueRange(values)`, `binValues(values, lo, hi, bins)` → Uint16Array of bin indices (computed once,
 * then reused by every bootstrap/permutation replicate), `countBins(binIdx, bins, pick?)`, `binnedDistance`.
 */
import { hellinger } from './hellinger.ts';
import { binOf } from './histogram.ts';

export function valueRange(values: ArrayLike<number>): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? { lo, hi } : { lo: 0, hi: 0 };
}

/** Bin index of each value in `bins` equal bins over [lo, hi] (hi falls in the last bin; a flat range → bin 0). */
export function binValues(values: ArrayLike<number>, lo: number, hi: number, bins: number): Uint16Array {
  if (bins < 1 || bins > 65536) throw new Error(`binValues: ${bins} bins (1..65536 allowed)`);
  const out = new Uint16Array(values.length);
  if (!(hi > lo)) return out;
  const scale = bins / (hi - lo);
  for (let i = 0; i < values.length; i++) out[i] = binOf(values[i], lo, scale, bins);
  return out;
}

/** Histogram of bin indices (all of them, or those at the positions in `pick`). */
export function countBins(binIdx: Uint16Array, bins: number, pick?: ArrayLike<number>): Float64Array {
  const h = new Float64Array(bins);
  if (pick) for (let k = 0; k < pick.length; k++) h[binIdx[pick[k]]]++;
  else for (let k = 0; k < binIdx.length; k++) h[binIdx[k]]++;
  return h;
}

/** Hellinger distance between the histograms of two samples of one neuron, binned together over their range. */
export function binnedDistance(a: ArrayLike<number>, b: ArrayLike<number>, bins: number): number {
  const ra = valueRange(a);
  const rb = valueRange(b);
  const lo = Math.min(ra.lo, rb.lo);
  const hi = Math.max(ra.hi, rb.hi);
  return hellinger(countBins(binValues(a, lo, hi, bins), bins), countBins(binValues(b, lo, hi, bins), bins));
}
