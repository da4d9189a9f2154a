import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { stage as ablateStage } from '../../pipeline/ablate/stage.ts';
import { stage as captureStage } from '../../pipeline/capture/stage.ts';
import { readArtifact } from '../../pipeline/lib/artifact.ts';
import { writeJsonAtomic } from '../../pipeline/lib/atomic.ts';
import { AblationClaims, AblationIndex, AblationPair } from '../../pipeline/lib/schemas/ablation.ts';
import { executeStage, makeContext } from '../../pipeline/lib/stage.ts';
import { stage as statsStage } from '../../pipeline/stats/stage.ts';
import { saveModel } from '../../pipeline/train/layers-io.ts';
import { compareAblation, loadAblation } from '../../pipeline/diff/ablation.ts';
import { buildModel } from '../capture/tfjs-fixture.ts';

/** The ablate stage through executeStage after capture and stats, on a tmp project with a random tf.layers model. */
const root = process.env.ABLATE_KEEP ?? mkdtempSync(join(tmpdir(), 'ablate-stage-'));
mkdirSync(root, { recursive: true });
symlinkSync(fileURLToPath(new URL('../../pipeline', import.meta.url)), join(root, 'pipeline'), 'dir');
afterAll(() => {
  if (!process.env.ABLATE_KEEP) rmSync(root, { recursive: true, force: true });
});

const vocab = {
  input: ['<pad>', '<unk>', ' ', 'a', 's', 't', 'u'],
  output: ['<pad>', '_', ' ', 'ա', 'ծ', 'ս', 'տ', 'ու'],
};

function sentences(n: number, seed: number): string {
  let x = seed;
  const rnd = (k: number) => ((x = (x * 1103515245 + 12345) % 2147483648), (x >>> 16) % k);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    let a = '';
    let b = '';
    const len = 10 + rnd(30);
    for (let t = 0; t < len; t++) {
      const c = ['a', 's', 't', 'u', ' '][rnd(5)];
      a += c;
      b += c === 'a' ? 'ա' : c === 's' ? (rnd(3) ? 'ս' : '_') : c === 't' ? (rnd(2) ? 'տ' : 'ծ') : c === 'u' ? 'ու' : ' ';
    }
    lines.push(`${a}\t${b}`);
  }
  return lines.join('\n') + '\n';
}

describe('ablate stage', () => {
  it('runs after capture and stats, writes index, pair files and claims, and is cached on a second call', async () => {
    await tf.setBackend('cpu');
    writeFileSync(
      join(root, 'cfg.json'),
      JSON.stringify({
        run: 'ablatetest',
        seed: 4,
        corpus: { sources: [{ kind: 'embedded' }] },
        model: { cell: 'lstm', units: 6, hidden: 5 },
        capture: { sentences: 40, splits: ['test'] },
        stats: { bins: 30, minCount: 10, topNeurons: 2, bootstrap: 0, uncertaintyLayers: [], patterns: [{ name: 'tsa', output: 'տսա' }] },
        ablate: { ks: [1, 3], randomDraws: 2, steps: 20, recurrentSteps: 10, crossSteps: 5, singleUnits: 1, bootstrap: 50, patternSentences: 5 },
      }),
    );
    const ctx = makeContext(join(root, 'cfg.json'), root);
    mkdirSync(join(ctx.cache, 'align'), { recursive: true });
    writeFileSync(join(ctx.cache, 'align', 'test.tsv'), sentences(40, 1));
    writeJsonAtomic(join(ctx.artifacts, 'align', 'vocab.json'), { schemaVersion: 1, ...vocab });
    const model = buildModel({ cell: 'lstm', inputSize: vocab.input.length, units: 6, hidden: 5, outputSize: vocab.output.length, seed: 8 });
    await saveModel(model, join(ctx.artifacts, 'model'), { vocab, seqLen: 8, cell: 'lstm' });
    model.dispose();
    expect((await executeStage(ctx, captureStage)).ran).toBe(true);
    expect((await executeStage(ctx, statsStage)).ran).toBe(true);
    expect((await executeStage(ctx, ablateStage)).ran).toBe(true);

    const index = readArtifact(join(ctx.artifacts, 'ablation', 'index.json'), AblationIndex);
    expect(index.pairs.map((p) => p.label)).toEqual(expect.arrayContaining(['s→_', 't→ծ']));
    const tc = index.pairs.find((p) => p.label === 't→ծ')!;
    expect(tc.layers).toEqual(['concat', 'hidden', 'fwd.h', 'bwd.h']);
    const file = readArtifact(join(ctx.artifacts, 'ablation', 'pairs', tc.file), AblationPair);
    expect(file.layers.find((l) => l.layer === 'bwd.h')?.method).toBe('recurrent');
    const claims = readArtifact(join(ctx.artifacts, 'ablation', 'claims.json'), AblationClaims);
    const direction = claims.claims.find((c) => c.id === 'tc-backward-causal')!;
    expect(direction.test.value).not.toBeNull();
    expect(direction.test.interval).not.toBeNull();
    const manifest = JSON.parse(readFileSync(join(ctx.artifacts, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stages.ablate.inputs)).toContain('artifacts/ablatetest/stats/patterns.json');
    expect((await executeStage(ctx, ablateStage)).ran).toBe(false);

    // The run compared with itself: every row the same on both sides.
    const run = loadAblation(ctx.artifacts);
    const d = compareAblation(run, run)!;
    expect(d.rows.length).toBeGreaterThan(0);
    for (const r of d.rows) expect(r.a).toEqual(r.b);
  }, 120_000);
});
