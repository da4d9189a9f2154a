import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ablate, type AblateOptions } from '../../pipeline/ablate/ablate.ts';
import { DenseAblator } from '../../pipeline/ablate/dense.ts';
import { RankedPairFile } from '../../pipeline/ablate/ranking.ts';
import { scoreRecurrent, sentenceBounds } from '../../pipeline/ablate/recurrent.ts';
import { DenseHead } from '../../pipeline/ablate/score.ts';
import { writeAblation } from '../../pipeline/ablate/stage.ts';
import { forwardWindowed } from '../../pipeline/capture/forward.ts';
import { CELL_LAYERS } from '../../pipeline/lib/cell-layers.ts';
import type { ModelWeights } from '../../pipeline/capture/model-file.ts';
import { openCapture } from '../../pipeline/capture/reader.ts';
import { encodeLine } from '../../pipeline/capture/sample.ts';
import { runCapture } from '../../pipeline/capture/stage.ts';
import { AblateConfig } from '../../pipeline/lib/config.ts';
import { AblationClaims, AblationIndex, AblationPair } from '../../pipeline/lib/schemas/ablation.ts';
import { analyse } from '../../pipeline/stats/analyse.ts';
import { kernelsOf } from '../../pipeline/stats/analysis-run.ts';
import { plantedLines, plantedModel, randomModel, VOCAB } from './planted.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ablate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const model = plantedModel();
const opt: AblateOptions = {
  ...AblateConfig.parse({}),
  ks: [1, 3],
  randomDraws: 4,
  recurrentRandomDraws: 2,
  steps: 80,
  recurrentSteps: 40,
  crossSteps: 30,
  specificityK: 1,
  singleUnits: 2,
  recurrentPairs: ['a→A', 'b→C'],
  recurrentTopPairs: 0,
  bootstrap: 100,
  seed: 5,
};

let outputs: Map<string, object>;
let pairs: RankedPairFile[];
const captureDir = join(tmp, 'capture');

beforeAll(async () => {
  await runCapture(model, VOCAB, plantedLines(300), { test: 300 }, captureDir, { sentences: 300, splits: ['test'], dtype: 'float32', seed: 1 });
  const reader = openCapture(captureDir);
  const stats = await analyse(
    reader,
    { bins: 50, minCount: 20, topNeurons: 3, histogramBins: 10, bootstrap: 0, uncertaintyLayers: [], patterns: [], seed: 1 },
    kernelsOf(model),
  );
  pairs = [...stats]
    .filter(([k]) => k.startsWith('stats/pairs/') && !k.endsWith('index.json'))
    .map(([, v]) => RankedPairFile.parse(v))
    .sort((a, b) => a.label.localeCompare(b.label));
  outputs = await ablate({ model, reader, pairs, pattern: null }, opt);
}, 120_000);

const pairFile = (label: string) => {
  const entry = [...outputs].find(([k, v]) => k.startsWith('ablation/pairs/') && (v as { label: string }).label === label);
  return AblationPair.parse({ schemaVersion: 1, ...(entry?.[1] as object) });
};

