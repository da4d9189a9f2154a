import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { captureLayers, forwardSentence, forwardWindowed } from '../../pipeline/capture/forward.ts';
import { planWindows } from '../../pipeline/train/windows.ts';
import { createModel } from '../../pipeline/train/model.ts';
import { saveModel as saveTrainedModel } from '../../pipeline/train/layers-io.ts';
import { readModelDir } from '../../pipeline/capture/model-file.ts';
import { buildModel, oneHot, saveModel, type FixtureOptions } from './tfjs-fixture.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

const cases: FixtureOptions[] = [
  { cell: 'lstm', inputSize: 11, units: 9, hidden: 7, outputSize: 13, recurrentActivation: 'sigmoid', seed: 1 },
  { cell: 'lstm', inputSize: 8, units: 6, hidden: 5, outputSize: 9, recurrentActivation: 'hardSigmoid', seed: 2 },
  { cell: 'gru', inputSize: 10, units: 7, hidden: 6, outputSize: 8, recurrentActivation: 'sigmoid', seed: 3 },
  { cell: 'rnn', inputSize: 9, units: 8, hidden: 4, outputSize: 7, seed: 4 },
];

describe('capture forward pass equals the tfjs model', () => {
  for (const o of cases) {
    it(`${o.cell} (${o.recurrentActivation ?? 'tanh'}): output and concat within 1e-5 on random inputs`, async () => {
      await tf.setBackend('cpu');
      const dir = mkdtempSync(join(tmpdir(), 'capture-fwd-'));
      dirs.push(dir);
      const model = buildModel(o);
      await saveModel(model, dir);
      const weights = readModelDir(dir);
      expect(weights.cell).toBe(o.cell);
      const layers = captureLayers(weights);
      const T = 23;
      let s = o.seed * 7919;
      const seqs = Array.from({ length: 3 }, () =>
        Int32Array.from({ length: T }, () => (s = (s * 48271) % 2147483647) % o.inputSize),
      );
      const x = oneHot(seqs, o.inputSize);
      const biModel = tf.model({ inputs: model.inputs, outputs: model.getLayer('bi').output as tf.SymbolicTensor });
      const hiddenModel = tf.model({ inputs: model.inputs, outputs: model.getLayer('concat').output as tf.SymbolicTensor });
      const want = (model.predict(x) as tf.Tensor).dataSync();
      const wantBi = (biModel.predict(x) as tf.Tensor).dataSync();
      const wantHidden = (hiddenModel.predict(x) as tf.Tensor).dataSync();
      seqs.forEach((ids, b) => {
        const got = forwardSentence(weights, ids);
        const byName = Object.fromEntries(layers.map((l, i) => [l.name, got[i]]));
        const O = o.outputSize;
        expect(maxAbsDiff(byName.output, want.subarray(b * T * O, (b + 1) * T * O))).toBeLessThan(1e-5);
        const C = 2 * o.units;
        expect(maxAbsDiff(byName.concat, wantBi.subarray(b * T * C, (b + 1) * T * C))).toBeLessThan(1e-5);
        const Hd = o.hidden + o.inputSize;
        expect(maxAbsDiff(byName.hidden, wantHidden.subarray(b * T * Hd, (b + 1) * T * Hd))).toBeLessThan(1e-5);
        // concat's halves are the captured h of each direction.
        for (let t = 0; t < T; t++) {
          for (let j = 0; j < o.units; j++) {
            expect(byName['fwd.h'][t * o.units + j]).toBe(byName.concat[t * C + j]);
            expect(byName['bwd.h'][t * o.units + j]).toBe(byName.concat[t * C + o.units + j]);
          }
        }
      });
      tf.dispose([x]);
      model.dispose();
    });
  }

  it('LSTM gates are consistent: c_t = f·c_{t-1} + i·g and h = o·tanh(c)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'capture-fwd-'));
    dirs.push(dir);
    const model = buildModel(cases[0]);
    await saveModel(model, dir);
    const w = readModelDir(dir);
    const ids = Int32Array.from([1, 4, 2, 7, 3, 3, 0, 9]);
    const got = forwardSentence(w, ids);
    const names = captureLayers(w).map((l) => l.name);
    const L = (n: string) => got[names.indexOf(n)];
    const u = w.units;
    for (let t = 0; t < ids.length; t++)
      for (let j = 0; j < u; j++) {
        const prev = t === 0 ? 0 : L('fwd.c')[(t - 1) * u + j];
        const k = t * u + j;
        expect(L('fwd.c')[k]).toBeCloseTo(L('fwd.f')[k] * prev + L('fwd.i')[k] * L('fwd.g')[k], 5);
        expect(L('fwd.h')[k]).toBeCloseTo(L('fwd.o')[k] * Math.tanh(L('fwd.c')[k]), 5);
      }
    model.dispose();
  });

  it('long sentences use the transliteration windows: each kept position equals tfjs on its window', async () => {
    const o = cases[0];
    const dir = mkdtempSync(join(tmpdir(), 'capture-fwd-'));
    dirs.push(dir);
    const model = buildModel(o);
    await saveModel(model, dir);
    const w = readModelDir(dir);
    const seqLen = 6;
    const T = 41;
    const ids = Int32Array.from({ length: T }, (_, t) => (t * 7 + 3) % o.inputSize);
    const got = forwardWindowed(w, ids, seqLen);
    const out = got[captureLayers(w).findIndex((l) => l.name === 'output')];
    const pieces = planWindows(T, 2 * seqLen, seqLen / 2);
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) {
      const x = oneHot([ids.subarray(p.start, p.start + p.length)], o.inputSize);
      const want = (model.predict(x) as tf.Tensor).dataSync();
      const O = o.outputSize;
      for (let t = p.keepFrom; t < p.keepTo; t++)
        for (let j = 0; j < O; j++) expect(Math.abs(out[t * O + j] - want[(t - p.start) * O + j])).toBeLessThan(1e-5);
      x.dispose();
    }
    // Short sentences run whole.
    expect(forwardWindowed(w, ids.subarray(0, 12), seqLen)).toEqual(forwardSentence(w, ids.subarray(0, 12)));
    model.dispose();
  });

  it("reads the train stage's own saved model (createModel → toLayersModel → saveModel) and matches it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'capture-fwd-'));
    dirs.push(dir);
    const V = 9;
    const O = 8;
    const trainable = await createModel({ model: { cell: 'lstm', units: 7, hidden: 5 }, inputSize: V, outputSize: O, seed: 5, learningRate: 0.01 });
    const layers = trainable.toLayersModel();
    const vocab = { input: ['<pad>', '<unk>', ...'abcdefg'], output: ['<pad>', '_', ...'աբգդեզ'] };
    await saveTrainedModel(layers, dir, { vocab, seqLen: 10, cell: 'lstm' });
    const w = readModelDir(dir);
    expect(w.seqLen).toBe(10);
    const ids = Int32Array.from({ length: 15 }, (_, t) => (t * 5 + 2) % V);
    const want = (layers.predict(oneHot([ids], V)) as tf.Tensor).dataSync();
    const got = forwardSentence(w, ids);
    expect(maxAbsDiff(got[captureLayers(w).length - 1], want)).toBeLessThan(1e-5);
    trainable.dispose();
  });
});
