import { describe, expect, it } from 'vitest';
import type { CapturedSentence } from '../../pipeline/capture/types.ts';
import { Rng } from '../../pipeline/lib/rng.ts';
import { DiagramsFile, PatternsFile, UncertaintyFile } from '../../pipeline/lib/schemas/analyses.ts';
import { binValues, countBins, valueRange } from '../../pipeline/stats/analysis-bins.ts';
import { FurtherAnalyses, kernelsOf } from '../../pipeline/stats/analysis-run.ts';
import { buildClaims } from '../../pipeline/stats/claims.ts';
import { hellinger } from '../../pipeline/stats/hellinger.ts';

/**
 * End to end over a synthetic capture built like the real one: romanized units (ծ → "ts", so t → ծ and s → _),
 * every captured layer of a BiLSTM, and planted neurons: bwd.h/bwd.g unit 2 see t → ծ (the next letter decides),
 * fwd.h/fwd.g unit 1 see s → _ (the previous letter decides), bwd.c unit 4 fires inside "թյուն".
 */
const IN = ['<pad>', '<unk>', ' ', 'a', 'b', 'n', 's', 't', 'u', 'y'];
const OUT = ['<pad>', '_', ' ', 'ա', 'բ', 'թ', 'ծ', 'ն', 'ս', 'յ', 'ու'];
const UNITS: [string, string][] = [['a', 'ա'], ['b', 'բ'], ['t', 'թ'], ['ts', 'ծ'], ['s', 'ս'], ['n', 'ն'], [' ', ' ']];
const U = 6;
const H = 5;

function synthetic(seed: number) {
  const rng = new Rng(seed, 'claims-run');
  const inputId: number[] = [];
  const targetId: number[] = [];
  const sentence: number[] = [];
  const sentences: CapturedSentence[] = [];
  for (let i = 0; i < 300; i++) {
    const units: [string, string][] = Array.from({ length: 12 }, () => rng.pick(UNITS));
    if (i % 4 === 0) units.splice(5, 0, ['t', 'թ'], ['y', 'յ'], ['u', 'ու'], ['n', 'ն']);
    const start = inputId.length;
    let input = '';
    for (const [lat, hy] of units)
      [...lat].forEach((ch, k) => {
        input += ch;
        inputId.push(IN.indexOf(ch));
        targetId.push(OUT.indexOf(k === 0 ? hy : '_'));
        sentence.push(i);
      });
    sentences.push({ id: i, split: 'test', input, output: '', predicted: '', start });
  }
  const n = inputId.length;
  const meta = {
    inputId: Int32Array.from(inputId),
    targetId: Int32Array.from(targetId),
    predId: Int32Array.from(targetId),
    sentence: Int32Array.from(sentence),
    position: new Int32Array(n),
  };
  const tc = (s: number) => inputId[s] === IN.indexOf('t') && targetId[s] === OUT.indexOf('ծ');
  const s_ = (s: number) => inputId[s] === IN.indexOf('s') && targetId[s] === 1;
  const layers: Record<string, Float32Array> = {};
  const sizes: Record<string, number> = {};
  const add = (name: string, size: number, plant: (s: number, j: number) => number | null) => {
    const a = new Float32Array(n * size);
    for (let s = 0; s < n; s++)
      for (let j = 0; j < size; j++) a[s * size + j] = plant(s, j) ?? 0.3 * rng.normal();
    layers[name] = a;
    sizes[name] = size;
  };
  for (const g of ['i', 'f', 'o', 'g', 'c', 'h']) {
    const strong = g === 'g' || g === 'h';
    add(`fwd.${g}`, U, (s, j) => (j === 1 && s_(s) && (strong || rng.next() < 0.3) ? 1 : null));
    add(`bwd.${g}`, U, (s, j) => (j === 2 && tc(s) && (strong || rng.next() < 0.3) ? 1 : null));
  }
  // bwd.c unit 4 fires inside the pattern (planted after the layer is made, on the steps of "թյուն").
  const tyun = new Set<number>();
  for (let s = 0; s + 3 < n; s++) if ([5, 9, 10, 7].every((id, k) => targetId[s + k] === id && sentence[s + k] === sentence[s])) for (let k = 0; k < 4; k++) tyun.add(s + k);
  for (const s of tyun) layers['bwd.c'][s * U + 4] = 1 + 0.05 * rng.normal();
  add('concat', 2 * U, (s, j) => (j < U ? layers['fwd.h'][s * U + j] : layers['bwd.h'][s * U + j - U]));
  add('hidden', H + IN.length, (s, j) => (j === 0 ? (tc(s) ? 0.9 : -0.2) : j >= H ? (inputId[s] === j - H ? 1 : 0) : null));
  add('output', OUT.length, (s, j) => (j === targetId[s] ? 0.9 : 0.01));
  const w = (len: number) => Float32Array.from({ length: len }, () => 0.5 * rng.normal());
  const model = { units: U, hiddenUnits: H, inputSize: IN.length, outputSize: OUT.length, hiddenKernel: w(2 * U * H), outputKernel: w((H + IN.length) * OUT.length) };
  return { meta, sentences, layers, sizes, model, tyunSteps: tyun.size };
}

