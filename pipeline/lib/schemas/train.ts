import { z } from 'zod';

/**
 * Artifacts of the train stage: artifacts/<run>/train-log.json (and the model files).
 * train-log.json holds wall-clock figures (seconds, chars/s) and is therefore NOT byte-reproducible; the model is a
 * function of config + seed + data (on one tfjs backend).
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
