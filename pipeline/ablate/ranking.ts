import { z } from 'zod';
import { readVersionedArtifact } from '../lib/compact-artifact.ts';
import { PAIR_FILE_VERSION } from '../lib/schemas/stats.ts';
import { layerColumn, rankOrder } from '../lib/unit-ranking.ts';

/**
 * The one place ablation reads a pair's selectivity ranking from the stats pair files (`stats/pairs/<file>`): every
 * neuron's bias-corrected selectivity, ranked by the shared rule (pipeline/lib/unit-ranking.ts), `concat` derived
 * from fwd.h and bwd.h — the exact order the stats stage ranked by.
 */

export const RankedPairFile = z.object({
  input: z.string(),
  output: z.string(),
  inputId: z.int(),
  outputId: z.int(),
  label: z.string(),
  /** Steps with output o (the pair's frequency). */
  eq: z.int().optional(),
  corrected: z.record(z.string(), z.array(z.number())),
});
export type RankedPairFile = z.infer<typeof RankedPairFile>;

export const readRankedPairFile = (path: string): RankedPairFile => readVersionedArtifact(path, RankedPairFile, PAIR_FILE_VERSION);

export interface Ranking {
  /** Units, most selective first (ties: lower unit first). */
  units: number[];
  /** Their selectivity, same order. */
  selectivity: number[];
  measure: 'corrected';
}

/** A layer's units ranked by the pair's corrected selectivity; null when the file does not cover the layer. */
export function rankUnits(file: RankedPairFile, layer: string): Ranking | null {
  const column = layerColumn(file.corrected, layer);
  if (!column) return null;
  const units = rankOrder(column);
  return { units, selectivity: units.map((j) => column[j]), measure: 'corrected' };
}
