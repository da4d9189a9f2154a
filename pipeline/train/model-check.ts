import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { UserError } from '../lib/errors.ts';
import { sha256 } from '../lib/hash.ts';
import type { Vocab } from './data.ts';

/**
 * The checks a model folder handed to `translit` (or any loader) passes before a weight is used: weights.bin has
 * exactly the bytes model.json's weight specs describe and the sha256 training recorded, every weight is finite,
 * and the vocabularies fit the weight shapes. Each failure is one line naming the file; tfjs never sees bad data.
 */

/** What training records about weights.bin in model.json (`userDefinedMetadata.weights`). */
export interface WeightsRecord {
  bytes: number;
  sha256: string;
}

export function weightsRecord(data: Uint8Array): WeightsRecord {
  return { bytes: data.byteLength, sha256: sha256(data) };
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

function specBytes(spec: tf.io.WeightsManifestEntry, modelJson: string): number {
  const per = BYTES[spec.dtype ?? 'float32'];
  if (per === undefined || spec.quantization) throw new UserError(modelJson, `weight ${spec.name}: unsupported dtype ${spec.dtype}`);
  return spec.shape.reduce((n, d) => n * d, 1) * per;
}

/** Size, recorded hash and finiteness of the concatenated weight files. */
export function checkWeights(dir: string, specs: tf.io.WeightsManifestEntry[], data: Uint8Array, recorded: unknown): void {
  const modelJson = join(dir, 'model.json');
  const file = join(dir, 'weights.bin');
  const need = specs.reduce((n, s) => n + specBytes(s, modelJson), 0);
  if (data.byteLength !== need)
    throw new UserError(
      file,
      `has ${data.byteLength} bytes, model.json's weight specs need ${need}: ${data.byteLength < need ? 'truncated' : 'extra bytes'}, not the weights of this model`,
    );
  const rec = recorded as Partial<WeightsRecord> | undefined;
  if (rec !== undefined) {
    if (typeof rec.sha256 !== 'string') throw new UserError(modelJson, 'userDefinedMetadata.weights has no sha256');
    if (sha256(data) !== rec.sha256) throw new UserError(file, 'does not match the sha256 recorded in model.json: corrupted or replaced');
  }
  let offset = 0;
  for (const s of specs) {
    const bytes = specBytes(s, modelJson);
    if ((s.dtype ?? 'float32') === 'float32') {
      const values = new Float32Array(data.buffer.slice(data.byteOffset + offset, data.byteOffset + offset + bytes));
      const bad = values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new UserError(file, `weight ${s.name} holds a non-finite value (${values[bad]} at index ${bad})`);
    }
    offset += bytes;
  }
}

/** The vocabularies must be the ones the weights were trained with: their sizes are the input and output widths. */
export function checkVocabShapes(dir: string, specs: tf.io.WeightsManifestEntry[], vocab: Vocab): void {
  const modelJson = join(dir, 'model.json');
  const shape = (suffix: string) => {
    const s = specs.find((w) => w.name.endsWith(suffix));
    if (!s) throw new UserError(modelJson, `no weight "${suffix}" in the weight specs: not a model written by the train stage`);
    return s.shape;
  };
  const inputs = shape('forward_rnn/kernel')[0];
  const outputs = shape('output/kernel')[1];
  if (vocab.input.length !== inputs)
    throw new UserError(modelJson, `input vocabulary has ${vocab.input.length} entries, the weights take ${inputs} inputs`);
  if (vocab.output.length !== outputs)
    throw new UserError(modelJson, `output vocabulary has ${vocab.output.length} entries, the weights give ${outputs} outputs`);
}
