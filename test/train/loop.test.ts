import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainConfig } from '../../pipeline/lib/config.ts';
import { UserError } from '../../pipeline/lib/errors.ts';
import { buildStream, cutWindows, fixedSubset } from '../../pipeline/train/batches.ts';
import { CheckpointStore } from '../../pipeline/train/checkpoint.ts';
import { makeCodec } from '../../pipeline/train/data.ts';
import { resumableSettings, trainLoop, type LoopInput } from '../../pipeline/train/loop.ts';
import type { TrainableModel } from '../../pipeline/train/model-api.ts';
import { createModel } from '../../pipeline/train/model.ts';
import { makeFixture } from './fixture.ts';

process.env.TRANSLIT_QUIET = '1';

const fx = makeFixture({ sentences: { train: 120, val: 20, test: 10 } });
const codec = makeCodec(fx.vocab);

async function setup(train: Partial<TrainConfig> = {}, store: CheckpointStore | null = null) {
  const cfg = TrainConfig.parse({ batchSize: 8, seqLen: 16, epochs: 2, learningRate: 0.02, patience: 3, maxMinutes: 0, valWindows: 8, ...train });
  const model = await createModel({
    model: { cell: 'lstm', units: 6, hidden: 6 },
    inputSize: fx.vocab.input.length,
    outputSize: fx.vocab.output.length,
    seed: 5,
    learningRate: cfg.learningRate,
  });
  const trainStream = buildStream(fx.pairs.train, codec);
  const windows = cutWindows(trainStream, cfg.seqLen);
  const valStream = buildStream(fx.pairs.val, codec);
  const valAll = cutWindows(valStream, cfg.seqLen);
  const inp: LoopInput = {
    cfg,
    seed: 5,
    model,
    train: { stream: trainStream, windows },
    val: { stream: valStream, windows: fixedSubset(valAll.length, 5, 'val', cfg.valWindows).map((i) => valAll[i]) },
    probe: fixedSubset(windows.length, 5, 'probe', 8).map((i) => windows[i]),
    store,
    key: 'k',
    configFile: 'config.json',
  };
  return { inp, model };
}