describe('ablate on a planted model (one unit carries one decision)', () => {
  it('analyses the two planted splits, the carrier units rank first', () => {
    // A two-way choice is one split, analysed once (stats: mirrors): a→A stands for a→B, b→C for b→D.
    expect(pairs.map((p) => p.label)).toEqual(['a→A', 'b→C']);
    const l = pairFile('a→A').layers;
    expect(l.find((x) => x.layer === 'concat')?.topUnits[0]).toBe(0);
    expect(l.find((x) => x.layer === 'fwd.h')?.topUnits[0]).toBe(0);
    expect(pairFile('b→C').layers.find((x) => x.layer === 'concat')?.topUnits[0]).toBe(model.units);
  });

  it('silencing the carrier drops its pair to chance, dense and recurrent', () => {
    for (const layer of ['concat', 'fwd.h', 'hidden']) {
      const l = pairFile('a→A').layers.find((x) => x.layer === layer);
      expect(l?.intact.balanced, layer).toBe(1);
      expect(l?.points[0].k).toBe(1);
      expect(l?.points[0].top.balanced, layer).toBe(0.5);
    }
    const b = pairFile('b→C').layers.find((x) => x.layer === 'bwd.h');
    expect(b?.points[0].top.balanced).toBe(0.5);
  });

  it('leaves the other decision intact (specificity matrix)', () => {
    const index = AblationIndex.parse({ schemaVersion: 1, ...(outputs.get('ablation/index.json') as object) });
    const m = index.specificity.find((s) => s.layer === 'concat');
    const at = (l: string) => index.pairs.findIndex((p) => p.label === l);
    expect(m?.drop[at('a→A')][at('a→A')]).toBeCloseTo(0.5, 9);
    expect(m?.drop[at('a→A')][at('b→C')]).toBe(0);
    expect(m?.drop[at('b→C')][at('a→A')]).toBe(0);
    // Silencing the forward unit leaves a "b" decision alone even when the recurrence is rerun.
    const fwdOnB = pairFile('b→C').layers.find((x) => x.layer === 'fwd.h');
    expect(fwdOnB?.points[0].top.balanced).toBe(1);
  });

  it('random units change nothing measurable', () => {
    for (const label of ['a→A', 'b→C'])
      for (const layer of ['concat', 'fwd.h', 'bwd.h']) {
        const l = pairFile(label).layers.find((x) => x.layer === layer);
        for (const p of l?.points ?? []) {
          expect(p.random.balancedRange, `${label} ${layer} k=${p.k}`).toEqual([l?.intact.balanced, l?.intact.balanced]);
          // Only the softmax's normalisation can move (another decision's logits), by far less than 1e-4.
          expect(Math.abs(p.random.mean.logp - (l?.intact.logp as number))).toBeLessThan(1e-4);
        }
      }
  });

  it('writes claims in the shared test shape', () => {
    const claims = AblationClaims.parse(outputs.get('ablation/claims.json'));
    const random = claims.claims.find((c) => c.id === 'top10-vs-random-concat');
    expect(random?.test.value).toBeGreaterThan(0.2);
    // Two independent splits: the exact sign-flip test cannot go below 1/4, and both must point the same way.
    expect(random?.test.pValue).toBeLessThanOrEqual(1 / 4 + 1e-9);
    expect(random?.test.interval?.[0]).toBeGreaterThan(0);
    expect(claims.claims.find((c) => c.id === 'tc-backward-causal')?.figures.reason).toMatch(/not analysed/);
  });

  it('same inputs and seed → byte-identical files', async () => {
    const again = await ablate({ model, reader: openCapture(captureDir), pairs, pattern: null }, opt);
    const a = join(tmp, 'a');
    const b = join(tmp, 'b');
    writeAblation(a, outputs);
    writeAblation(b, again);
    const files = (d: string) => readdirSync(join(d, 'ablation', 'pairs')).map((f) => join('ablation', 'pairs', f)).concat(['ablation/index.json', 'ablation/claims.json']);
    expect(files(a).length).toBe(4);
    for (const f of files(a)) expect(readFileSync(join(b, f), 'utf8'), f).toBe(readFileSync(join(a, f), 'utf8'));
  });
});

/** The reference: a full forward pass of a model whose unit is forced to zero by its weights. */
function zeroedUnit(m: ModelWeights, direction: 'fwd' | 'bwd', unit: number, state: 'h' | 'c'): ModelWeights {
  const copy = structuredClone(m);
  const w = copy[direction];
  const u = m.units;
  // h = o·act(c): shut the output gate (h = 0); or shut the input and forget gates (c = 0, hence h = 0).
  const gates = state === 'h' ? [3] : [0, 1];
  for (const g of gates) {
    const col = g * u + unit;
    for (let v = 0; v < m.inputSize; v++) w.kernel[v * 4 * u + col] = 0;
    for (let a = 0; a < u; a++) w.recurrent[a * 4 * u + col] = 0;
    w.bias[col] = -1e4;
  }
  return copy;
}

