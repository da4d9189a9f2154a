import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../pipeline/lib/errors.ts';
import { sha256 } from '../../pipeline/lib/hash.ts';
import { loadModel, saveModel } from '../../pipeline/train/layers-io.ts';
import { buildModel } from '../capture/tfjs-fixture.ts';

const REPO = resolve(import.meta.dirname, '..', '..');
const vocab = { input: ['<pad>', '<unk>', ' ', 'a', 'b', 'c', 'd'], output: ['<pad>', '_', ' ', 'ա', 'բ', 'ց', 'դ', 'ե'] };
let good: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  good = mkdtempSync(join(tmpdir(), 'translit-model-'));
  const model = buildModel({ cell: 'lstm', inputSize: vocab.input.length, units: 4, hidden: 3, outputSize: vocab.output.length, seed: 1 });
  await saveModel(model, good, { vocab, seqLen: 8, cell: 'lstm' });
  model.dispose();
});

/** A copy of the good model folder, changed by `edit`. */
function variant(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'translit-bad-'));
  cpSync(good, dir, { recursive: true });
  edit(dir);
  return dir;
}
const weights = (dir: string) => readFileSync(join(dir, 'weights.bin'));
function editJson(dir: string, f: (j: { userDefinedMetadata: { translit: { vocab: typeof vocab }; weights?: { sha256: string } } }) => void): void {
  const j = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  f(j);
  writeFileSync(join(dir, 'model.json'), JSON.stringify(j));
}

function translit(args: string[], input: string) {
  return spawnSync(process.execPath, [join(REPO, 'node_modules/tsx/dist/cli.mjs'), 'pipeline/train/translit-cli.ts', ...args], {
    cwd: REPO,
    input,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, TRANSLIT_BACKEND: 'cpu' },
  });
}

describe('the model files translit loads are checked', () => {
  it('training records the size and sha256 of weights.bin in model.json, and a good model loads', async () => {
    const rec = JSON.parse(readFileSync(join(good, 'model.json'), 'utf8')).userDefinedMetadata.weights;
    expect(rec).toEqual({ bytes: weights(good).length, sha256: sha256(weights(good)) });
    (await loadModel(good)).model.dispose();
  });

  it.each([
    ['truncated weights', (d: string) => writeFileSync(join(d, 'weights.bin'), weights(d).subarray(0, 100)), /weights\.bin: has 100 bytes, model\.json's weight specs need \d+: truncated/],
    ['extra bytes', (d: string) => writeFileSync(join(d, 'weights.bin'), Buffer.concat([weights(d), Buffer.alloc(8)])), /weights\.bin: has \d+ bytes, .*: extra bytes/],
    ['bytes changed in place', (d: string) => writeFileSync(join(d, 'weights.bin'), Buffer.concat([Buffer.alloc(16), weights(d).subarray(16)])), /weights\.bin: does not match the sha256 recorded in model\.json/],
    [
      'NaN weights (a diverged training, hash recorded as written)',
      (d: string) => {
        const w = weights(d);
        new DataView(w.buffer, w.byteOffset).setFloat32(40, NaN, true);
        writeFileSync(join(d, 'weights.bin'), w);
        editJson(d, (j) => (j.userDefinedMetadata.weights!.sha256 = sha256(w)));
      },
      /weights\.bin: weight bi\/forward_rnn\/kernel holds a non-finite value \(NaN at index 10\)/,
    ],
    ['an input vocabulary cut to 5 entries', (d: string) => editJson(d, (j) => (j.userDefinedMetadata.translit.vocab.input = vocab.input.slice(0, 5))), /model\.json: input vocabulary has 5 entries, the weights take 7 inputs/],
    ['a longer output vocabulary', (d: string) => editJson(d, (j) => (j.userDefinedMetadata.translit.vocab.output = [...vocab.output, 'զ'])), /model\.json: output vocabulary has 9 entries, the weights give 8 outputs/],
  ])('rejects %s, naming the file', async (_what, edit, message) => {
    const dir = variant(edit);
    await expect(loadModel(dir)).rejects.toThrow(UserError);
    await expect(loadModel(dir)).rejects.toThrow(message);
  });

  it('the CLI: a bad model is one line and exit 1; empty stdin is empty stdout; --run without a value is a usage line', () => {
    const bad = variant((d) => writeFileSync(join(d, 'weights.bin'), weights(d).subarray(0, 100)));
    const r = translit(['--run', bad], 'barev\n');
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^error: .*weights\.bin: has 100 bytes/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);

    const empty = translit(['--run', good], '');
    expect(empty.status).toBe(0);
    expect(empty.stdout).toBe('');

    const usage = translit(['--run'], '');
    expect(usage.status).toBe(1);
    expect(usage.stderr.trim()).toBe("error: translit: Option '--run <value>' argument missing (usage: npm run translit -- --run artifacts/<run>  < romanized.txt)");

    const ok = translit(['--run', good], 'abcd\n');
    expect(ok.status).toBe(0);
    expect([...ok.stdout.trimEnd()].length).toBeGreaterThan(0);
  }, 240_000);
});
