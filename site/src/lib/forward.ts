/**
 * Build-time inference with the capture stage's own forward pass (pipeline/capture/forward.ts): plain TypeScript,
 * equal to tfjs within 1e-5, and it exposes every gate — so the build can show where any neuron, gate included,
 * fires on the sample sentences, and what the model writes for the post's sentences, with exactly the windows the
 * pipeline's transliteration uses.
 */
import { join } from 'node:path';
import { readModelDir, type ModelWeights } from '../../../pipeline/capture/model-file.ts';
import { argmaxRows, captureLayers, forwardWindowed } from '../../../pipeline/capture/forward.ts';
import { artifactsRoot } from './artifacts.ts';
import { decode, encode, type TranslitResult, type Vocabulary } from './translit.ts';

export interface SentenceRun {
  text: string;
  perChar: TranslitResult['perChar'];
  /** Capture layer name → step-major activations [T, size]. */
  layers: Map<string, { size: number; data: Float32Array }>;
}

const models = new Map<string, ModelWeights>();

function model(run: string): ModelWeights {
  let m = models.get(run);
  if (!m) models.set(run, (m = readModelDir(join(artifactsRoot(), run, 'model'))));
  return m;
}

export function runSentence(run: string, text: string, vocab: Vocabulary): SentenceRun {
  const m = model(run);
  const { chars, ids, known } = encode(text, vocab);
  const acts = forwardWindowed(m, Int32Array.from(ids), m.seqLen);
  const infos = captureLayers(m);
  const layers = new Map(infos.map((l, i) => [l.name, { size: l.size, data: acts[i] }]));
  const pred = argmaxRows(layers.get('output')!.data, m.outputSize);
  const perChar = decode(chars, known, pred, vocab);
  return { text: perChar.map((c) => c.output).join(''), perChar, layers };
}
