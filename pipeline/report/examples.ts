import type { ModelWeights } from '../capture/model-file.ts';
import { argmaxRows, captureLayers, forwardWindowed } from '../capture/forward.ts';
import { PLACEHOLDER } from '../align/tsv.ts';

/**
 * The post's sentences as this run's model writes them, with the capture's forward pass (plain TypeScript, equal to
 * tfjs within 1e-5, same windows as `npm run translit`) and the transliteration's rules: an input character
 * outside the vocabulary is copied, so is one where the model emits `<pad>`; placeholders are dropped for reading.
 */
export const POST_SENTENCES = ['es sirum em Deep Learning', 'Aydpes aveli sirun e.', 'Barev Dzez'];

export interface Example {
  input: string;
  output: string;
  aligned: string[];
}

export function transliterateExample(m: ModelWeights, vocab: { input: string[]; output: string[] }, text: string): Example {
  const index = new Map(vocab.input.map((c, i) => [c, i]));
  const chars = [...text];
  const ids = Int32Array.from(chars, (c) => index.get(c) ?? 1);
  const acts = forwardWindowed(m, ids, m.seqLen);
  const outputLayer = captureLayers(m).findIndex((l) => l.name === 'output');
  const pred = argmaxRows(acts[outputLayer], m.outputSize);
  const aligned = chars.map((c, t) => (ids[t] <= 1 || pred[t] <= 0 || pred[t] >= vocab.output.length ? c : vocab.output[pred[t]]));
  const output = aligned.filter((u, t) => u !== PLACEHOLDER || chars[t] === PLACEHOLDER).join('');
  return { input: text, output, aligned };
}
