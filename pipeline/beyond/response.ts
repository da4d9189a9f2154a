/**
 * Expected response (RNNVis, Ming et al. 2017): how much, on average, reading a given input character moves each
 * unit's state. Δ_t = s_t − s_prev, where s_prev is the state the direction had before reading step t: the previous
 * step for the forward direction, the next step for the backward one (it reads right to left), and the zero
 * initial state at the sentence boundary. Means and standard deviations are kept per (character, unit).
 */
import type { StepMeta } from '../capture/types.ts';
import { translitWindows } from '../train/windows.ts';

export type Direction = 'fwd' | 'bwd';

export interface ResponseStats {
  size: number;
  classes: number;
  /** Steps per class. */
  count: Float64Array;
  /** [classes, size]: mean Δ of each unit for each class. */
  mean: Float64Array;
  /** [classes, size]: population standard deviation of Δ. */
  std: Float64Array;
}

/** Index of the step the direction read just before step t within the same sentence, or −1 at the boundary. */
export function previousStep(meta: StepMeta, t: number, direction: Direction): number {
  const q = direction === 'fwd' ? t - 1 : t + 1;
  if (q < 0 || q >= meta.sentence.length) return -1;
  if (meta.sentence[q] !== meta.sentence[t]) return -1;
  return meta.position[q] === meta.position[t] + (direction === 'fwd' ? -1 : 1) ? q : -1;
}

/**
 * Mean and std of Δ per class (usually the input character id) for a step-major layer [steps, size].
 * Steps whose class is outside [0, classes) are ignored, and so are steps marked in `skip` (window seams, where
 * the capture's previous state comes from another window of a long sentence).
 */
export function expectedResponse(
  values: Float32Array,
  size: number,
  meta: StepMeta,
  classOf: Int32Array,
  classes: number,
  direction: Direction,
  skip?: Uint8Array,
): ResponseStats {
  const steps = meta.sentence.length;
  if (values.length !== steps * size) throw new Error(`expectedResponse: ${values.length} values for ${steps} steps × ${size} units`);
  const count = new Float64Array(classes);
  const sum = new Float64Array(classes * size);
  const sumSq = new Float64Array(classes * size);
  for (let t = 0; t < steps; t++) {
    const c = classOf[t];
    if (c < 0 || c >= classes || skip?.[t]) continue;
    const prev = previousStep(meta, t, direction);
    const off = t * size;
    const poff = prev * size;
    const coff = c * size;
    count[c]++;
    for (let u = 0; u < size; u++) {
      const d = values[off + u] - (prev >= 0 ? values[poff + u] : 0);
      sum[coff + u] += d;
      sumSq[coff + u] += d * d;
    }
  }
  const mean = new Float64Array(classes * size);
  const std = new Float64Array(classes * size);
  for (let c = 0; c < classes; c++) {
    if (!count[c]) continue;
    for (let u = 0; u < size; u++) {
      const m = sum[c * size + u] / count[c];
      mean[c * size + u] = m;
      std[c * size + u] = Math.sqrt(Math.max(0, sumSq[c * size + u] / count[c] - m * m));
    }
  }
  return { size, classes, count, mean, std };
}

/**
 * Steps whose Δ would straddle two transliteration windows. The capture runs a long sentence in overlapping
 * windows (pipeline/train/windows.ts `translitWindows`, the one window rule), taking positions [keepFrom, keepTo)
 * from each: the forward state at a window's keepFrom and the backward state at its keepTo − 1 have no predecessor
 * in the same window.
 */
export function windowSeams(
  sentenceLengths: { start: number; length: number }[],
  steps: number,
  seqLen: number | null,
): Record<Direction, Uint8Array> {
  const fwd = new Uint8Array(steps);
  const bwd = new Uint8Array(steps);
  for (const { start, length } of sentenceLengths) {
    const pieces = translitWindows(length, seqLen);
    pieces.forEach((p, i) => {
      if (i > 0) fwd[start + p.keepFrom] = 1;
      if (i < pieces.length - 1) bwd[start + p.keepTo - 1] = 1;
    });
  }
  return { fwd, bwd };
}
