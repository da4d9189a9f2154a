import { z } from 'zod';
import { CompactHistograms } from './stats.ts';

/**
 * What the report stage (pipeline/report) writes under `artifacts/<run>/report/` for the site to read as is — the
 * site computes nothing (it used to run the model at build time):
 * - `neurons/<layer>.json` (NeuronReportFile): per neuron of the layer, everything its page shows — the pairs it
 *   separates best, the "= o" / "≠ o" histograms of its best pairs (for every neuron, not only each pair's top ones),
 *   and the captured text snippets where it fires most, with its activations quantized;
 * - `examples.json` (ExamplesFile): the post's sentences as this run's model transliterates them.
 * Pair indices are positions in `stats/pairs/index.json` (repeated in `pairs` so a browser needs one file).
 */

/** Activations are stored as integers q in [−QUANT, QUANT]: activation = q · scale / QUANT. */
export { QUANT } from '../../report/quant.ts';

export const FiringSnippet = z.object({
  /** Captured sentence id (capture/sentences.jsonl) and the snippet's first position in it. */
  sentence: z.int(),
  start: z.int(),
  /** Input characters (code points) and the true output units (ու is one, `_` the placeholder), one per step. */
  input: z.string(),
  output: z.array(z.string()),
  /** The neuron's quantized activation per step (see QUANT and `scale`). */
  values: z.array(z.int()),
  /** Position of the peak within the snippet. */
  peak: z.int(),
});
export type FiringSnippet = z.infer<typeof FiringSnippet>;

export const NeuronPairScore = z.object({
  /** Pair index (stats/pairs/index.json), its Hellinger distance for this neuron, and the neuron's rank in the layer. */
  pair: z.int(),
  hellinger: z.number(),
  rank: z.int(),
});

export const NeuronHistogram = z.object({ pair: z.int(), hellinger: z.number(), histogram: CompactHistograms });
export type NeuronHistogram = z.infer<typeof NeuronHistogram>;

export const NeuronPattern = z.object({
  name: z.string(),
  pattern: z.string(),
  distance: z.number(),
  meanInside: z.number(),
  meanOutside: z.number(),
});

export const NeuronReport = z.object({
  neuron: z.int(),
  /** Largest |activation| over the neuron's snippets: the unit of `values`. */
  scale: z.number(),
  /** Its best pairs, highest distance first. */
  pairs: z.array(NeuronPairScore),
  histograms: z.array(NeuronHistogram),
  /** Snippets around its highest activations over the captured sentences, one per sentence, highest first. */
  firing: z.array(FiringSnippet),
  /** Pattern cells (stats/patterns.json) whose ranking lists this neuron. */
  patterns: z.array(NeuronPattern),
});
export type NeuronReport = z.infer<typeof NeuronReport>;

export const NeuronReportFile = z.object({
  schemaVersion: z.number(),
  layer: z.string(),
  size: z.int(),
  /** The analysed pairs, in index order. */
  pairs: z.array(z.object({ input: z.string(), output: z.string() })),
  /** Neurons that rank first for some pair in this layer (the most selective few): the site gives them a page of their own. */
  featured: z.array(z.int()),
  neurons: z.array(NeuronReport),
});
export type NeuronReportFile = z.infer<typeof NeuronReportFile>;

export const ExamplesFile = z.object({
  schemaVersion: z.number(),
  examples: z.array(
    z.object({
      input: z.string(),
      /** What a reader sees (placeholders dropped), and the aligned output, one unit per input character. */
      output: z.string(),
      aligned: z.array(z.string()),
    }),
  ),
});
export type ExamplesFile = z.infer<typeof ExamplesFile>;
