import { parentPort } from 'node:worker_threads';
import { argmaxRows, forwardWindowed } from './forward.ts';
import type { ModelWeights } from './model-file.ts';

/**
 * A capture worker: the plain-TS forward pass (forward.ts) on the sentences the parent sends, answering each job
 * with every captured layer and the argmax ids, buffers transferred (not copied). Pure and deterministic, so a
 * sentence's bytes are the same on any thread.
 */
type Request = { type: 'init'; model: ModelWeights } | { type: 'run'; id: number; sentences: Int32Array[] };

let model: ModelWeights | null = null;

parentPort!.on('message', (msg: Request) => {
  try {
    if (msg.type === 'init') {
      model = msg.model;
      parentPort!.postMessage({ type: 'ready' });
      return;
    }
    if (!model) throw new Error('capture worker used before init');
    const m = model;
    const results = msg.sentences.map((ids) => {
      const acts = forwardWindowed(m, ids, m.seqLen);
      return { acts, predIds: argmaxRows(acts[acts.length - 1], m.outputSize) };
    });
    const transfer = results.flatMap((r) => [...r.acts.map((a) => a.buffer as ArrayBuffer), r.predIds.buffer as ArrayBuffer]);
    parentPort!.postMessage({ type: 'done', id: msg.id, results }, transfer);
  } catch (e) {
    parentPort!.postMessage({ type: 'error', id: (msg as { id?: number }).id, message: (e as Error).stack ?? String(e) });
  }
});
