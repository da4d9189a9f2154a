import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { killPipeline } from '../pipeline/fixture.ts';
import { readArtifact } from '../../pipeline/lib/artifact.ts';
import { TrainLog } from '../../pipeline/lib/schemas/train.ts';
import { EvalFile } from '../../pipeline/lib/schemas/evaluate.ts';
import { buildStream, cutWindows, makeBatch } from '../../pipeline/train/batches.ts';
import { makeCodec } from '../../pipeline/train/data.ts';
import { loadModel, saveModel } from '../../pipeline/train/layers-io.ts';
import { createModel } from '../../pipeline/train/model.ts';
import { layersPredictor, transliterate } from '../../pipeline/train/translit.ts';
import { translitWindows } from '../../pipeline/train/windows.ts';
import { makeFixture, REPO } from './fixture.ts';

const TSX = join(REPO, 'node_modules/.bin/tsx');
const CLI = join(REPO, 'pipeline/train/cli.ts');
const EVAL_CLI = join(REPO, 'pipeline/evaluate/cli.ts');

function runCli(cwd: string, config: string) {
  return spawnSync(TSX, [CLI, config], { cwd, encoding: 'utf8', env: { ...process.env, TRANSLIT_QUIET: '' } });
}

describe('train stage', () => {
  it('saves a model that loads back and predicts the same ids', async () => {
    const fx = makeFixture({ sentences: { train: 60, val: 10, test: 10 } });
    const codec = makeCodec(fx.vocab);
    const model = await createModel({
      model: { cell: 'lstm', units: 7, hidden: 5 },
      inputSize: fx.vocab.input.length,
      outputSize: fx.vocab.output.length,
      seed: 3,
      learningRate: 0.03,
    });
    const stream = buildStream(fx.pairs.train, codec);
    const ws = cutWindows(stream, 12);
    for (let i = 0; i < 10; i++) await model.trainStep(makeBatch(stream, ws.slice(i * 8, i * 8 + 8), 12));
    const dir = join(mkdtempSync(join(tmpdir(), 'model-')), 'model');
    await saveModel(model.toLayersModel(), dir, { vocab: fx.vocab, seqLen: 12, cell: 'lstm' });
    const loaded = await loadModel(dir);
    expect(loaded.meta.vocab).toEqual(fx.vocab);
    expect(loaded.meta.seqLen).toBe(12);
    const b = makeBatch(stream, ws.slice(0, 16), 12);
    const want = await model.predictIds(b.inputs, b.batch, b.time);
    const got = await layersPredictor(loaded.model, fx.vocab.input.length).predictIds(b.inputs, b.batch, b.time);
    expect(Array.from(got)).toEqual(Array.from(want));
    const lines = fx.pairs.test.map((p) => p.input.join(''));
    expect(await transliterate(lines, layersPredictor(loaded.model, fx.vocab.input.length), fx.vocab, { seqLen: 12 })).toEqual(
      await transliterate(lines, model, fx.vocab, { seqLen: 12 }),
    );
    model.dispose();
  });

  it('resumes after being killed mid-training, then writes the model and train log; evaluate writes eval.json', async () => {
    const fx = makeFixture({
      sentences: { train: 400, val: 40, test: 40 },
      train: { epochs: 6, patience: 10, checkpointMinutes: 0.0001 },
    });
    const ckpt = join(fx.root, '.cache', fx.run, 'train', 'checkpoint', 'checkpoint.json');
    // First run: SIGKILL as soon as the first checkpoint exists.
    // Detached: its own process group, so the kill reaches tsx's child process too (killing only tsx would
    // leave the real training running beside the rerun).
    const child = spawn(TSX, [CLI, fx.config], { cwd: fx.root, stdio: 'ignore', detached: true });
    let finishedEarly = false;
    for (;;) {
      if (existsSync(ckpt)) break;
      if (child.exitCode !== null) {
        finishedEarly = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(finishedEarly).toBe(false);
    await killPipeline(child, 'SIGKILL');
    expect(existsSync(join(fx.root, 'artifacts', fx.run, 'eval.json'))).toBe(false);
    const killedAt = JSON.parse(readFileSync(ckpt, 'utf8')).position;
    expect(killedAt.finished).toBe(false);

    // Second run: resumes and finishes.
    const r = runCli(fx.root, fx.config);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/resuming from the checkpoint: epoch \d+, batch \d+/);
    const art = join(fx.root, 'artifacts', fx.run);
    const log = readArtifact(join(art, 'train-log.json'), TrainLog);
    expect(log.sessions).toBe(2);
    expect(log.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(log.stopReason).toBe('epochs');
    expect(log.parameterCount).toBeGreaterThan(0);
    // Evaluation is its own stage: train never writes eval.json.
    expect(existsSync(join(art, 'eval.json'))).toBe(false);
    const e = spawnSync(TSX, [EVAL_CLI, fx.config], { cwd: fx.root, encoding: 'utf8' });
    expect(e.status, e.stderr).toBe(0);
    const ev = readArtifact(join(art, 'eval.json'), EvalFile);
    for (const k of ['charAccuracy', 'wordAccuracy', 'sentenceAccuracy'] as const) {
      expect(Number.isFinite(ev.test[k])).toBe(true);
      expect(Number.isFinite(ev.baseline.test[k])).toBe(true);
    }
    expect(ev.test.sentences).toBe(40);
    expect(ev.examples.map((e) => e.input).slice(0, 3)).toEqual(['es sirum em Deep Learning', 'Aydpes aveli sirun e.', 'Barev Dzez']);
    for (const e of ev.examples) expect(e.output).not.toContain('_');
    expect(existsSync(join(art, 'model', 'model.json')) && existsSync(join(art, 'model', 'weights.bin'))).toBe(true);

    // A third run is cached by the orchestrator's manifest (nothing changed).
    const again = runCli(fx.root, fx.config);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/cached/);

    // The transliteration command reads the saved model: one output line per input line.
    const input = 'barev dzez\n\nes sirum em Deep Learning ' + 'shnorhakalutyun '.repeat(8) + '\n';
    const t = spawnSync(TSX, [join(REPO, 'pipeline/train/translit-cli.ts'), '--run', art], {
      cwd: fx.root,
      input,
      encoding: 'utf8',
    });
    expect(t.status, t.stderr).toBe(0);
    const out = t.stdout.split('\n');
    expect(out.length).toBe(4);
    expect(out[1]).toBe('');
    expect(out[3]).toBe('');
    expect(t.stdout).not.toContain('_');

    // One path: the CLI gives eval.json's outputs for its example sentences (vochxar among them).
    const ex = spawnSync(TSX, [join(REPO, 'pipeline/train/translit-cli.ts'), '--run', art], {
      cwd: fx.root,
      input: ev.examples.map((e) => e.input).join('\n') + '\n',
      encoding: 'utf8',
    });
    expect(ex.status, ex.stderr).toBe(0);
    expect(ev.examples.map((e) => e.input)).toContain('vochxar');
    expect(ex.stdout.split('\n').slice(0, -1)).toEqual(ev.examples.map((e) => e.output));
    // …and so does the live page's way, written out here: tfjs predict on each window alone, batch 1, no padding.
    const { model: saved, meta } = await loadModel(join(art, 'model'));
    const lp = layersPredictor(saved, meta.vocab.input.length);
    const inputIds = new Map(meta.vocab.input.map((c, i) => [c, i]));
    for (const e of ev.examples) {
      const chars = Array.from(e.input);
      const ids = Int32Array.from(chars, (c) => inputIds.get(c) ?? 1);
      const pred = new Int32Array(chars.length);
      for (const w of translitWindows(chars.length, meta.seqLen)) {
        const out = await lp.predictIds(ids.slice(w.start, w.start + w.length), 1, w.length);
        for (let p = w.keepFrom; p < w.keepTo; p++) pred[p] = out[p - w.start];
      }
      const text = chars
        .map((c, p) => (!inputIds.has(c) || pred[p] <= 0 ? c : meta.vocab.output[pred[p]] === '_' ? '' : meta.vocab.output[pred[p]]))
        .join('');
      expect(text, e.input).toBe(e.output);
    }
    saved.dispose();
    for (const k of ['lower', 'capitalized', 'allcaps', 'latin'] as const) expect(ev.byClass[k].words).toBeGreaterThanOrEqual(0);
    expect(ev.external).toBeUndefined();
    // Four CLI processes and a training on a loaded 2-core machine.
  }, 400_000);

  it('fails with a clear message when the align outputs are missing', () => {
    const fx = makeFixture({ sentences: { train: 5, val: 2, test: 2 } });
    spawnSync('rm', ['-f', join(fx.root, '.cache', fx.run, 'align', 'val.tsv')]);
    const r = runCli(fx.root, fx.config);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/align\/val\.tsv: missing/);
  });
});