describe('recurrent ablation', () => {
  it('equals a full forward pass with the unit clamped (windows included, within 1e-5)', () => {
    const m = randomModel(6, 3);
    const lines = plantedLines(12, 9);
    const inputIndex = new Map(VOCAB.input.map((c, i) => [c, i]));
    const outputIndex = new Map(VOCAB.output.map((c, i) => [c, i]));
    const enc = lines.map((l) => encodeLine(l, inputIndex, outputIndex)!);
    expect(Math.max(...enc.map((e) => e.inputIds.length))).toBeGreaterThan(6); // some sentences are windowed
    const perDir = CELL_LAYERS.lstm.length;
    const ids = Int32Array.from(enc.flatMap((e) => [...e.inputIds]));
    const sentence = Int32Array.from(enc.flatMap((e, i) => [...e.inputIds].map(() => i)));
    const targets = Int32Array.from(enc.flatMap((e) => [...e.targetIds]));
    const concat = new Float32Array(ids.length * 2 * m.units);
    let at = 0;
    for (const e of enc) {
      concat.set(forwardWindowed(m, e.inputIds, m.seqLen)[2 * perDir], at * 2 * m.units);
      at += e.inputIds.length;
    }
    const steps = Int32Array.from({ length: ids.length }, (_, i) => i).filter((_, i) => i % 3 !== 1);
    const rows = new Float32Array(steps.length * 2 * m.units);
    steps.forEach((s, q) => rows.set(concat.subarray(s * 2 * m.units, (s + 1) * 2 * m.units), q * 2 * m.units));
    const stepTargets = Int32Array.from(steps, (s) => targets[s]);
    let compared = 0;
    for (const direction of ['fwd', 'bwd'] as const)
      for (const state of ['h', 'c'] as const) {
        const got = scoreRecurrent(m, sentenceBounds(ids, sentence), { direction, state }, [2], [0], steps, rows, stepTargets);
        const ref = zeroedUnit(m, direction, 2, state);
        const refOut = enc.map((e) => forwardWindowed(ref, e.inputIds, ref.seqLen)[2 * perDir + 2]);
        const starts = enc.map((_, i) => sentence.indexOf(i));
        steps.forEach((s, q) => {
          const i = sentence[s];
          const p = refOut[i][(s - starts[i]) * m.outputSize + targets[s]];
          expect(Math.abs(got[q].logp - Math.log(p)), `${direction}.${state} step ${s}`).toBeLessThan(1e-5);
          compared++;
        });
      }
    expect(compared).toBeGreaterThan(100);
  });

  it('dense ablation equals a full recompute of the dense layers', () => {
    const m = randomModel(6, null);
    const n = 20;
    const concat = Float32Array.from({ length: n * 12 }, (_, i) => Math.sin(i * 1.7));
    const inputId = Int32Array.from({ length: n }, (_, i) => 2 + (i % 3));
    const target = Int32Array.from({ length: n }, (_, i) => 2 + (i % 5));
    const d = new DenseAblator(m, concat, inputId, target);
    const rows = Array.from({ length: n }, (_, i) => i);
    const got = d.score('concat', [1, 7], [0.25, -0.5], rows);
    const head = new DenseHead(m);
    rows.forEach((r) => {
      const row = concat.slice(r * 12, (r + 1) * 12);
      row[1] = 0.25;
      row[7] = -0.5;
      // Equal up to float32 rounding of the hidden layer's change.
      expect(Math.abs(got[r].logp - head.scoreConcat(row, 0, inputId[r], target[r]).logp)).toBeLessThan(1e-6);
    });
  });
});
