import { z } from 'zod';

/**
 * Capture artifacts. Activations are bulky and stay binary in `.cache/<run>/capture/`, described by `index.json`
 * (the file the stats stage depends on: it holds each shard's sha256, so a changed shard changes the index);
 * `artifacts/<run>/capture/summary.json` is the small committed description.
 *
 * Binary layout (little-endian):
 * - `<layer>.f32` (or `.f16`): activations of one layer, step-major [steps, size]; float16 = IEEE half.
 * - `meta.i32`: per step 5 int32: input id, true output id (0 = outside the output vocabulary), predicted output id,
 *   sentence index, position in the sentence.
 * - `sentences.jsonl`: one `CapturedSentence` (pipeline/capture/types.ts) per line, in capture order.
 */

export const CaptureFile = z.object({
  file: z.string(),
  bytes: z.int().min(0),
  sha256: z.string(),
});

export const CaptureLayerEntry = CaptureFile.extend({
  /** Layer name of docs/CONTRACTS.md (fwd.i … bwd.h, concat, hidden, output). */
  name: z.string(),
  size: z.int().min(1),
});

/** `.cache/<run>/capture/index.json`. */
export const CaptureIndex = z.object({
  schemaVersion: z.number(),
  dtype: z.enum(['float32', 'float16']),
  steps: z.int().min(0),
  sentences: z.int().min(0),
  cell: z.enum(['lstm', 'gru', 'rnn']),
  layers: z.array(CaptureLayerEntry),
  meta: CaptureFile,
  sentenceFile: CaptureFile,
  vocab: z.object({ input: z.array(z.string()), output: z.array(z.string()) }),
});
export type CaptureIndex = z.infer<typeof CaptureIndex>;

/** `artifacts/<run>/capture/summary.json`. */
export const CaptureSummary = z.object({
  schemaVersion: z.number(),
  sentences: z.int().min(0),
  steps: z.int().min(0),
  /** Captured sentences per split, and how many each split offered. */
  splits: z.record(z.string(), z.object({ captured: z.int().min(0), available: z.int().min(0) })),
  dtype: z.enum(['float32', 'float16']),
  model: z.object({ cell: z.enum(['lstm', 'gru', 'rnn']), units: z.int(), hidden: z.int(), inputSize: z.int(), outputSize: z.int() }),
  layers: z.array(z.object({ name: z.string(), size: z.int(), bytes: z.int(), sha256: z.string() })),
  accuracy: z.object({
    /** Share of steps whose predicted output symbol equals the true one. */
    steps: z.number().min(0).max(1),
    /** Same, over steps whose input is a Latin letter (the ambiguous ones the analysis is about). */
    latinSteps: z.number().min(0).max(1),
    /** Share of sentences transliterated without any error. */
    sentences: z.number().min(0).max(1),
  }),
});
export type CaptureSummary = z.infer<typeof CaptureSummary>;
