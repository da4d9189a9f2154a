/**
 * Load a run's saved tf.layers model in Node at build time (pure-JS CPU backend, no native addon), to show the
 * model's own transliteration of the post's sentences on the overview.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';

interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

const cache = new Map<string, Promise<tfl.LayersModel>>();

export function loadRunModel(run: string): Promise<tfl.LayersModel> {
  // Same root as lib/artifacts.ts (not imported: this module also runs outside Vite, in scripts and tests).
  return loadModelDir(join(process.env.ARTIFACTS_DIR ?? 'artifacts', run, 'model'));
}

/** Load model.json + its weight files from a folder (memoised per folder). */
export function loadModelDir(dir: string): Promise<tfl.LayersModel> {
  let p = cache.get(dir);
  if (!p) {
    p = (async () => {
      await tf.setBackend('cpu');
      const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as ModelJson;
      const specs = json.weightsManifest.flatMap((g) => g.weights);
      const buffers = json.weightsManifest.flatMap((g) => g.paths.map((f) => readFileSync(join(dir, f))));
      const all = Buffer.concat(buffers);
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
      return tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData }));
    })();
    cache.set(dir, p);
  }
  return p;
}