/** Wrap a model so that trainStep misbehaves at a given call. */
function sabotage(model: TrainableModel, at: number, what: 'nan' | 'inf' | 'throw'): TrainableModel {
  let calls = 0;
  return new Proxy(model, {
    get(target, prop, recv) {
      if (prop === 'trainStep')
        return async (b: Parameters<TrainableModel['trainStep']>[0]) => {
          if (++calls === at) {
            if (what === 'throw') throw new Error('killed');
            await target.trainStep(b);
            return what === 'nan' ? NaN : Infinity;
          }
          return target.trainStep(b);
        };
      const v = Reflect.get(target, prop, recv);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

describe('training loop', () => {
  it('stops on a NaN loss with a message naming the epoch and batch and suggesting a lower learning rate', async () => {
    const { inp, model } = await setup();
    const perEpoch = Math.ceil(inp.train.windows.length / 8);
    const err = await trainLoop({ ...inp, model: sabotage(model, perEpoch + 3, 'nan') }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/diverged.*NaN at epoch 2, batch 3/);
    expect(err.message).toMatch(/Lower train\.learningRate \(now 0\.02/);
    const err2 = await trainLoop({ ...(await setup()).inp, model: sabotage((await setup()).model, 1, 'inf') }).catch((e) => e);
    expect(err2.message).toMatch(/Infinity at epoch 1, batch 1/);
    model.dispose();
  });

  it('stops at the wall budget and keeps the best epoch', async () => {
    const { inp, model } = await setup({ epochs: 50, maxMinutes: 1 });
    // A fake clock that advances 2 s per reading: the 60 s budget runs out after ~30 readings.
    let t = 0;
    const r = await trainLoop({ ...inp, now: () => (t += 2000) });
    expect(r.stopReason).toBe('time-budget');
    expect(r.log.length).toBeGreaterThanOrEqual(1);
    expect(r.log.length).toBeLessThan(50);
    expect(r.log[r.log.length - 1].fraction).toBeLessThanOrEqual(1);
    model.dispose();
  });

  it('stops early when validation stops improving', async () => {
    // A learning rate of 0 never improves after the first epoch.
    const { inp, model } = await setup({ epochs: 10, patience: 2, learningRate: 1e-12 });
    const r = await trainLoop(inp);
    expect(r.stopReason).toBe('early-stopping');
    expect(r.log.length).toBeLessThanOrEqual(4);
    model.dispose();
  });

  it('resumes a killed run from its mid-epoch checkpoint and ends with the same weights as an uninterrupted run', async () => {
    const straight = await setup({ epochs: 2 });
    const a = await trainLoop(straight.inp);
    const wa = (await straight.model.getState()).weights;

    const dir = join(mkdtempSync(join(tmpdir(), 'ckpt-')), 'checkpoint');
    // checkpointMinutes tiny: a checkpoint after every batch; the run dies in the middle of epoch 2.
    const first = await setup({ epochs: 2, checkpointMinutes: 1e-9 }, new CheckpointStore(dir));
    const perEpoch = Math.ceil(first.inp.train.windows.length / 8);
    const killAt = perEpoch + Math.ceil(perEpoch / 2);
    await expect(trainLoop({ ...first.inp, model: sabotage(first.model, killAt, 'throw') })).rejects.toThrow('killed');
    const second = await setup({ epochs: 2, checkpointMinutes: 1e-9 }, new CheckpointStore(dir));
    const b = await trainLoop(second.inp);
    expect(b.resumed).toBe(true);
    expect(b.sessions).toBe(2);
    expect(b.log.map((e) => e.valLoss)).toEqual(a.log.map((e) => e.valLoss));
    expect(b.log.map((e) => e.trainLoss)).toEqual(a.log.map((e) => e.trainLoss));
    const wb = (await second.model.getState()).weights;
    for (const k of Object.keys(wa)) expect(Array.from(wb[k].data)).toEqual(Array.from(wa[k].data));

    // A finished checkpoint is reused as is; another key starts over.
    const third = await setup({ epochs: 2 }, new CheckpointStore(dir));
    const c = await trainLoop(third.inp);
    expect(c.log).toEqual(b.log);
    const fourth = await setup({ epochs: 1 }, new CheckpointStore(dir));
    const d = await trainLoop({ ...fourth.inp, key: 'other' });
    expect(d.resumed).toBe(false);
    expect(d.log.length).toBe(1);
    // Raising the epochs of a finished training continues it, as if it had never stopped.
    const fifth = await setup({ epochs: 2 }, new CheckpointStore(dir));
    const e = await trainLoop({ ...fifth.inp, key: 'other' });
    expect(e.resumed).toBe(true);
    expect(e.log.map((x) => x.valLoss)).toEqual(a.log.map((x) => x.valLoss));
    for (const m of [straight, first, second, third, fourth, fifth]) m.model.dispose();
  });

  it('follows a cooldown schedule step by step, also across a resume', async () => {
    const settings = { epochs: 3, lrCooldown: 0.5, checkpointMinutes: 1e-9 };
    const straight = await setup(settings);
    const a = await trainLoop(straight.inp);
    // The log records the rate of each epoch's last step: flat, then falling towards zero.
    const rates = a.log.map((e) => e.learningRate!);
    expect(rates[0]).toBe(0.02);
    expect(rates[1]).toBeLessThan(0.02);
    expect(rates[2]).toBeLessThan(rates[1]);
    expect(rates[2]).toBeGreaterThan(0);
    expect(resumableSettings(straight.inp.cfg)).toHaveProperty('epochs', 3);
    expect(resumableSettings((await setup({ epochs: 3 })).inp.cfg)).not.toHaveProperty('epochs');

    const dir = join(mkdtempSync(join(tmpdir(), 'ckpt-')), 'checkpoint');
    const first = await setup(settings, new CheckpointStore(dir));
    const perEpoch = Math.ceil(first.inp.train.windows.length / 8);
    await expect(trainLoop({ ...first.inp, model: sabotage(first.model, 2 * perEpoch + 2, 'throw') })).rejects.toThrow('killed');
    const second = await setup(settings, new CheckpointStore(dir));
    const b = await trainLoop(second.inp);
    expect(b.resumed).toBe(true);
    expect(b.log.map((e) => e.learningRate)).toEqual(rates);
    const wa = (await straight.model.getState()).weights;
    const wb = (await second.model.getState()).weights;
    for (const k of Object.keys(wa)) expect(Array.from(wb[k].data)).toEqual(Array.from(wa[k].data));
    for (const m of [straight, first, second]) m.model.dispose();
  });
});
