import { z } from 'zod';

/**
 * The one place ablation reads a pair's selectivity ranking from the stats pair files (`stats/pairs/<file>`): the
 * bias-corrected distance (`corrected`) when stats writes it, else the raw Hellinger distance, so this stage works
 * with pair files from before and after stats added the corrected measure.
 */

const RankedNeuron = z.object({ neuron: z.int(), hellinger: z.number(), corrected: z.number().nullable().optional() });
export const RankedPairFile = z.object({
  input: z.string(),
  output: z.string(),
  inputId: z.int(),
  outputId: z.int(),
  label: z.string(),
  /** Steps with output o (the pair's frequency). */
  eq: z.int().optional(),
  layers: z.record(z.string(), z.array(RankedNeuron)),
});
export type RankedPairFile = z.infer<typeof RankedPairFile>;

export interface Ranking {
  /** Units, most selective first (ties: lower unit first). */
  units: number[];
  /** Their selectivity, same order. */
  selectivity: number[];
  measure: 'corrected' | 'hellinger';
}

/** A layer's units ranked by the pair's selectivity (corrected if present, else raw Hellinger). */
export function rankUnits(file: RankedPairFile, layer: string): Ranking | null {
  const list = file.layers[layer];
  if (!list) return null;
  const corrected = list.length > 0 && list.every((n) => typeof n.corrected === 'number');
  const value = (n: z.infer<typeof RankedNeuron>): number => (corrected ? (n.corrected as number) : n.hellinger);
  const sorted = [...list].sort((a, b) => value(b) - value(a) || a.neuron - b.neuron);
  return { units: sorted.map((n) => n.neuron), selectivity: sorted.map(value), measure: corrected ? 'corrected' : 'hellinger' };
}
