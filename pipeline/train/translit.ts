import * as tf from '@tensorflow/tfjs';
import { PLACEHOLDER, makeCodec, type Vocab } from './data.ts';
import { planWindows, type Piece } from './windows.ts';

export { planWindows, type Piece };

/**
 * Transliteration of arbitrary lines with a trained model. The model emits one output character per input
 * character (code point); placeholders are dropped, and input characters unknown to the vocabulary are copied.
 *
 * Long lines are cut into overlapping windows so every character is predicted with context on both sides: windows
 * of `window` steps, of which the outer `margin` steps on each side are context only and the centre is kept (the
 * line's first and last windows keep their outer edge too).
 *
 * Windows are batched by length. A short window is padded on the right with spaces up to a multiple of `bucket`
 * steps, so that lines of similar length share a batch (one batch per exact length would mean hundreds of tiny
 * batches, each paying the per-step cost of the recurrence). Spaces, not `<pad>`: the model saw spaces after
 * sentences in training (they are joined by a space) and never saw `<pad>`. The padding depends only on the
 * window's own length, so a line's transliteration never depends on the other lines.
 */

/** What transliteration needs from a model: argmax output ids for a batch of id sequences. */
export interface Predictor {
  predictIds(inputs: Int32Array, batch: number, time: number): Promise<Int32Array>;
}

export interface TranslitOptions {
  /** The training window length; windows and margins derive from it. */
  seqLen: number;
  /** Window length (default 2·seqLen). */
  window?: number;
  /** Context-only steps at each inner edge of a window (default seqLen/2). */
  margin?: number;
  batchSize?: number;
  /** Short windows are right-padded with spaces to a multiple of this (1 = no padding; default 8). */
  bucket?: number;
}

/** A tf.layers model (as saved by the train stage: one-hot input, softmax output) as a Predictor. */
export function layersPredictor(model: tf.LayersModel, inputSize: number): Predictor {
  return {
    async predictIds(inputs, batch, time) {
      const ids = tf.tidy(() => {
        const x = tf.oneHot(tf.tensor2d(inputs, [batch, time], 'int32'), inputSize).toFloat();
        const y = model.predict(x) as tf.Tensor;
        return y.argMax(-1);
      });
      const out = new Int32Array(await ids.data());
      ids.dispose();
      return out;
    },
  };
}

/**
 * The model's raw aligned output: one output symbol per input code point (an Armenian unit — ու is one —, a
 * pass-through character or the placeholder; unknown input characters are copied, and so is the input character
 * where the model would emit `<pad>`).
 */
export async function predictAligned(
  lines: readonly string[],
  model: Predictor,
  vocab: Vocab,
  opts: TranslitOptions,
): Promise<string[][]> {
  const codec = makeCodec(vocab);
  const window = opts.window ?? 2 * opts.seqLen;
  const margin = opts.margin ?? Math.floor(opts.seqLen / 2);
  const batchSize = opts.batchSize ?? 256;
  const spaceId = codec.inputId.get(' ');
  const bucket = spaceId === undefined ? 1 : Math.max(1, opts.bucket ?? 8);
  const padded = (len: number) => (len >= window ? len : Math.min(window, Math.ceil(len / bucket) * bucket));
  const chars = lines.map((l) => Array.from(l));
  const ids = chars.map((cs) => Int32Array.from(cs, (c) => codec.inputId.get(c) ?? 1));
  const preds = chars.map((cs) => new Int32Array(cs.length));

  // Group windows by padded length so each batch is rectangular.
  const byLength = new Map<number, { line: number; piece: Piece }[]>();
  chars.forEach((cs, line) => {
    for (const piece of planWindows(cs.length, window, margin)) {
      const len = padded(piece.length);
      let g = byLength.get(len);
      if (!g) byLength.set(len, (g = []));
      g.push({ line, piece });
    }
  });
  for (const time of [...byLength.keys()].sort((a, b) => a - b)) {
    const group = byLength.get(time)!;
    for (let i = 0; i < group.length; i += batchSize) {
      const part = group.slice(i, i + batchSize);
      const inputs = new Int32Array(part.length * time).fill(spaceId ?? 0);
      part.forEach(({ line, piece }, b) =>
        inputs.set(ids[line].subarray(piece.start, piece.start + piece.length), b * time),
      );
      const out = await model.predictIds(inputs, part.length, time);
      part.forEach(({ line, piece }, b) => {
        for (let p = piece.keepFrom; p < piece.keepTo; p++) preds[line][p] = out[b * time + (p - piece.start)];
      });
    }
  }
  return chars.map((cs, line) =>
    cs.map((c, p) => {
      const id = preds[line][p];
      if (!codec.inputId.has(c) || id <= 0 || id >= vocab.output.length) return c;
      return vocab.output[id];
    }),
  );
}

/**
 * The text a reader sees: placeholders the model emitted are dropped. A literal `_` typed in the input is not a
 * placeholder (it is outside the vocabulary and copied), so it stays.
 */
export function unalignPrediction(input: readonly string[], aligned: readonly string[]): string {
  let out = '';
  for (let p = 0; p < aligned.length; p++) if (aligned[p] !== PLACEHOLDER || input[p] === PLACEHOLDER) out += aligned[p];
  return out;
}

/** Transliterate romanized lines into Armenian script, one output line per input line. */
export async function transliterate(
  lines: string[],
  model: Predictor,
  vocab: Vocab,
  opts: TranslitOptions = { seqLen: 40 },
): Promise<string[]> {
  const aligned = await predictAligned(lines, model, vocab, opts);
  return aligned.map((a, i) => unalignPrediction(Array.from(lines[i]), a));
}
