/**
 * A compact activation signature of the run's LSTM/GRU/RNN units, so units can be matched between separately trained
 * runs (pipeline/diff/match.ts): unit numbers mean nothing across models, but a unit and its counterpart respond
 * alike to the same text. Every run captures different sentences, so the signature is taken on a FIXED probe set
 * (config/probe/sentences.txt, romanized sentences committed once, the same for every run and config): the model
 * is run on them here, and each concat unit's (fwd.h then bwd.h) activation per probe step is stored as a signed
 * byte (round(127·v), v ∈ [−1, 1]), base64, unit-major: ~600 steps × 2U units ≈ 365 kB for the default.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { captureLayers, forwardWindowed } from '../capture/forward.ts';
import type { ModelWeights } from '../capture/model-file.ts';

/** Repository-relative name (recorded in the signature) and its absolute path (next to this code, whatever the run root). */
export const PROBE_FILE = 'config/probe/sentences.txt';
export const PROBE_PATH = fileURLToPath(new URL(`../../${PROBE_FILE}`, import.meta.url));

export interface Signature {
  probe: { file: string; sentences: number; steps: number };
  layer: string;
  units: number;
  /** base64 of Int8Array [units × steps], unit-major. */
  activations: string;
}

export function readProbe(path = PROBE_PATH): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.normalize('NFC'))
    .filter((l) => l.length > 0);
}

/** Run the model on the probe sentences and quantize its concat units' activations. */
export function computeSignature(model: ModelWeights, inputVocab: readonly string[], sentences: string[], file = PROBE_FILE): Signature {
  const index = new Map(inputVocab.map((c, i) => [c, i]));
  const layers = captureLayers(model);
  const concat = layers.findIndex((l) => l.name === 'concat');
  const size = layers[concat].size;
  const perSentence = sentences.map((s) => {
    const ids = Int32Array.from([...s], (c) => index.get(c) ?? 1);
    return forwardWindowed(model, ids, model.seqLen)[concat];
  });
  const steps = perSentence.reduce((n, a) => n + a.length / size, 0);
  const q = new Int8Array(size * steps);
  let t0 = 0;
  for (const a of perSentence) {
    const T = a.length / size;
    for (let t = 0; t < T; t++)
      for (let j = 0; j < size; j++) q[j * steps + t0 + t] = Math.round(127 * Math.max(-1, Math.min(1, a[t * size + j])));
    t0 += T;
  }
  return {
    probe: { file, sentences: sentences.length, steps },
    layer: 'concat',
    units: size,
    activations: Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString('base64'),
  };
}

/** The unit-major activations back as floats in [−1, 1]. */
export function decodeSignature(s: { units: number; probe: { steps: number }; activations: string }): Float32Array[] {
  const buf = Buffer.from(s.activations, 'base64');
  const q = new Int8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const T = s.probe.steps;
  return Array.from({ length: s.units }, (_, j) => Float32Array.from(q.subarray(j * T, (j + 1) * T), (v) => v / 127));
}
