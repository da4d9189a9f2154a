import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeFileAtomic } from '../lib/atomic.ts';
import { UserError } from '../lib/errors.ts';
import { translitMetadataOf, type TranslitMetadata } from '../lib/schemas/model.ts';
import { checkVocab, type Vocab } from './data.ts';
import { checkVocabShapes, checkWeights, weightsRecord } from './model-check.ts';

/**
 * Save and load tf.layers models in the TensorFlow.js format (model.json + weights.bin) with our own IO handlers:
 * tfjs's `file://` handler needs tfjs-node, which is optional here. Files are written atomically, weights first,
 * so a reader never sees a model.json whose weights are missing or half-written.
 *
 * model.json carries, in `userDefinedMetadata.translit`, what inference needs beyond the weights (vocabularies
 * and the training window length), so `artifacts/<run>/model/` alone is enough to transliterate (also in a browser).
 * Its schema and reader: pipeline/lib/schemas/model.ts.
 */

export const WEIGHTS_FILE = 'weights.bin';

export type { TranslitMetadata };

function concat(data: tf.io.WeightData | undefined): Uint8Array {
  if (!data) return new Uint8Array(0);
  const bufs = Array.isArray(data) ? data : [data];
  const total = bufs.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const b of bufs) {
    out.set(new Uint8Array(b), o);
    o += b.byteLength;
  }
  return out;
}

export function fileSaveHandler(dir: string, meta: TranslitMetadata): tf.io.IOHandler {
  return {
    save: async (artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> => {
      if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error('binary model topologies are not supported');
      const weights = concat(artifacts.weightData);
      writeFileAtomic(join(dir, WEIGHTS_FILE), weights);
      const json = {
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
        // weights: size and sha256 of weights.bin, checked by every load (see ./model-check.ts).
        userDefinedMetadata: { translit: meta, weights: weightsRecord(weights) },
      };
      writeFileAtomic(join(dir, 'model.json'), JSON.stringify(json) + '\n');
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(0),
          modelTopologyType: 'JSON',
          weightDataBytes: weights.byteLength,
        },
      };
    },
  };
}

export async function saveModel(model: tf.LayersModel, dir: string, meta: TranslitMetadata): Promise<string[]> {
  await model.save(fileSaveHandler(dir, meta));
  return [join(dir, 'model.json'), join(dir, WEIGHTS_FILE)];
}

function readModelJson(dir: string): tf.io.ModelJSON & { userDefinedMetadata?: { translit?: unknown; weights?: unknown } } {
  const path = join(dir, 'model.json');
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new UserError(path, 'model not found: run the train stage first (make train)');
  }
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new UserError(path, `not valid JSON (${(err as Error).message})`);
  }
}

export function fileLoadHandler(dir: string): tf.io.IOHandler {
  return {
    load: async (): Promise<tf.io.ModelArtifacts> => {
      const json = readModelJson(dir);
      const specs: tf.io.WeightsManifestEntry[] = [];
      const parts: Uint8Array[] = [];
      for (const group of json.weightsManifest ?? []) {
        specs.push(...group.weights);
        for (const p of group.paths) {
          try {
            parts.push(readFileSync(join(dir, p)));
          } catch {
            throw new UserError(join(dir, p), 'weights file missing: rerun the train stage');
          }
        }
      }
      const total = parts.reduce((n, b) => n + b.byteLength, 0);
      const data = new Uint8Array(total);
      let o = 0;
      for (const b of parts) {
        data.set(b, o);
        o += b.byteLength;
      }
      checkWeights(dir, specs, data, json.userDefinedMetadata?.weights);
      return {
        modelTopology: json.modelTopology,
        weightSpecs: specs,
        weightData: data.buffer,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
      };
    },
  };
}

export function readTranslitMetadata(dir: string): TranslitMetadata {
  const path = join(dir, 'model.json');
  const m = translitMetadataOf(readModelJson(dir), path);
  return { ...m, vocab: checkVocab(m.vocab, path) };
}

export async function loadModel(dir: string): Promise<{ model: tf.LayersModel; meta: TranslitMetadata }> {
  const meta = readTranslitMetadata(dir);
  checkVocabShapes(dir, (readModelJson(dir).weightsManifest ?? []).flatMap((g) => g.weights), meta.vocab);
  const model = await tf.loadLayersModel(fileLoadHandler(dir));
  return { model, meta };
}
