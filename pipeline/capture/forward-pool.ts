import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { argmaxRows, forwardWindowed } from './forward.ts';
import type { ModelWeights } from './model-file.ts';

/**
 * The capture's forward pass on worker threads, by sentence, results handed back IN INPUT ORDER: the capture
 * stage appends them to its shards exactly as the single-threaded loop did, so the shards are byte-identical
 * whatever the thread count. At most `2 × workers` jobs are in flight, so memory is bounded by the jobs, not the
 * sample.
 */
export interface SentenceResult {
  /** Every captured layer, step-major, in the order of captureLayers(model). */
  acts: Float32Array[];
  predIds: Int32Array;
}

/** Worker threads for the capture: TRANSLIT_CAPTURE_WORKERS, else the cores there are (at most 4). */
export function captureWorkers(env = process.env.TRANSLIT_CAPTURE_WORKERS): number {
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`TRANSLIT_CAPTURE_WORKERS must be an integer 1–64 (got "${env}")`);
    return n;
  }
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Steps per job: large enough that messaging is noise, small enough to keep every worker busy to the end. */
const JOB_STEPS = 1000;

function forwardHere(model: ModelWeights, ids: Int32Array): SentenceResult {
  const acts = forwardWindowed(model, ids, model.seqLen);
  return { acts, predIds: argmaxRows(acts[acts.length - 1], model.outputSize) };
}

async function startWorker(model: ModelWeights): Promise<Worker> {
  const w = new Worker(new URL('./forward-worker-boot.mjs', import.meta.url));
  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: { type: string; message?: string }) => {
      if (m.type === 'ready') {
        w.off('message', onMessage);
        w.off('error', reject);
        resolve();
      } else if (m.type === 'error') reject(new Error(`capture worker: ${m.message}`));
    };
    w.on('message', onMessage);
    w.once('error', reject);
    w.postMessage({ type: 'init', model });
  });
  return w;
}

/**
 * Forward every sentence (input ids), yielding results in input order. With `workers` ≤ 1 (or a single job) it
 * runs on this thread.
 */
export async function* forwardInOrder(
  model: ModelWeights,
  sentences: readonly Int32Array[],
  workers: number,
  jobSteps = JOB_STEPS,
): AsyncGenerator<SentenceResult> {
  const jobs: Int32Array[][] = [];
  let cur: Int32Array[] = [];
  let steps = 0;
  for (const s of sentences) {
    cur.push(s);
    steps += s.length;
    if (steps >= jobSteps) {
      jobs.push(cur);
      cur = [];
      steps = 0;
    }
  }
  if (cur.length) jobs.push(cur);
  if (workers <= 1 || jobs.length <= 1) {
    for (const s of sentences) yield forwardHere(model, s);
    return;
  }
  const pool = await Promise.all(Array.from({ length: Math.min(workers, jobs.length) }, () => startWorker(model)));
  const waiting = new Map<number, { resolve: (r: SentenceResult[]) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const p of waiting.values()) p.reject(e);
    waiting.clear();
  };
  for (const w of pool) {
    w.on('message', (m: { type: string; id: number; results?: SentenceResult[]; message?: string }) => {
      const p = waiting.get(m.id);
      if (!p) return;
      waiting.delete(m.id);
      if (m.type === 'done') p.resolve(m.results!);
      else p.reject(new Error(`capture worker: ${m.message}`));
    });
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`capture worker exited (code ${code})`)));
  }
  // Job j goes to worker j mod n; each worker handles its jobs in order, so the in-order window stays balanced.
  const submit = (j: number): Promise<SentenceResult[]> =>
    new Promise((resolve, reject) => {
      waiting.set(j, { resolve, reject });
      pool[j % pool.length].postMessage({ type: 'run', id: j, sentences: jobs[j] });
    });
  const depth = 2 * pool.length;
  const inFlight: Promise<SentenceResult[]>[] = [];
  try {
    let next = 0;
    for (; next < Math.min(depth, jobs.length); next++) inFlight.push(submit(next));
    while (inFlight.length) {
      const results = await inFlight.shift()!;
      if (next < jobs.length) inFlight.push(submit(next++));
      yield* results;
    }
  } finally {
    // Rejections of jobs still in flight (an early stop) must not surface as unhandled.
    for (const p of inFlight) p.catch(() => {});
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
