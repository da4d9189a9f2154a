import { describe, expect, it } from 'vitest';
import { Rng } from '../../pipeline/lib/rng.ts';
import { NeuronDiagram } from '../../pipeline/lib/schemas/analyses.ts';
import { binnedDistance } from '../../pipeline/stats/analysis-bins.ts';
import { inputSteps, meanOverSteps, outputsOfInput, pairSampleSteps } from '../../pipeline/stats/analysis-steps.ts';
import { buildDiagram } from '../../pipeline/stats/diagram.ts';

/**
 * A synthetic capture: U = 16 units per direction, H = 20 hidden, V = 3 inputs, O = 4 outputs. Input 1 is followed
 * by output 2 or 3. Concat neuron 21 (bwd unit 5) and hidden neuron 7 are planted as perfect detectors of (1 → 2);
 * everything else is noise.
 */
const U = 16;
const H = 20;
const V = 3;
const O = 4;
const STEPS = 3000;

function fixture() {
  const rng = new Rng(11, 'diagram-fixture');
  const inputId = new Int32Array(STEPS);
  const targetId = new Int32Array(STEPS);
  for (let s = 0; s < STEPS; s++) {
    inputId[s] = 1 + rng.int(2);
    targetId[s] = inputId[s] === 1 ? 2 + rng.int(2) : 1;
  }
  const concat = new Float32Array(STEPS * 2 * U);
  const hidden = new Float32Array(STEPS * (H + V));
  for (let s = 0; s < STEPS; s++) {
    const hit = inputId[s] === 1 && targetId[s] === 2;
    for (let j = 0; j < 2 * U; j++) concat[s * 2 * U + j] = rng.normal() * 0.3;
    for (let j = 0; j < H; j++) hidden[s * (H + V) + j] = Math.tanh(rng.normal());
    hidden[s * (H + V) + H + inputId[s]] = 1;
    concat[s * 2 * U + 21] = hit ? 0.8 : -0.3;
    hidden[s * (H + V) + 7] = hit ? 0.5 : -0.5;
  }
  const gates: Record<string, Float32Array> = {};
  for (const dir of ['fwd', 'bwd'])
    for (const g of ['i', 'f', 'o', 'g', 'c']) {
      const a = new Float32Array(STEPS * U);
      for (let k = 0; k < a.length; k++) a[k] = rng.next();
      gates[`${dir}.${g}`] = a;
    }
  const weights = (rows: number, cols: number) => {
    const data = new Float32Array(rows * cols);
    for (let k = 0; k < data.length; k++) data[k] = rng.normal() * 0.2;
    return { shape: [rows, cols], data };
  };
  return { meta: { inputId, targetId }, concat, hidden, gates, hk: weights(2 * U, H), ok: weights(H + V, O) };
}

/** Per-neuron distance for pair (c, o): input c steps with output o vs the other input c steps. */
function distances(acts: Float32Array, size: number, a: Int32Array, b: Int32Array): number[] {
  const out: number[] = [];
  for (let j = 0; j < size; j++) {
    const va = Array.from(a, (s) => acts[s * size + j]);
    const vb = Array.from(b, (s) => acts[s * size + j]);
    out.push(binnedDistance(va, vb, 20));
  }
  return out;
}

