import { z } from 'zod';

/**
 * The artifact of the evaluate stage: artifacts/<run>/eval.json, the saved model and the rule-based baseline scored
 * on the test split. A function of the model, the test split and the rules: byte-reproducible.
 */

export const Accuracy = z.object({
  /** 100 − 100·Levenshtein/length, pooled over the split, on un-aligned strings (placeholders removed). */
  charAccuracy: z.number(),
  /** Percent of truth words reproduced exactly, matched in order (longest common subsequence), in [0, 100]. */
  wordAccuracy: z.number(),
  /** Percent of sentences reproduced exactly. */
  sentenceAccuracy: z.number(),
  sentences: z.int().min(0),
  chars: z.int().min(0),
  words: z.int().min(0),
});
export type Accuracy = z.infer<typeof Accuracy>;

const Tally = z.object({ output: z.string(), count: z.int().min(0) });

export const InputConfusion = z.object({
  input: z.string(),
  count: z.int().min(0),
  accuracy: z.number(),
  targets: z.array(Tally),
  predicted: z.array(Tally),
  errors: z.array(z.object({ target: z.string(), predicted: z.string(), count: z.int().min(0) })),
});

export const Example = z.object({
  input: z.string(),
  output: z.string(),
  baseline: z.string(),
});
export type Example = z.infer<typeof Example>;

const ClassAccuracy = z.object({ words: z.int().min(0), wordAccuracy: z.number() });

/** Word accuracy by the class of the reference word (pipeline/evaluate/word-classes.ts). */
export const ByClass = z.object({
  lower: ClassAccuracy,
  capitalized: ClassAccuracy,
  allcaps: ClassAccuracy,
  latin: ClassAccuracy,
});

/** Output words mixing Armenian and Latin letters where the reference word does not. */
export const MixedScriptWords = z.object({
  count: z.int().min(0),
  /** Percent of all output words. */
  share: z.number(),
});

export const ErrorType = z.object({
  /** Aligned output units (`_` = the placeholder, nothing). */
  expected: z.string(),
  got: z.string(),
  count: z.int().min(1),
  /** The first word of the split where it happens. */
  example: z.object({ input: z.string(), expected: z.string(), got: z.string() }),
});

export const EvalFile = z.object({
  schemaVersion: z.number(),
  test: Accuracy,
  /** Test split: word accuracy by class of the reference word. */
  byClass: ByClass,
  /** Test split. */
  mixedScriptWords: MixedScriptWords,
  /** Test split: the five most frequent (expected → got) unit confusions, with an example word each. */
  errorTypes: z.array(ErrorType),
  /**
   * The held-out real-text split (`.cache/<run>/align/external.tsv`, kept apart by source by the corpus stage);
   * absent when the run has none (the file is missing or empty).
   */
  external: Accuracy.extend({ byClass: ByClass, mixedScriptWords: MixedScriptWords }).optional(),
  baseline: z.object({
    /** What the baseline is. */
    method: z.string(),
    test: Accuracy,
  }),
  /** Aligned-step accuracy on the test split (percent of input characters whose output is right). */
  alignedAccuracy: z.number(),
  /** Input letters whose true output is ambiguous, with the model's confusions (aligned test data). */
  confusion: z.array(InputConfusion),
  /** The model's transliterations of fixed example sentences (shown on the site). */
  examples: z.array(Example),
  /** Some test sentences the model gets wrong: input, truth, prediction. */
  mistakes: z.array(z.object({ input: z.string(), truth: z.string(), predicted: z.string() })),
});
export type EvalFile = z.infer<typeof EvalFile>;
