import { describe, expect, it } from 'vitest';
import { createModel } from '../../pipeline/train/model.ts';
import { createSingleThreadModel } from '../../pipeline/train/model-single.ts';
import { trainWorkersFromEnv } from '../../pipeline/train/model-parallel.ts';
import type { Batch } from '../../pipeline/train/model-api.ts';
import { Rng } from '../../pipeline/lib/rng.ts';

function randomBatch(rng: Rng, batch: number, time: number): Batch {
  const inputs = new Int32Array(batch * time).map(() => rng.int(6));
  const targets = new Int32Array(batch * time).map(() => rng.int(7));
  const mask = new Float32Array(batch * time);
  for (let b = 0; b < batch; b++) for (let t = 0; t < 1 + rng.int(time); t++) mask[b * time + t] = 1;
  return { inputs, targets, mask, batch, time };
}

describe('data-parallel training', () => {
  it('reads TRANSLIT_TRAIN_WORKERS', () => {
    expect(trainWorkersFromEnv(undefined)).toBe(1);
    expect(trainWorkersFromEnv('2')).toBe(2);
    expect(() => trainWorkersFromEnv('two')).toThrow(/TRANSLIT_TRAIN_WORKERS/);
  });

  it('two workers train like one thread, up to float rounding', async () => {
    const opts = { model: { cell: 'lstm' as const, units: 6, hidden: 5 }, inputSize: 6, outputSize: 7, seed: 4, learningRate: 0.01 };
    const single = await createSingleThreadModel(opts);
    // createModel goes data-parallel when TRANSLIT_TRAIN_WORKERS asks for it.
    process.env.TRANSLIT_TRAIN_WORKERS = '2';
    const parallel = await createModel(opts).finally(() => delete process.env.TRANSLIT_TRAIN_WORKERS);
    expect(single.trainWorkers).toBe(1);
    expect(parallel.trainWorkers).toBe(2);
    const rng = new Rng(9);
    for (let i = 0; i < 3; i++) {
      const b = randomBatch(rng, 5, 4);
      const a = await single.trainStep(b);
      const p = await parallel.trainStep(b);
      expect(Math.abs(a - p)).toBeLessThan(1e-5);
    }
    const sa = await single.getState();
    const sp = await parallel.getState();
    expect(sp.step).toBe(3);
    for (const [k, w] of Object.entries(sa.weights)) {
      let d = 0;
      for (let i = 0; i < w.data.length; i++) d = Math.max(d, Math.abs(w.data[i] - sp.weights[k].data[i]));
      expect(d, k).toBeLessThan(1e-4);
    }
    // Evaluation and prediction run sharded on the workers, with the weights the last step left.
    for (let i = 0; i < 2; i++) {
      const b = randomBatch(rng, 5, 4);
      const ea = await single.evaluate(b);
      const ep = await parallel.evaluate(b);
      expect(ep.count).toBe(ea.count);
      expect(ep.correct).toBe(ea.correct);
      expect(Math.abs(ea.loss - ep.loss)).toBeLessThan(1e-5);
      expect(await parallel.predictIds(b.inputs, 5, 4)).toEqual(await single.predictIds(b.inputs, 5, 4));
    }
    // A restored state reaches the workers too.
    const fresh = await createSingleThreadModel({ ...opts, seed: 5 });
    parallel.setState(await fresh.getState());
    const b = randomBatch(rng, 3, 4);
    expect(await parallel.predictIds(b.inputs, 3, 4)).toEqual(await fresh.predictIds(b.inputs, 3, 4));
    expect((await parallel.evaluate(b)).loss).toBeCloseTo((await fresh.evaluate(b)).loss, 5);
    fresh.dispose();
    single.dispose();
    parallel.dispose();
  });
});
