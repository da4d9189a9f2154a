import { z } from 'zod';

/**
 * Artifacts of the train stage: artifacts/<run>/train-log.json and artifacts/<run>/eval.json.
 * train-log.json holds wall-clock figures (seconds, chars/s) and is therefore NOT byte-reproducible; everything
 * else the stage writes is a function of config + seed + data (on one tfjs backend).
 */

export const EpochLog = z.object({
  /** 1-based. */
  epoch: z.int().min(1),
  /** Fraction of the epoch's windows trained (< 1 when the wall budget stopped it). */
  fraction: z.number().min(0).max(1),
  steps: z.int().min(0),
  /** Characters (scored steps) trained in this epoch. */
  chars: z.number().min(0),
  /** Mean of the batch losses during the epoch (each measured before its update). */
  trainLoss: z.number(),
  /** Percent of argmax-correct steps on a fixed train subset, measured after the epoch. */
  trainAccuracy: z.number(),
  valLoss: z.number(),
  /** Percent of argmax-correct aligned steps on the fixed validation subset. */
  valAccuracy: z.number(),
  /** Wall-clock (non-reproducible). */
  seconds: z.number().min(0),
  charsPerSecond: z.number().min(0),
  /** Adam's step size on the epoch's last step (follows train.lrDecay / train.lrCooldown). */
  learningRate: z.number().min(0).optional(),
});
export type EpochLog = z.infer<typeof EpochLog>;

export const TrainLog = z.object({
  schemaVersion: z.number(),
  backend: z.string(),
  parameterCount: z.int().min(0),
  cell: z.string(),
  epochs: z.array(EpochLog),
  /** The epoch whose weights were kept (lowest validation loss), 1-based. */
  bestEpoch: z.int().min(1),
  stopReason: z.enum(['epochs', 'early-stopping', 'time-budget']),
  trainWindows: z.int().min(0),
  valWindows: z.int().min(0),
  seqLen: z.int().min(1),
  /** Total training wall time over all sessions (a resumed run adds up), seconds. Non-reproducible. */
  wallSeconds: z.number().min(0),
  /** Sessions the training took (1 + the number of resumes). */
  sessions: z.int().min(1),
});
export type TrainLog = z.infer<typeof TrainLog>;

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

export const EvalFile = z.object({
  schemaVersion: z.number(),
  test: Accuracy,
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
