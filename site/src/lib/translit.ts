/**
 * Transliteration with the trained tf.layers model, shared by the build (the overview's examples) and the browser
 * (the live page). Follows docs/CONTRACTS.md: characters → input vocabulary ids (unknown → `<unk>`), one-hot,
 * argmax over the output vocabulary, `_` placeholders dropped, characters outside the input vocabulary copied as is.
 *
 * Layer outputs are exposed under the capture names the rest of the site uses: `concat` is the model's `bi` layer
 * (forward then backward hidden state), `hidden` is the model's `concat` layer (dense tanh, then the one-hot input).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { translitWindows as windows } from '../../../pipeline/train/windows.ts';

export interface Vocabulary {
  input: string[];
  output: string[];
}

export interface TranslitResult {
  text: string;
  /** Per input character (code point): the predicted output token, '' where a placeholder was dropped. */
  perChar: { input: string; output: string; known: boolean }[];
  /** Capture layer name → [time][neuron] activations, for the layers asked for. */
  activations: Record<string, number[][]>;
}

/** Model layer whose output is each capture layer (see the comment above). */
export const CAPTURE_TO_MODEL_LAYER: Record<string, string> = { concat: 'bi', hidden: 'concat', output: 'output' };

export function encode(text: string, vocab: Vocabulary): { chars: string[]; ids: number[]; known: boolean[] } {
  const index = new Map(vocab.input.map((c, i) => [c, i]));
  const chars = [...text];
  const ids: number[] = [];
  const known: boolean[] = [];
  for (const ch of chars) {
    const id = index.get(ch);
    known.push(id !== undefined && id > 1);
    ids.push(id !== undefined && id > 1 ? id : 1);
  }
  return { chars, ids, known };
}

export function decode(chars: string[], known: boolean[], predIds: ArrayLike<number>, vocab: Vocabulary): TranslitResult['perChar'] {
  return chars.map((ch, t) => {
    if (!known[t]) return { input: ch, output: ch, known: false };
    const tok = vocab.output[predIds[t]] ?? '';
    return { input: ch, output: tok === '_' || tok === '<pad>' ? '' : tok, known: true };
  });
}

/**
 * A model with extra outputs for the given capture layers (output probabilities always first; `output` itself is not
 * repeated, tfjs refuses duplicate outputs). Pass the same `captureLayers` to `transliterate`.
 */
export function withLayerOutputs(model: tfl.LayersModel, captureLayers: string[]): tfl.LayersModel {
  const extra = captureLayers.filter((l) => l !== 'output').map((l) => model.getLayer(CAPTURE_TO_MODEL_LAYER[l] ?? l).output as tfl.SymbolicTensor);
  return tfl.model({ inputs: model.inputs, outputs: [model.outputs[0], ...extra] });
}

/** The pipeline's one window rule, so the page's output equals `npm run translit` and the captured states. */
export { windows };

/** Run `model` (from withLayerOutputs with `captureLayers`) on one text, in the training windows when seqLen is set. */
export function transliterate(
  model: tfl.LayersModel,
  captureLayers: string[],
  text: string,
  vocab: Vocabulary,
  seqLen: number | null = null,
): TranslitResult {
  const { chars, ids, known } = encode(text, vocab);
  const pred: number[] = new Array(chars.length).fill(0);
  const acts: Record<string, number[][]> = Object.fromEntries(captureLayers.map((l) => [l, new Array<number[]>(chars.length)]));
  for (const w of windows(chars.length, seqLen)) {
    const piece = ids.slice(w.start, w.start + w.length);
    tf.tidy(() => {
      // Functional ops only: chained tensor methods are not registered when only tfjs-core is imported.
      const x = tf.cast(tf.oneHot(tf.tensor2d([piece], [1, piece.length], 'int32'), vocab.input.length), 'float32');
      const outs = model.predict(x);
      const list = Array.isArray(outs) ? outs : [outs];
      const p = tf.argMax(list[0], -1).dataSync();
      const layerRows = new Map<string, number[][]>();
      let next = 1;
      for (const l of captureLayers) layerRows.set(l, tf.squeeze(list[l === 'output' ? 0 : next++], [0]).arraySync() as number[][]);
      for (let t = w.keepFrom; t < w.keepTo; t++) {
        pred[t] = p[t - w.start];
        for (const l of captureLayers) acts[l][t] = layerRows.get(l)![t - w.start];
      }
    });
  }
  const perChar = decode(chars, known, pred, vocab);
  return { text: perChar.map((c) => c.output).join(''), perChar, activations: acts };
}
