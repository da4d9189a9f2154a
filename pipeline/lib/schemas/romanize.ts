import { z } from 'zod';

/** `artifacts/<run>/romanize/stats.json`: how the rules were used on this run's corpus. */
export const SplitRomanizeStats = z.object({
  sentences: z.int().min(0),
  /** Code points of the Armenian text and of its romanization. */
  armenianChars: z.int().min(0),
  latinChars: z.int().min(0),
  /** latinChars / armenianChars (0 for an empty split). */
  latinLengthRatio: z.number().min(0),
});

export const RomanizeStats = z.object({
  schemaVersion: z.number(),
  /** The rules file used, relative to the repository root, and its sha256. */
  rules: z.object({ path: z.string(), sha256: z.string() }),
  perWordConsistency: z.boolean(),
  splits: z.object({
    train: SplitRomanizeStats,
    val: SplitRomanizeStats,
    test: SplitRomanizeStats,
    /** Held-out real text (corpus.external); absent in artifacts written before it existed. */
    external: SplitRomanizeStats.optional(),
  }),
  /** All splits together. */
  total: SplitRomanizeStats,
  /** Rule key ("ձ", "Ձ", "^ո", "ու") → Latin variant → how many times it was drawn, all splits together. */
  variants: z.record(z.string(), z.record(z.string(), z.int().min(0))),
  /** Characters with no rule that passed through unchanged → count, all splits together. */
  passThrough: z.record(z.string(), z.int().min(0)),
  /**
   * The rules' `$caseVariants` on the train split: lines seen, lines upper-cased / Title-Cased whole, Armenian
   * words capitalised / upper-cased (all counted in the re-cased lines). Absent in artifacts written before it.
   */
  caseVariants: z
    .object({
      lines: z.int().min(0),
      upperLines: z.int().min(0),
      titleLines: z.int().min(0),
      capitalizedWords: z.int().min(0),
      upperWords: z.int().min(0),
    })
    .optional(),
});
export type RomanizeStats = z.infer<typeof RomanizeStats>;
export type SplitRomanizeStats = z.infer<typeof SplitRomanizeStats>;
