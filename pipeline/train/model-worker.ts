import { parentPort } from 'node:worker_threads';
import type { FastModel } from './fast-model.ts';
import { createSingleThreadModel } from './model-single.ts';
import type { Batch, CreateModelOptions } from './model-api.ts';

/**
 * A data-parallel worker: its own tfjs (own wasm instance, own core), the same model code, reading the parent's
 * weights from shared memory. The parent sends a shard of a batch; the worker answers with the shard's loss,
 * masked step count and gradients (transferred, not copied), its evaluation counts, or its predicted ids.
 */

type Request =
  /** `weights`: the parent's, in shared memory, adopted once: every later request reads them as they are then. */
  | { type: 'init'; opts: CreateModelOptions; weights: Record<string, Float32Array> }
  | { type: 'grad' | 'eval' | 'predict'; id: number; batch: Batch };

let model: FastModel | null = null;

parentPort!.on('message', async (msg: Request) => {
  try {
    if (msg.type === 'init') {
      process.env.TRANSLIT_BACKEND_QUIET = '1';
      model = await createSingleThreadModel(msg.opts);
      model.adoptWeights(msg.weights);
      parentPort!.postMessage({ type: 'ready', backend: model.backend });
      return;
    }
    if (!model) throw new Error('worker used before init');
    const b = msg.batch;
    if (msg.type === 'eval') {
      parentPort!.postMessage({ type: 'eval', id: msg.id, ...(await model.evaluate(b)) });
    } else if (msg.type === 'predict') {
      const ids = await model.predictIds(b.inputs, b.batch, b.time);
      parentPort!.postMessage({ type: 'predict', id: msg.id, ids }, [ids.buffer as ArrayBuffer]);
    } else {
      const { loss, count, grads } = await model.lossAndGradients(b);
      parentPort!.postMessage(
        { type: 'grad', id: msg.id, loss, count, grads },
        Object.values(grads).map((g) => g.buffer as ArrayBuffer),
      );
    }
  } catch (e) {
    parentPort!.postMessage({ type: 'error', id: (msg as { id?: number }).id, message: (e as Error).stack ?? String(e) });
  }
});
