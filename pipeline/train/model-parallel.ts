import { Worker } from 'node:worker_threads';
import type { FastModel } from './fast-model.ts';
import type { ParamName } from './model-params.ts';
import { createSingleThreadModel } from './model-single.ts';
import type { Batch, CreateModelOptions, TrainableModel } from './model-api.ts';

/**
 * Data-parallel training over worker threads: in Node the wasm backend runs single-threaded (tfjs issue #3830), so
 * each worker gets its own wasm instance and a contiguous shard of the batch's sequences; the main thread
 * averages the shards' gradients weighted by their masked step counts (= the gradient of the whole batch's
 * masked mean loss, up to float summation order) and takes the Adam step. Evaluation and prediction are sharded
 * the same way; state and export stay on the main thread's model. Shards and summation order are fixed, so runs
 * stay reproducible; results differ from the single-thread model only at float-rounding level.
 */

type Reply =
  | { type: 'grad'; loss: number; count: number; grads: Record<ParamName, Float32Array> }
  | { type: 'eval'; loss: number; correct: number; count: number }
  | { type: 'predict'; ids: Int32Array };

interface Pending {
  resolve: (r: Reply) => void;
  reject: (e: Error) => void;
}

/** Worker count from TRANSLIT_TRAIN_WORKERS (default 1 = train on the main thread). */
export function trainWorkersFromEnv(env = process.env.TRANSLIT_TRAIN_WORKERS): number {
  if (env === undefined || env === '') return 1;
  const n = Number(env);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`TRANSLIT_TRAIN_WORKERS must be an integer 1–64 (got "${env}")`);
  return n;
}

export async function createParallelModel(opts: CreateModelOptions, workers: number): Promise<TrainableModel & FastModel> {
  const local = await createSingleThreadModel(opts);
  if (workers <= 1) return local;
  // The workers read the weights straight from shared memory: the main thread updates them only between steps,
  // while every worker is idle, so no step sends or copies them.
  const shared = local.shareWeights();
  const url = new URL('./model-worker-boot.mjs', import.meta.url);
  const pending = new Map<number, Pending>();
  let nextId = 0;
  const pool = await Promise.all(
    Array.from({ length: workers }, async () => {
      const w = new Worker(url);
      w.unref();
      // A crashed worker must fail the step, not hang it.
      const failAll = (e: Error) => {
        for (const p of pending.values()) p.reject(e);
        pending.clear();
      };
      w.on('error', failAll);
      w.on('exit', (code) => failAll(new Error(`train worker exited (code ${code})`)));
      await new Promise<void>((resolve, reject) => {
        w.once('error', reject);
        w.on('message', (m: { type: string; id?: number; message?: string }) => {
          if (m.type === 'ready') return resolve();
          if (m.type === 'error' && m.id === undefined) return reject(new Error(m.message));
          const p = m.id !== undefined ? pending.get(m.id) : undefined;
          if (!p) return;
          pending.delete(m.id!);
          if (m.type === 'error') p.reject(new Error(`train worker: ${m.message}`));
          else p.resolve(m as unknown as Reply);
        });
        w.postMessage({ type: 'init', opts, weights: shared });
      });
      return w;
    }),
  );

  const ask = <R extends Reply>(i: number, type: R['type'], batch: Batch): Promise<R> =>
    new Promise<Reply>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      pool[i].postMessage({ type, id, batch });
    }) as Promise<R>;

  const shard = (b: Batch, from: number, to: number): Batch => ({
    inputs: b.inputs.slice(from * b.time, to * b.time),
    targets: b.targets.slice(from * b.time, to * b.time),
    mask: b.mask.slice(from * b.time, to * b.time),
    batch: to - from,
    time: b.time,
  });

  /** The batch's sequences in contiguous shards, one per worker (fewer when there are fewer sequences). */
  const fanOut = <R extends Reply>(type: R['type'], b: Batch): Promise<R[]> => {
    const n = Math.min(workers, b.batch);
    return Promise.all(
      Array.from({ length: n }, (_, i) => ask<R>(i, type, shard(b, Math.floor((i * b.batch) / n), Math.floor(((i + 1) * b.batch) / n)))),
    );
  };

  return {
    ...local,
    trainWorkers: workers,
    async trainStep(b: Batch): Promise<number> {
      const parts = await fanOut<Extract<Reply, { type: 'grad' }>>('grad', b);
      const total = parts.reduce((s, p) => s + p.count, 0);
      // Shards weighted by their masked step counts (a shard with none carries no gradient).
      const weighted = parts.filter((p) => p.count > 0).map((p) => ({ weight: p.count / total, grads: p.grads }));
      local.applyGradients(weighted.length ? weighted : [{ weight: 0, grads: parts[0].grads }]);
      return total > 0 ? parts.reduce((s, p) => s + (p.count / total) * p.loss, 0) : 0;
    },
    async evaluate(b: Batch) {
      const parts = await fanOut<Extract<Reply, { type: 'eval' }>>('eval', b);
      const count = parts.reduce((s, p) => s + p.count, 0);
      const loss = count > 0 ? parts.reduce((s, p) => (p.count > 0 ? s + (p.count / count) * p.loss : s), 0) : 0;
      return { loss, correct: parts.reduce((s, p) => s + p.correct, 0), count };
    },
    async predictIds(inputs: Int32Array, batch: number, time: number): Promise<Int32Array> {
      const b: Batch = { inputs, targets: new Int32Array(inputs.length), mask: new Float32Array(inputs.length), batch, time };
      const parts = await fanOut<Extract<Reply, { type: 'predict' }>>('predict', b);
      const out = new Int32Array(batch * time);
      let at = 0;
      for (const p of parts) {
        out.set(p.ids, at);
        at += p.ids.length;
      }
      return out;
    },
    dispose(): void {
      local.dispose();
      for (const w of pool) void w.terminate();
    },
  };
}
