import { describe, expect, it } from 'vitest';
import type { CapturedSentence } from '../../pipeline/capture/types.ts';
import { Rng } from '../../pipeline/lib/rng.ts';
import { ClaimsFile, DiagramsFile, PatternsFile, UncertaintyFile } from '../../pipeline/lib/schemas/analyses.ts';
import { binValues, countBins, valueRange } from '../../pipeline/stats/analysis-bins.ts';
import { FurtherAnalyses, kernelsOf } from '../../pipeline/stats/analysis-run.ts';
import { buildClaims } from '../../pipeline/stats/claims.ts';
import { stepHalves } from '../../pipeline/stats/halves.ts';
import { layerSelectivity } from '../../pipeline/stats/histogram.ts';
import { selectPairs } from '../../pipeline/stats/pairs.ts';
import { hellinger } from '../../pipeline/stats/hellinger.ts';

/**
 * End to end over a synthetic capture built like the real one: romanized units (ծ → "ts", so t → ծ and s → _),
 * every captured layer of a BiLSTM, and planted neurons: bwd.h/bwd.g unit 2 see t → ծ (the next letter decides),
 * fwd.h/fwd.g unit 1 see s → _ (the previous letter decides), bwd.h unit 4 fires inside "թյուն" — or, in the
 * `everySuffix` variant, inside every suffix (թյուն and the controls ում, ել, ական, ային, ներ), where the pattern
 * claim must fail.
 */
const IN = ['<pad>', '<unk>', ' ', 'a', 'b', 'e', 'i', 'k', 'l', 'm', 'n', 'r', 's', 't', 'u', 'y'];
const OUT = ['<pad>', '_', ' ', 'ա', 'բ', 'ե', 'թ', 'ի', 'լ', 'կ', 'ծ', 'մ', 'յ', 'ն', 'ս', 'ր', 'տ', 'ու'];
const UNITS: [string, string][] = [['a', 'ա'], ['b', 'բ'], ['t', 'թ'], ['ts', 'ծ'], ['s', 'ս'], ['n', 'ն'], [' ', ' '], ['t', 'տ']];
const SUFFIXES: [string, string][][] = [
  [['t', 'թ'], ['y', 'յ'], ['u', 'ու'], ['n', 'ն']],
  [['u', 'ու'], ['m', 'մ']],
  [['e', 'ե'], ['l', 'լ']],
  [['a', 'ա'], ['k', 'կ'], ['a', 'ա'], ['n', 'ն']],
  [['a', 'ա'], ['y', 'յ'], ['i', 'ի'], ['n', 'ն']],
  [['n', 'ն'], ['e', 'ե'], ['r', 'ր']],
];
const U = 6;
const H = 5;

