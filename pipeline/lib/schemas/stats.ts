import { z } from 'zod';

/**
 * Core statistics artifacts under `artifacts/<run>/stats/` (written by pipeline/stats/stage.ts, read by the site):
 * - `pairs/index.json` (PairsIndex): the analysed (input c → output o) pairs, each with its `file`;
 * - `pairs/<file>` (PairFile): per layer, every neuron's Hellinger distance for the pair, highest first, plus the
 *   two activation histograms ("= o", "≠ o") of the top neurons;
 * - `neurons/<layer>.json` (NeuronsFile): per neuron of the layer, every pair ranked by distance, highest first;
 * - `layers.json` (LayersSummary): per layer and per gate type, how selective the best neurons are.
 * Pair indices (`pairs[k]` in NeuronsFile, `pair` in LayersSummary) are positions in `pairs/index.json`.
 * Layer names are those of docs/CONTRACTS.md (fwd.i … bwd.h, concat, hidden, output).
 * Distances are rounded to 4 decimals.
 */

export const PairInfo = z.object({
  /** Input character (Latin) and output unit (Armenian letter, ու, `_`, …). */
  input: z.string(),
  output: z.string(),
  inputId: z.int(),
  outputId: z.int(),
  /** `input→output`. */
  label: z.string(),
  /** Steps with input c and output o / input c and another output. */
  eq: z.int(),
  ne: z.int(),
  /** The pair's file, relative to `pairs/`. */
  file: z.string(),
});
export type PairInfo = z.infer<typeof PairInfo>;

export const PairsIndex = z.object({
  schemaVersion: z.number(),
  /** Captured steps the statistics ran over. */
  steps: z.int(),
  bins: z.int(),
  minCount: z.int(),
  layers: z.array(z.object({ name: z.string(), size: z.int() })),
  pairs: z.array(PairInfo),
});
export type PairsIndex = z.infer<typeof PairsIndex>;

export const NeuronDistance = z.object({ neuron: z.int(), hellinger: z.number() });
export type NeuronDistance = z.infer<typeof NeuronDistance>;

/**
 * A neuron's two histograms over its global [min, max] split into `bins` equal bins (re-binned from
 * `stats.bins` for size); only bins offset … offset + eq.length − 1 are stored, the rest are zero.
 */
export const CompactHistograms = z.object({
  min: z.number(),
  max: z.number(),
  bins: z.int(),
  offset: z.int(),
  /** Counts for output = o. */
  eq: z.array(z.number()),
  /** Counts for output ≠ o. */
  ne: z.array(z.number()),
});
export type CompactHistograms = z.infer<typeof CompactHistograms>;

export const TopNeuron = NeuronDistance.extend({ histogram: CompactHistograms });
export type TopNeuron = z.infer<typeof TopNeuron>;

export const PairFile = PairInfo.omit({ file: true }).extend({
  schemaVersion: z.number(),
  /** Every neuron of each layer, highest distance first (ties: lower neuron first). */
  layers: z.record(z.string(), z.array(NeuronDistance)),
  /** The `stats.topNeurons` best neurons of each layer with their histograms. */
  top: z.record(z.string(), z.array(TopNeuron)),
});
export type PairFile = z.infer<typeof PairFile>;

export const NeuronPairs = z.object({
  neuron: z.int(),
  /** Pair indices, highest distance first (ties: lower index first). */
  pairs: z.array(z.int()),
  /** Their distances, same order. */
  hellinger: z.array(z.number()),
});
export type NeuronPairs = z.infer<typeof NeuronPairs>;

export const NeuronsFile = z.object({
  schemaVersion: z.number(),
  layer: z.string(),
  size: z.int(),
  /** Pair labels in index order (`input→output`), for readers that do not load pairs/index.json. */
  pairLabels: z.array(z.string()),
  neurons: z.array(NeuronPairs),
});
export type NeuronsFile = z.infer<typeof NeuronsFile>;

export const LayerPairSummary = z.object({
  pair: z.int(),
  /** Mean of the layer's `top` best distances for the pair, and the best one (with its neuron). */
  meanTop: z.number(),
  max: z.number(),
  neuron: z.int(),
});

export const LayerSummary = z.object({
  name: z.string(),
  size: z.int(),
  /** fwd / bwd for the recurrent gates and states, null for concat, hidden, output. */
  direction: z.enum(['fwd', 'bwd']).nullable(),
  /** Gate or state letter (i f o g c h, z r g h) or the layer name for concat, hidden, output. */
  gate: z.string(),
  /** Averages over pairs of meanTop and max. */
  meanTop: z.number(),
  meanMax: z.number(),
  /** The single most selective (pair, neuron) of the layer. */
  best: z.object({ pair: z.int(), neuron: z.int(), hellinger: z.number() }).nullable(),
  pairs: z.array(LayerPairSummary),
});
export type LayerSummary = z.infer<typeof LayerSummary>;

export const GateSummary = z.object({
  gate: z.string(),
  /** The layers averaged (both directions). */
  layers: z.array(z.string()),
  meanTop: z.number(),
  meanMax: z.number(),
});
export type GateSummary = z.infer<typeof GateSummary>;

export const LayersSummary = z.object({
  schemaVersion: z.number(),
  /** How many best neurons per pair and layer `meanTop` averages (10, or fewer in a smaller layer). */
  top: z.int(),
  pairs: z.int(),
  layers: z.array(LayerSummary),
  /** Recurrent gate/state types, most selective (highest meanTop) first. */
  gates: z.array(GateSummary),
  mostSelectiveGate: z.string().nullable(),
});
export type LayersSummary = z.infer<typeof LayersSummary>;
