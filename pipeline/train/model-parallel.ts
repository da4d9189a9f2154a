import { Worker } from 'node:worker_threads';
import { createSingleThreadModel, PARAM_NAMES, type FastModel, type ParamName } from './model.ts';
import type { Batch, CreateModelOptions, TrainableModel } from './model-api.ts';

/**
 * Data-parallel training over worker threads: in Node the wasm backend runs single-threaded (tfjs issue #3830), so
 * each worker gets its own wasm instance and a contiguous shard of the batch's sequences; the main thread
 * averages the shards' gradients weighted by their masked step counts (= the gradient of the whole batch's
 * masked mean loss, up to float summation order) and takes the Adam step. Everything else (evaluation,
 * prediction, state, export) runs on the main thread's model. Shards and summation order are fixed, so runs
 * stay reproducible; results differ from the single-thread model only at float-rounding level.
 */

interface Pending {
  resolve: (r: { loss: number; count: number; grads: Record<ParamName, Float32Array> }) => void;
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
        w.on('message', (m: { type: string; id?: number; message?: string; loss?: number; count?: number; grads?: Record<ParamName, Float32Array> }) => {
          if (m.type === 'ready') return resolve();
          if (m.type === 'error' && m.id === undefined) return reject(new Error(m.message));
          const p = m.id !== undefined ? pending.get(m.id) : undefined;
          if (!p) return;
          pending.delete(m.id!);
          if (m.type === 'error') p.reject(new Error(`train worker: ${m.message}`));
          else p.resolve({ loss: m.loss!, count: m.count!, grads: m.grads! });
        });
        w.postMessage({ type: 'init', opts });
      });
      return w;
    }),
  );

  const ask = (w: Worker, weights: Record<string, Float32Array>, batch: Batch) =>
    new Promise<{ loss: number; count: number; grads: Record<ParamName, Float32Array> }>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      w.postMessage({ type: 'grad', id, weights, batch });
    });

  const shard = (b: Batch, from: number, to: number): Batch => ({
    inputs: b.inputs.slice(from * b.time, to * b.time),
    targets: b.targets.slice(from * b.time, to * b.time),
    mask: b.mask.slice(from * b.time, to * b.time),
    batch: to - from,
    time: b.time,
  });

  return {
    ...local,
    trainWorkers: workers,
    async trainStep(b: Batch): Promise<number> {
      const n = Math.min(workers, b.batch);
      const weights = (await local.getState()).weights;
      const plain = Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, v.data]));
      const parts = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          ask(pool[i], plain, shard(b, Math.floor((i * b.batch) / n), Math.floor(((i + 1) * b.batch) / n))),
        ),
      );
      const total = parts.reduce((s, p) => s + p.count, 0);
      const grads = {} as Record<ParamName, Float32Array>;
      for (const name of PARAM_NAMES) {
        const g = new Float32Array(parts[0].grads[name].length);
        for (const p of parts) {
          if (p.count === 0) continue;
          const w = p.count / total;
          const src = p.grads[name];
          for (let i = 0; i < g.length; i++) g[i] += w * src[i];
        }
        grads[name] = g;
      }
      local.applyGradients(grads);
      return total > 0 ? parts.reduce((s, p) => s + (p.count / total) * p.loss, 0) : 0;
    },
    dispose(): void {
      local.dispose();
      for (const w of pool) void w.terminate();
    },
  };
}