function synthetic(seed: number, everySuffix = false) {
  const rng = new Rng(seed, 'claims-run');
  const inputId: number[] = [];
  const targetId: number[] = [];
  const sentence: number[] = [];
  const suffix: number[] = []; // −1 outside a suffix, else its index in SUFFIXES
  const sentences: CapturedSentence[] = [];
  for (let i = 0; i < 600; i++) {
    const units: [string, string, number][] = Array.from({ length: 12 }, () => [...rng.pick(UNITS), -1] as [string, string, number]);
    const k = i % SUFFIXES.length;
    units.splice(5, 0, ...SUFFIXES[k].map(([a, b]) => [a, b, k] as [string, string, number]), [' ', ' ', -1]);
    units.splice(5, 0, [' ', ' ', -1]);
    const start = inputId.length;
    let input = '';
    for (const [lat, hy, suf] of units)
      [...lat].forEach((ch, j) => {
        input += ch;
        inputId.push(IN.indexOf(ch));
        targetId.push(OUT.indexOf(j === 0 ? hy : '_'));
        sentence.push(i);
        suffix.push(suf);
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
  const cell = (s: number) => (everySuffix ? suffix[s] >= 0 : suffix[s] === 0);
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
    add(`bwd.${g}`, U, (s, j) =>
      j === 2 && tc(s) && (strong || rng.next() < 0.3) ? 1 : g === 'h' && j === 4 && cell(s) ? 1 + 0.05 * rng.normal() : null,
    );
  }
  const tyunSteps = suffix.filter((x) => x === 0).length;
  add('concat', 2 * U, (s, j) => (j < U ? layers['fwd.h'][s * U + j] : layers['bwd.h'][s * U + j - U]));
  add('hidden', H + IN.length, (s, j) => (j === 0 ? (tc(s) ? 0.9 : -0.2) : j >= H ? (inputId[s] === j - H ? 1 : 0) : null));
  add('output', OUT.length, (s, j) => (j === targetId[s] ? 0.9 : 0.01));
  const w = (len: number) => Float32Array.from({ length: len }, () => 0.5 * rng.normal());
  const model = { units: U, hiddenUnits: H, inputSize: IN.length, outputSize: OUT.length, hiddenKernel: w(2 * U * H), outputKernel: w((H + IN.length) * OUT.length) };
  return { meta, sentences, layers, sizes, model, tyunSteps };
}

/** The raw distance, written out plainly: neuron ranges over all steps, one histogram pair per pair. */
function plainDistance(data: Float32Array, size: number, meta: { inputId: Int32Array; targetId: Int32Array }, bins: number, j: number, p: { inputId: number; outputId: number }) {
  const steps = meta.inputId.length;
  const col = Float32Array.from({ length: steps }, (_, s) => data[s * size + j]);
  const r = valueRange(col);
  const b = binValues(col, r.lo, r.hi, bins);
  const eq: number[] = [];
  const ne: number[] = [];
  for (let s = 0; s < steps; s++) if (meta.inputId[s] === p.inputId) (meta.targetId[s] === p.outputId ? eq : ne).push(s);
  return hellinger(countBins(b, bins, eq), countBins(b, bins, ne));
}

function run(seed: number, everySuffix = false) {
  const x = synthetic(seed, everySuffix);
  const vocab = { input: IN, output: OUT };
  const src = { meta: x.meta, vocab, sentences: x.sentences };
  const pairs = selectPairs(x.meta, vocab, 20);
  const half = stepHalves(x.meta, 1);
  const opt = { bins: 20, topNeurons: 3, bootstrap: 60, seed: 1, patterns: [{ name: 'tyun', output: 'թյուն' }], minCount: 20, half };
  const fa = new FurtherAnalyses(src, pairs, kernelsOf(x.model), opt);
  const sels: Record<string, ReturnType<typeof layerSelectivity>> = {};
  for (const [name, data] of Object.entries(x.layers)) {
    sels[name] = layerSelectivity(data, x.sizes[name], x.meta, pairs, opt.bins, half);
    fa.addLayer(name, x.sizes[name], data, sels[name]);
  }
  const out = fa.finish();
  const claims = buildClaims({ selectivity: out.selectivity, pattern: out.specificity, neuron70: out.named[0], translit: 'ես սիրում եմ Deep Learning', top: 3 });
  return { x, out, claims, sels, pairs };
}

describe('further analyses over a synthetic capture', () => {
  const { x, out, claims, sels, pairs } = run(1);
  const tcIndex = pairs.findIndex((p) => p.input === 't' && p.output === 'ծ');

  it('computes the raw distance as written plainly', () => {
    for (const j of [0, 2]) expect(sels['bwd.h'].distance[tcIndex * U + j]).toBeCloseTo(plainDistance(x.layers['bwd.h'], U, x.meta, 20, j, pairs[tcIndex]), 12);
  });

  it('draws the planted detectors at the top of the t → ծ diagram', () => {
    expect(DiagramsFile.parse(JSON.parse(JSON.stringify(out.diagrams))).diagrams.length).toBe(pairs.length);
    const d = out.diagrams.diagrams.find((g) => g.input === 't' && g.output === 'ծ')!;
    expect(d.nodes.concatBwd[0]).toMatchObject({ neuron: U + 2, unit: 2 });
    expect(d.nodes.hidden[0].neuron).toBe(0);
    expect(d.gates.find((g) => g.node === `concat:${U + 2}`)!.distances.g).toBeGreaterThan(0.8);
  });

  it('reports held-out intervals for neurons chosen on the other half', () => {
    const unc = UncertaintyFile.parse(JSON.parse(JSON.stringify(out.uncertainty)));
    expect(unc.pairs).toHaveLength(pairs.length);
    const tc = unc.pairs[tcIndex];
    const n = tc.neurons.find((u) => u.layer === 'concat' && u.neuron === U + 2)!;
    expect(n.distance).toBe(sels.concat.distance[tcIndex * 2 * U + U + 2]);
    expect(n.corrected).toBe(sels.concat.corrected[tcIndex * 2 * U + U + 2]);
    expect(n.low).toBeGreaterThan(0.5);
    expect(n.low).toBeLessThanOrEqual(n.estimate);
    expect(n.high).toBeGreaterThanOrEqual(n.estimate);
    expect(tc.neurons.filter((u) => u.layer === 'concat')).toHaveLength(3);
  });

  it('finds the tyun cell, specific against the control suffixes, and passes the post’s claims', () => {
    const p = PatternsFile.parse(JSON.parse(JSON.stringify(out.patterns))).patterns[0];
    expect(p.insideSteps).toBe(x.tyunSteps);
    expect(out.specificity!.cell).toMatchObject({ layer: 'bwd.h', neuron: 4 });
    expect(out.specificity!.controls.filter((c) => c.best)).toHaveLength(5);
    const pass = Object.fromEntries(claims.map((c) => [c.id, c.pass]));
    if (process.env.DEBUG_CLAIMS) console.log(JSON.stringify(claims, null, 1));
    expect(pass).toMatchObject({ 'tc-backward': true, 's_-forward': true, 'gate-g-most-selective': true, 'tyun-cell': true, 'translit-example': true });
    expect(ClaimsFile.parse({ claims }).claims.every((c) => c.test.statistic.length > 0)).toBe(true);
  });

  it('fails the pattern claim when the "cell" fires inside every suffix', () => {
    const every = run(1, true);
    const c = every.claims.find((k) => k.id === 'tyun-cell')!;
    expect(every.out.specificity!.cell).toMatchObject({ layer: 'bwd.h', neuron: 4 });
    expect(c.pass).toBe(false);
    expect(c.test.interval![0]).toBeLessThan(0.05);
  });

  it('names the s/z look-ahead unit by the letters the next letter decides (the planted backward t → ծ unit), not the #70 unit', () => {
    const lookAhead = out.named.find((u) => u.name === 'sz-lookahead');
    const n70 = out.named.find((u) => u.name === 'neuron-70');
    expect(lookAhead).toMatchObject({ direction: 'bwd', unit: 2 });
    expect(n70).toMatchObject({ direction: 'fwd', unit: 1 });
  });

  it('is deterministic', () => {
    const again = run(1);
    expect(JSON.stringify(again.out)).toBe(JSON.stringify(out));
    expect(JSON.stringify(again.claims)).toBe(JSON.stringify(claims));
  });
});
