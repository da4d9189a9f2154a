import { z } from 'zod';
import { CompactHistograms } from './stats.ts';

/**
 * What the report stage (pipeline/report) writes under `artifacts/<run>/report/` for the site to read as is — the
 * site runs no model and no analysis (it used to run the model at build time):
 * - `neurons/<layer>.json` (NeuronReportFile, version 2, compact layout: one neuron per line): per neuron of the
 *   layer what needs the capture — the "= o" / "≠ o" histograms of its best pairs (for every neuron, not only each
 *   pair's top ones) and the captured snippets where it fires most, with its activations quantized. Its best pairs
 *   and their raw distances are in stats/neurons/<layer>.json, its ranks in the pair files, its pattern cells in
 *   stats/patterns.json; no file for `concat`, whose units are fwd.h's and bwd.h's (pipeline/lib/unit-ranking.ts);
 * - `sentences.json` (SentencesFile): the text of every captured sentence a snippet refers to, written once;
 * - `examples.json` (ExamplesFile): the post's sentences as this run's model transliterates them.
 * Pair indices are positions in `stats/pairs/index.json`.
 */

/** Activations are stored as integers q in [−QUANT, QUANT]: activation = q · scale / QUANT. */
export { QUANT } from '../../report/quant.ts';

export const NEURON_REPORT_VERSION = 2;
export const SENTENCES_VERSION = 1;

export const FiringSnippet = z.object({
  /**
   * The captured sentence (its line in capture/sentences.jsonl, the key of report/sentences.json: ids repeat across
   * splits) and the snippet's first position in it.
   */
  sentence: z.int(),
  start: z.int(),
  /** The neuron's quantized activation per step (see QUANT and `scale`); the snippet is `values.length` steps long. */
  values: z.array(z.int()),
  /** Position of the peak within the snippet. */
  peak: z.int(),
});
export type FiringSnippet = z.infer<typeof FiringSnippet>;

export const NeuronHistogram = z.object({ pair: z.int(), histogram: CompactHistograms });
export type NeuronHistogram = z.infer<typeof NeuronHistogram>;

export const NeuronReport = z.object({
  neuron: z.int(),
  /** Largest |activation| over the neuron's snippets: the unit of `values`. */
  scale: z.number(),
  /** Histograms of its best pairs (stats/neurons/<layer>.json order). */
  histograms: z.array(NeuronHistogram),
  /** Snippets around its highest activations over the captured sentences, one per sentence, highest first. */
  firing: z.array(FiringSnippet),
});
export type NeuronReport = z.infer<typeof NeuronReport>;

export const NeuronReportFile = z.object({
  schemaVersion: z.literal(NEURON_REPORT_VERSION),
  layer: z.string(),
  size: z.int(),
  /** Neurons that rank first for some pair in this layer (the most selective few): the site gives them a page of their own. */
  featured: z.array(z.int()),
  neurons: z.array(NeuronReport),
});
export type NeuronReportFile = z.infer<typeof NeuronReportFile>;

export const SentencesFile = z.object({
  schemaVersion: z.literal(SENTENCES_VERSION),
  sentences: z.array(
    z.object({
      /** Line in capture/sentences.jsonl (what snippets refer to), and the sentence's id in its split. */
      sentence: z.int(),
      id: z.int(),
      /** Input code points, and the true output units joined (split back with align/tsv.ts splitOutputUnits), one per step. */
      input: z.string(),
      output: z.string(),
    }),
  ),
});
export type SentencesFile = z.infer<typeof SentencesFile>;

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
