/**
 * Small step-selection helpers shared by the further analyses (diagram, pattern, uncertainty).
 *
 * Exports: `pairSampleSteps(meta, inputId, outputId)`, `inputSteps(meta, inputId)`, `outputsOfInput(meta, inputId,
 * minCount)`, `meanOverSteps(acts, size, steps)`, `topIndices(values, k, from?, to?)`.
 */
import type { StepMeta } from '../capture/types.ts';

/** Steps whose input is `inputId` and whose true output is `outputId`: the samples of the pair (c, o). */
export function pairSampleSteps(meta: StepMeta, inputId: number, outputId: number): Int32Array {
  const out: number[] = [];
  const n = meta.inputId.length;
  for (let s = 0; s < n; s++) if (meta.inputId[s] === inputId && meta.targetId[s] === outputId) out.push(s);
  return Int32Array.from(out);
}

/** Every step whose input is `inputId` (both classes of a pair). */
export function inputSteps(meta: StepMeta, inputId: number): Int32Array {
  const out: number[] = [];
  const n = meta.inputId.length;
  for (let s = 0; s < n; s++) if (meta.inputId[s] === inputId) out.push(s);
  return Int32Array.from(out);
}

/** True outputs seen after input `inputId` at least `minCount` times, most frequent first (ties: lower id). */
export function outputsOfInput(meta: StepMeta, inputId: number, minCount: number): { id: number; count: number }[] {
  const counts = new Map<number, number>();
  const n = meta.inputId.length;
  for (let s = 0; s < n; s++) {
    if (meta.inputId[s] !== inputId) continue;
    const t = meta.targetId[s];
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, c]) => c >= minCount)
    .map(([id, count]) => ({ id, count }))
    .sort((a, b) => b.count - a.count || a.id - b.id);
}

/** Mean activation of every neuron of a step-major layer over the given steps (zeros when there are none). */
export function meanOverSteps(acts: Float32Array, size: number, steps: ArrayLike<number>): Float64Array {
  const mean = new Float64Array(size);
  if (steps.length === 0) return mean;
  for (let k = 0; k < steps.length; k++) {
    const base = steps[k] * size;
    for (let j = 0; j < size; j++) mean[j] += acts[base + j];
  }
  for (let j = 0; j < size; j++) mean[j] /= steps.length;
  return mean;
}

/**
 * Indices of the `k` largest values within [from, to), largest first; ties go to the lower index so rankings are
 * deterministic. Non-finite values rank last.
 */
export function topIndices(values: ArrayLike<number>, k: number, from = 0, to = values.length): number[] {
  const idx: number[] = [];
  for (let j = from; j < to; j++) idx.push(j);
  const v = (j: number) => (Number.isFinite(values[j]) ? values[j] : -Infinity);
  idx.sort((a, b) => v(b) - v(a) || a - b);
  return idx.slice(0, Math.max(0, k));
}
