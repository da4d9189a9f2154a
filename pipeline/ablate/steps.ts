import type { StepMeta } from '../capture/types.ts';
import { Rng } from '../lib/rng.ts';

/**
 * Which captured steps a pair is measured on: a seeded shuffle of its "= o" steps and of its "≠ o" steps (same
 * input letter), so every sample size used (own steps, recurrent steps, cross steps) is a prefix of one order and
 * the smaller samples are nested in the larger.
 */
export interface PairOrder {
  eq: Int32Array;
  ne: Int32Array;
}

export function pairOrder(meta: StepMeta, inputId: number, outputId: number, seed: number, label: string): PairOrder {
  const eq: number[] = [];
  const ne: number[] = [];
  for (let s = 0; s < meta.inputId.length; s++)
    if (meta.inputId[s] === inputId) (meta.targetId[s] === outputId ? eq : ne).push(s);
  const rng = new Rng(seed, `ablate:steps:${label}`);
  return { eq: Int32Array.from(rng.shuffle(eq)), ne: Int32Array.from(rng.shuffle(ne)) };
}

/** The first n steps of each side, in step order. */
export function take(order: PairOrder, n: number): PairOrder {
  const cut = (a: Int32Array) => a.slice(0, n).sort();
  return { eq: cut(order.eq), ne: cut(order.ne) };
}

/** k distinct units of [0, size) outside `exclude`, seeded (fewer if the layer has fewer left). */
export function randomUnits(size: number, k: number, exclude: ReadonlySet<number>, rng: Rng): number[] {
  const pool: number[] = [];
  for (let j = 0; j < size; j++) if (!exclude.has(j)) pool.push(j);
  return rng.shuffle(pool).slice(0, k);
}
