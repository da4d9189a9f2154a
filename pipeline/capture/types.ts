/**
 * What the capture stage hands to the statistics (the reader is implemented in pipeline/capture/reader.ts).
 * Steps are all time steps of all captured sentences, concatenated in sentence order.
 */
export interface CapturedSentence {
  id: number;
  split: 'train' | 'val' | 'test';
  /** Romanized input, aligned (same length as output). */
  input: string;
  /** True aligned output (Armenian with `_` placeholders). */
  output: string;
  /** The model's argmax output, aligned. */
  predicted: string;
  /** Index of this sentence's first step in the step arrays. */
  start: number;
}

export interface CaptureLayerInfo {
  /** One of the names in docs/CONTRACTS.md: fwd.i … bwd.h, concat, hidden, output. */
  name: string;
  size: number;
}

export interface StepMeta {
  /** Per step: input vocabulary id, true output id, predicted output id, sentence index, position in sentence. */
  inputId: Int32Array;
  targetId: Int32Array;
  predId: Int32Array;
  sentence: Int32Array;
  position: Int32Array;
}

export interface CaptureReader {
  readonly steps: number;
  readonly layers: CaptureLayerInfo[];
  readonly sentences: CapturedSentence[];
  readonly vocab: { input: string[]; output: string[] };
  readonly meta: StepMeta;
  /**
   * All activations of one layer, step-major [steps, size]. Loaded one layer at a time so memory stays bounded
   * (a 228-unit layer over 300k steps is ~270 MB).
   */
  loadLayer(name: string): Promise<Float32Array>;
}