const PAIRS = [
  { input: 't', output: 'թ' },
  { input: 't', output: 'ծ' },
  { input: 's', output: '_' },
  { input: 's', output: 'ս' },
].map((p) => ({ ...p, inputId: IN.indexOf(p.input), outputId: OUT.indexOf(p.output) }));

/** The core selectivity, written out plainly: neuron ranges over all steps, one histogram pair per pair. */
function selectivity(data: Float32Array, size: number, meta: { inputId: Int32Array; targetId: Int32Array }, bins: number) {
  const min = new Float32Array(size);
  const max = new Float32Array(size);
  const distance = new Float64Array(PAIRS.length * size);
  const steps = meta.inputId.length;
  for (let j = 0; j < size; j++) {
    const col = Float32Array.from({ length: steps }, (_, s) => data[s * size + j]);
    const r = valueRange(col);
    [min[j], max[j]] = [r.lo, r.hi];
    const b = binValues(col, r.lo, r.hi, bins);
    PAIRS.forEach((p, i) => {
      const eq: number[] = [];
      const ne: number[] = [];
      for (let s = 0; s < steps; s++) if (meta.inputId[s] === p.inputId) (meta.targetId[s] === p.outputId ? eq : ne).push(s);
      distance[i * size + j] = hellinger(countBins(b, bins, eq), countBins(b, bins, ne));
    });
  }
  return { min, max, distance };
}

function run(seed: number) {
  const x = synthetic(seed);
  const src = { meta: x.meta, vocab: { input: IN, output: OUT }, sentences: x.sentences };
  const opt = { bins: 20, topNeurons: 3, bootstrap: 60, seed: 1, patterns: [{ name: 'tyun', output: 'թյուն' }], minCount: 20 };
  const fa = new FurtherAnalyses(src, PAIRS, kernelsOf(x.model), opt);
  const sels: Record<string, ReturnType<typeof selectivity>> = {};
  for (const [name, data] of Object.entries(x.layers)) {
    sels[name] = selectivity(data, x.sizes[name], x.meta, opt.bins);
    fa.addLayer(name, x.sizes[name], data, sels[name]);
  }
  const out = fa.finish();
  const claims = buildClaims({ selectivity: out.selectivity, patterns: out.patterns.patterns, translit: 'ես սիրում եմ Deep Learning', top: 3 });
  return { x, out, claims, sels };
}

describe('further analyses over a synthetic capture', () => {
  const { x, out, claims, sels } = run(1);

  it('draws the planted detectors at the top of the t → ծ diagram', () => {
    expect(DiagramsFile.parse(JSON.parse(JSON.stringify(out.diagrams))).diagrams).toHaveLength(4);
    const d = out.diagrams.diagrams.find((g) => g.input === 't' && g.output === 'ծ')!;
    expect(d.nodes.concatBwd[0]).toMatchObject({ neuron: U + 2, unit: 2 });
    expect(d.nodes.hidden[0].neuron).toBe(0);
    expect(d.nodes.output.map((o) => o.label).sort()).toEqual(['թ', 'ծ']);
    expect(d.gates.find((g) => g.node === `concat:${U + 2}`)!.distances.g).toBeGreaterThan(0.9);
    const e = d.edges.find((e) => e.from === 'hidden:0' && e.to === `output:${OUT.indexOf('ծ')}`)!;
    expect(e.contribution).toBeCloseTo(x.model.outputKernel[0 * OUT.length + OUT.indexOf('ծ')] * 0.9, 5);
  });

  it('reports uncertainty whose distance is the selectivity table’s', () => {
    expect(UncertaintyFile.parse(JSON.parse(JSON.stringify(out.uncertainty))).pairs).toHaveLength(4);
    const tc = out.uncertainty.pairs[1];
    const n = tc.neurons.find((u) => u.layer === 'concat' && u.neuron === U + 2)!;
    expect(n.distance).toBe(sels.concat.distance[1 * 2 * U + U + 2]);
    expect(n.low).toBeGreaterThan(n.null.p95);
    expect(tc.neurons.filter((u) => u.layer === 'concat')).toHaveLength(3);
  });

  it('finds the tyun cell and passes the post’s claims', () => {
    const p = PatternsFile.parse(JSON.parse(JSON.stringify(out.patterns))).patterns[0];
    expect(p.insideSteps).toBe(x.tyunSteps);
    expect(p.best[0]).toMatchObject({ layer: 'bwd.c', neuron: 4 });
    expect(Object.fromEntries(claims.map((c) => [c.id, c.pass]))).toEqual({
      'tc-backward': true,
      's_-forward': true,
      'gate-g-most-selective': true,
      'tyun-cell': true,
      'translit-example': true,
    });
  });

  it('is deterministic', () => {
    const again = run(1);
    expect(JSON.stringify(again.out)).toBe(JSON.stringify(out));
    expect(JSON.stringify(again.claims)).toBe(JSON.stringify(claims));
  });
});