describe('buildDiagram', () => {
  const f = fixture();
  const meta = { ...f.meta, predId: f.meta.targetId, sentence: new Int32Array(STEPS), position: new Int32Array(STEPS) };
  const a = pairSampleSteps(meta, 1, 2);
  const b = inputSteps(meta, 1).filter((s) => meta.targetId[s] !== 2);
  const d: Record<string, number[]> = {
    concat: distances(f.concat, 2 * U, a, b),
    hidden: distances(f.hidden, H + V, a, b),
    output: [0.1, 0.2, 0.9, 0.85],
  };
  for (const [name, acts] of Object.entries(f.gates)) d[name] = distances(acts, U, a, b);
  const others = outputsOfInput(meta, 1, 10).map((o) => ({ id: o.id, char: `o${o.id}` }));
  const input = {
    input: { id: 1, char: 't' },
    output: { id: 2, char: 'ծ' },
    otherOutputs: others,
    samples: a.length,
    distances: d,
    meanConcat: meanOverSteps(f.concat, 2 * U, a),
    meanHidden: meanOverSteps(f.hidden, H + V, a),
    hiddenKernel: f.hk,
    outputKernel: f.ok,
  };
  const diagram = buildDiagram(input);

  it('puts the planted detectors first and has the post layout', () => {
    expect(NeuronDiagram.parse(JSON.parse(JSON.stringify(diagram)))).toBeTruthy();
    expect(diagram.nodes.concatBwd[0]).toMatchObject({ neuron: 21, direction: 'bwd', unit: 5, rank: 0 });
    expect(diagram.nodes.concatBwd[0].distance).toBeCloseTo(1, 6);
    expect(diagram.nodes.hidden[0].neuron).toBe(7);
    expect(diagram.nodes.hidden).toHaveLength(12);
    expect(diagram.nodes.concatFwd).toHaveLength(10);
    expect(diagram.nodes.concatFwd.every((n) => n.neuron < U)).toBe(true);
    expect(diagram.nodes.concatBwd.every((n) => n.neuron >= U)).toBe(true);
    expect(diagram.nodes.hidden.every((n) => n.neuron < H)).toBe(true);
    expect(diagram.nodes.output.map((n) => n.neuron)).toEqual([2, 3]);
    expect(diagram.gates).toHaveLength(20);
    const planted = diagram.gates.find((g) => g.node === 'concat:21')!;
    expect(planted).toMatchObject({ direction: 'bwd', unit: 5 });
    expect(planted.distances.g).toBeCloseTo(d['bwd.g'][5], 12);
    expect(Object.keys(planted.distances)).toEqual(['i', 'f', 'o', 'g', 'c']);
  });

  it('computes edge contributions as weight × mean activation, with sign', () => {
    const e = diagram.edges.find((x) => x.from === 'concat:21' && x.to === 'hidden:7')!;
    const w = f.hk.data[21 * H + 7];
    expect(e.weight).toBeCloseTo(w, 7);
    expect(e.meanActivation).toBeCloseTo(0.8, 6);
    expect(e.contribution).toBeCloseTo(w * 0.8, 6);
    expect(e.sign).toBe(w < 0 ? -1 : 1);
    const o = diagram.edges.find((x) => x.from === 'hidden:7' && x.to === 'output:2')!;
    const wo = f.ok.data[7 * O + 2];
    expect(o.contribution).toBeCloseTo(wo * 0.5, 6);
    expect(o.sign).toBe(wo < 0 ? -1 : 1);
    // Edges into each hidden node: at most 4, strongest first.
    const into7 = diagram.edges.filter((x) => x.to === 'hidden:7');
    expect(into7.length).toBe(4);
    for (let i = 1; i < into7.length; i++)
      expect(Math.abs(into7[i - 1].contribution)).toBeGreaterThanOrEqual(Math.abs(into7[i].contribution));
    expect(diagram.edges.every((x) => x.share >= 0 && x.share <= 1)).toBe(true);
  });

  it('is deterministic and rejects mismatched shapes', () => {
    expect(JSON.stringify(buildDiagram(input))).toBe(JSON.stringify(diagram));
    expect(() => buildDiagram({ ...input, distances: { ...d, concat: d.concat.slice(1) } })).toThrow(/concat/);
    // Means of the dense part only (no one-hot tail): shares stay finite.
    const short = buildDiagram({ ...input, meanHidden: input.meanHidden.slice(0, H) });
    expect(short.edges.every((e) => Number.isFinite(e.share) && e.share <= 1)).toBe(true);
  });
});
