import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLayers, forwardSentence } from '../../pipeline/capture/forward.ts';
import { readModelDir, type ModelWeights } from '../../pipeline/capture/model-file.ts';
import { openCapture } from '../../pipeline/capture/reader.ts';
import { outputUnits } from '../../pipeline/align/tsv.ts';
import { alignedLines, chooseSentences, type AlignedLine } from '../../pipeline/capture/sample.ts';
import { fromHalf, toHalf } from '../../pipeline/capture/shards.ts';
import { runCapture } from '../../pipeline/capture/stage.ts';
import { forwardInOrder } from '../../pipeline/capture/forward-pool.ts';
import { buildModel, saveModel } from './tfjs-fixture.ts';
import { CaptureSummary } from '../../pipeline/lib/schemas/capture.ts';

const root = mkdtempSync(join(tmpdir(), 'capture-stage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const vocab = {
  input: ['<pad>', '<unk>', ' ', 'a', 'b', 'e', 's', 'u', 'v'],
  output: ['<pad>', '_', ' ', 'ա', 'բ', 'ե', 'ս', 'ու', 'վ'],
};
const lines: AlignedLine[] = [
  { split: 'test', line: 0, input: 'barev es', output: 'բարեվ ես' },
  { split: 'test', line: 1, input: 'sus u', output: 'սուս ու' },
  { split: 'test', line: 2, input: 'abc', output: 'աբc' },
  { split: 'val', line: 0, input: 'ves', output: 'վես' },
  { split: 'val', line: 1, input: 'vuv', output: 'վուվ' },
];

let model: ModelWeights;
beforeAll(async () => {
  await tf.setBackend('cpu');
  const m = buildModel({ cell: 'lstm', inputSize: vocab.input.length, units: 6, hidden: 5, outputSize: vocab.output.length, seed: 11 });
  await saveModel(m, join(root, 'model'));
  m.dispose();
  model = readModelDir(join(root, 'model'));
});

describe('sample selection and alignment', () => {
  it('turns parsed TSV rows into sentences with their split and line', () => {
    expect(alignedLines([{ line: 2, input: ['u', 's'], output: ['ու', 'ս'] }], 'val')).toEqual([
      { split: 'val', line: 2, input: 'us', output: 'ուս' },
    ]);
  });

  it('chooses a deterministic subset in split then line order', () => {
    const many: AlignedLine[] = Array.from({ length: 50 }, (_, i) => ({ split: i % 2 ? 'val' : 'test', line: i, input: 'a', output: 'ա' }));
    const a = chooseSentences(many, 10, 3, ['test', 'val']);
    expect(a).toHaveLength(10);
    expect(chooseSentences(many, 10, 3, ['test', 'val'])).toEqual(a);
    expect(chooseSentences(many, 10, 4, ['test', 'val'])).not.toEqual(a);
    const firstVal = a.findIndex((l) => l.split === 'val');
    expect(a.slice(0, firstVal).every((l) => l.split === 'test')).toBe(true);
    expect(chooseSentences(many, 100, 3, ['test', 'val'])).toHaveLength(50);
  });

  it('float16 round trip is within half precision', () => {
    for (const x of [0, 1, -1, 0.5, 0.1234, -3.75, 65504, 1e-5, 6e-8]) expect(Math.abs(fromHalf(toHalf(x)) - x)).toBeLessThanOrEqual(Math.abs(x) * 1e-3 + 6e-8);
  });
});

describe('capture storage', () => {
  it('stores every layer of every step, readable one layer at a time, deterministically', async () => {
    const dir = join(root, 'cap');
    const opts = { sentences: 4, splits: ['test', 'val'] as ('test' | 'val')[], dtype: 'float32' as const, seed: 5 };
    const summary = await runCapture(model, vocab, lines, { test: 3, val: 2 }, dir, opts);
    const index1 = readFileSync(join(dir, 'index.json'), 'utf8');
    await runCapture(model, vocab, lines, { test: 3, val: 2 }, dir, opts);
    expect(readFileSync(join(dir, 'index.json'), 'utf8')).toBe(index1);

    const cap = openCapture(dir);
    expect(cap.sentences).toHaveLength(4);
    expect(summary.sentences).toBe(4);
    expect(cap.steps).toBe(summary.steps);
    expect(cap.steps).toBe(cap.sentences.reduce((n, s) => n + [...s.input].length, 0));
    expect(cap.layers.map((l) => l.name)).toEqual(captureLayers(model).map((l) => l.name));
    // The reader's layer equals a fresh forward pass of each captured sentence.
    const inputIndex = new Map(vocab.input.map((c, i) => [c, i]));
    for (const layer of ['fwd.c', 'bwd.f', 'hidden', 'output']) {
      const data = await cap.loadLayer(layer);
      const li = captureLayers(model).findIndex((l) => l.name === layer);
      const size = cap.layers[li].size;
      for (const s of cap.sentences) {
        const ids = Int32Array.from([...s.input], (c) => inputIndex.get(c) ?? 1);
        const want = forwardSentence(model, ids)[li];
        expect(Array.from(data.subarray(s.start * size, (s.start + ids.length) * size))).toEqual(Array.from(want));
      }
    }
    // Meta: positions restart per sentence; sentence index matches; unknown input 'c' is <unk> and copied.
    for (const [k, s] of cap.sentences.entries()) {
      expect(cap.meta.sentence[s.start]).toBe(k);
      expect(cap.meta.position[s.start]).toBe(0);
      expect([...s.predicted].length).toBeGreaterThanOrEqual([...s.input].length);
    }
    const abc = cap.sentences.find((s) => s.input === 'abc');
    if (abc) {
      expect(cap.meta.inputId[abc.start + 2]).toBe(1);
      expect(cap.meta.targetId[abc.start + 2]).toBe(0);
      expect([...abc.predicted][2]).toBe('c');
    }
    const vuv = cap.sentences.find((s) => s.input === 'vuv')!;
    expect(cap.meta.targetId[vuv.start + 1]).toBe(vocab.output.indexOf('ու'));
    expect(CaptureSummary.safeParse({ schemaVersion: 1, ...summary }).success).toBe(true);
    expect(summary.layers.map((l) => l.name)).toEqual(cap.layers.map((l) => l.name));
    // Accuracy is the share of steps whose predicted unit equals the true one.
    let ok = 0;
    for (const s of cap.sentences) {
      const n = [...s.input].length;
      const want = outputUnits(s.output, n)!;
      const got = outputUnits(s.predicted, n)!;
      ok += want.filter((u, i) => u === got[i]).length;
    }
    expect(summary.accuracy.steps).toBeCloseTo(ok / cap.steps, 6);
  });

  it('the forward pass on worker threads gives the same bytes, in input order', async () => {
    // Sentences of many lengths (some longer than the model's windows when it has a seqLen), 1 step per job and
    // up: every job boundary and worker interleaving.
    const sentences = Array.from({ length: 23 }, (_, k) => Int32Array.from({ length: 1 + ((k * 7) % 19) }, (_, t) => 2 + ((k + t) % 7)));
    const collect = async (workers: number, jobSteps: number) => {
      const out: Uint8Array[] = [];
      for await (const r of forwardInOrder(model, sentences, workers, jobSteps))
        out.push(...r.acts.map((a) => new Uint8Array(a.buffer.slice(0))), new Uint8Array(r.predIds.buffer.slice(0)));
      return out;
    };
    const one = await collect(1, 4000);
    expect(one.length).toBe(23 * 16); // 15 LSTM capture layers + the argmax ids
    for (const [workers, jobSteps] of [[2, 1], [3, 20]]) expect(await collect(workers, jobSteps)).toEqual(one);
  });

  it('float16 shards read back close to float32', async () => {
    const opts = { sentences: 5, splits: ['test', 'val'] as ('test' | 'val')[], seed: 5 };
    await runCapture(model, vocab, lines, {}, join(root, 'c32'), { ...opts, dtype: 'float32' });
    await runCapture(model, vocab, lines, {}, join(root, 'c16'), { ...opts, dtype: 'float16' });
    const a = await openCapture(join(root, 'c32')).loadLayer('fwd.h');
    const b = await openCapture(join(root, 'c16')).loadLayer('fwd.h');
    expect(b.length).toBe(a.length);
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-3);
  });

  it('refuses a model that does not match the vocabulary', async () => {
    await expect(runCapture(model, { input: vocab.input.slice(1), output: vocab.output }, lines, {}, join(root, 'bad'), {
      sentences: 2, splits: ['test'], dtype: 'float32', seed: 1,
    })).rejects.toThrow(/input vocabulary size/);
  });

  it('reports a truncated shard instead of reading garbage', async () => {
    const dir = join(root, 'trunc');
    await runCapture(model, vocab, lines, {}, dir, { sentences: 3, splits: ['test'], dtype: 'float32', seed: 2 });
    truncateSync(join(dir, 'fwd.g.f32'), 8);
    const cap = openCapture(dir);
    await expect(cap.loadLayer('fwd.g')).rejects.toThrow(/rerun the capture stage/);
    await expect(cap.loadLayer('nope')).rejects.toThrow(/no captured layer/);
  });

  it('removes the temporary directory a killed capture left behind', async () => {
    const dir = join(root, 'killed', 'capture');
    const leftover = join(root, 'killed', '.capture.tmp-999999-deadbeef');
    mkdirSync(leftover, { recursive: true });
    await runCapture(model, vocab, lines, {}, dir, { sentences: 2, splits: ['test'], dtype: 'float32', seed: 2 });
    expect(existsSync(leftover)).toBe(false);
    expect(readdirSync(join(root, 'killed'))).toEqual(['capture']);
  });
});
