import { z } from 'zod';

/**
 * `artifacts/<run>/align/vocab.json`. Input symbols are single code points; output symbols are units: single code
 * points, the digraph ու (in any casing: "ու", "Ու", "ՈՒ", "ոՒ"), or the placeholder "_".
 * Index 0 of both is "<pad>", index 1 of input is "<unk>", index 1 of output is "_"; the rest is sorted by code point.
 */
export const Vocab = z.object({
  schemaVersion: z.number(),
  input: z.array(z.string()).min(2),
  output: z.array(z.string()).min(2),
});
export type Vocab = z.infer<typeof Vocab>;

export const SplitAlignStats = z.object({
  /** Sentences written to the split's TSV. */
  sentences: z.int().min(0),
  /** Sentences left out because their text holds "_", a tab or a line break (the TSV cannot represent them). */
  dropped: z.int().min(0),
  /** Aligned steps (input code points = output units). */
  steps: z.int().min(0),
  /** Output steps that are placeholders. */
  placeholders: z.int().min(0),
  maxLength: z.int().min(0),
  /** Input symbols / output symbols of this split missing from the (train) vocabulary. */
  unknownInputSteps: z.int().min(0),
  unknownOutputSteps: z.int().min(0),
});

/** `artifacts/<run>/align/stats.json`. */
export const AlignStats = z.object({
  schemaVersion: z.number(),
  splits: z.object({
    train: SplitAlignStats,
    val: SplitAlignStats,
    test: SplitAlignStats,
    /** Held-out real text (corpus.external); absent in artifacts written before it existed. */
    external: SplitAlignStats.optional(),
  }),
});
export type AlignStats = z.infer<typeof AlignStats>;
export type SplitAlignStats = z.infer<typeof SplitAlignStats>;
