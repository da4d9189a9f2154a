import { parentPort } from 'node:worker_threads';
import { createSingleThreadModel, type FastModel } from './model.ts';
import type { Batch, CreateModelOptions } from './model-api.ts';

/**
 * A data-parallel gradient worker: its own tfjs (own wasm instance, own core), the same model code. The parent
 * sends the current weights and a shard of the batch; the worker answers with the shard's loss, masked step
 * count and gradients (transferred, not copied).
 */

type Request =
  | { type: 'init'; opts: CreateModelOptions }
  | { type: 'grad'; id: number; weights: Record<string, Float32Array>; batch: Batch };

let model: FastModel | null = null;

parentPort!.on('message', async (msg: Request) => {
  try {
    if (msg.type === 'init') {
      process.env.TRANSLIT_BACKEND_QUIET = '1';
      model = await createSingleThreadModel(msg.opts);
      parentPort!.postMessage({ type: 'ready', backend: model.backend });
      return;
    }
    if (!model) throw new Error('worker used before init');
    model.setWeights(msg.weights);
    const { loss, count, grads } = await model.lossAndGradients(msg.batch);
    parentPort!.postMessage(
      { type: 'grad', id: msg.id, loss, count, grads },
      Object.values(grads).map((g) => g.buffer as ArrayBuffer),
    );
  } catch (e) {
    parentPort!.postMessage({ type: 'error', id: (msg as { id?: number }).id, message: (e as Error).stack ?? String(e) });
  }
});
