import * as tf from '@tensorflow/tfjs';
import { PLACEHOLDER, makeCodec, type Vocab } from './data.ts';
import { planWindows, translitWindows, type Piece } from './windows.ts';

export { planWindows, type Piece };

/**
 * Transliteration of arbitrary lines with a trained model: THE path behind eval.json, `npm run translit`, the stats
 * stage's example (and, window for window, the capture and the site's live page). The model emits one output
 * character per input character (code point); placeholders are dropped, and input characters unknown to the
 * vocabulary are copied.
 *
 * Long lines are cut into the overlapping windows of pipeline/train/windows.ts (`translitWindows`), so every
 * character is predicted with context on both sides.
 *
 * Each window is run at its own exact length, never padded: the backward direction reads a window from its end, so
 * padding after a line would change every prediction of that line (with spaces, evaluation once gave `vochxar` →
 * `վչխար` where the unpadded CLI and the live page gave `ոչխար`). Windows of equal length share a batch, so a
 * line's output never depends on the other lines, and the batches are cut by steps (`batchSteps`), which bounds
 * memory by the batch whatever the line length. Up to `inFlight` batches are handed to the model at once, so a
 * model that computes on worker threads keeps them all busy while this thread packs the next batch.
 */

/** What transliteration needs from a model: argmax output ids for a batch of id sequences. */
export interface Predictor {
  predictIds(inputs: Int32Array, batch: number, time: number): Promise<Int32Array>;
}

export interface TranslitOptions {
  /** The training window length; the windows derive from it (pipeline/train/windows.ts). */
  seqLen: number;
  /** Most time steps (windows × length) in one batch (default 8192). */
  batchSteps?: number;
  /** Batches handed to the model concurrently (default 2). */
  inFlight?: number;
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

/** Run the model over `windows` (grouped by exact length, in batches of at most `batchSteps` steps). */
async function runWindows(
  windows: readonly { ids: Int32Array; piece: Piece; out: Int32Array }[],
  model: Predictor,
  opts: TranslitOptions,
): Promise<void> {
  const batchSteps = Math.max(1, opts.batchSteps ?? 8192);
  const inFlight = Math.max(1, opts.inFlight ?? 2);
  const byLength = new Map<number, typeof windows[number][]>();
  for (const w of windows) {
    let g = byLength.get(w.piece.length);
    if (!g) byLength.set(w.piece.length, (g = []));
    g.push(w);
  }
  const batches: (typeof windows[number][])[] = [];
  for (const time of [...byLength.keys()].sort((a, b) => a - b)) {
    const group = byLength.get(time)!;
    const per = Math.max(1, Math.floor(batchSteps / time));
    for (let i = 0; i < group.length; i += per) batches.push(group.slice(i, i + per));
  }
  const runBatch = async (part: typeof windows[number][]): Promise<void> => {
    const time = part[0].piece.length;
    const inputs = new Int32Array(part.length * time);
    part.forEach(({ ids, piece }, b) => inputs.set(ids.subarray(piece.start, piece.start + time), b * time));
    const out = await model.predictIds(inputs, part.length, time);
    part.forEach(({ piece, out: dst }, b) => {
      for (let p = piece.keepFrom; p < piece.keepTo; p++) dst[p] = out[b * time + (p - piece.start)];
    });
  };
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < batches.length) await runBatch(batches[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, batches.length) }, lane));
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
  const chars = lines.map((l) => Array.from(l));
  const windows: { ids: Int32Array; piece: Piece; out: Int32Array }[] = [];
  const preds = chars.map((cs) => {
    const ids = Int32Array.from(cs, (c) => codec.inputId.get(c) ?? 1);
    const out = new Int32Array(cs.length);
    for (const piece of translitWindows(cs.length, opts.seqLen)) windows.push({ ids, piece, out });
    return out;
  });
  await runWindows(windows, model, opts);
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
