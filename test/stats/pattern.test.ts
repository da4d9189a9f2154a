import { describe, expect, it } from 'vitest';
import type { CapturedSentence } from '../../pipeline/capture/types.ts';
import { Rng } from '../../pipeline/lib/rng.ts';
import { PatternResult } from '../../pipeline/lib/schemas/analyses.ts';
import { analysePatternLayer, assemblePattern, markPattern } from '../../pipeline/stats/pattern.ts';

const VOCAB = ['<pad>', '_', 'ա', 'բ', 'թ', 'յ', 'ու', 'ն', 'ի', 'Թ'];
const id = (u: string) => VOCAB.indexOf(u);

/** Sentences of aligned output units; the input side is one Latin letter per step. */
function capture(sentences: string[][]) {
  const targetId: number[] = [];
  const sentence: number[] = [];
  const position: number[] = [];
  const captured: CapturedSentence[] = [];
  sentences.forEach((units, i) => {
    // Ids are line ids in the split, not indices: the windows must still find their sentence's text.
    const input = units.map((_, k) => String.fromCharCode(97 + (k % 26))).join('');
    captured.push({ id: 1000 + i, split: 'test', input, output: units.join(''), predicted: '', start: targetId.length });
    units.forEach((u, k) => {
      targetId.push(id(u));
      sentence.push(i);
      position.push(k);
    });
  });
  const n = targetId.length;
  const meta = {
    inputId: Int32Array.from(targetId), // one Latin letter per Armenian unit: the input id mirrors the output
    targetId: Int32Array.from(targetId),
    predId: Int32Array.from(targetId),
    sentence: Int32Array.from(sentence),
    position: Int32Array.from(position),
  };
  return { meta, captured };
}

describe('markPattern', () => {
  it('skips placeholders, keeps ու as one unit, takes the trailing placeholders of the last letter', () => {
    const { meta, captured } = capture([
      ['ա', 'թ', '_', 'յ', 'ու', 'ն', '_', 'բ'],
      ['Թ', 'յ', 'ու', 'ն', 'ի'],
      ['թ', 'յ', 'ու', 'բ', 'ն'],
    ]);
    const m = markPattern(meta, VOCAB, captured, 'թյուն');
    expect(m.occurrences).toBe(2);
    expect(Array.from(m.inside)).toEqual([0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(m.insideSteps).toBe(10);
    expect(m.windows.map((w) => w.sentence)).toEqual([0, 1]);
    expect(m.windows[0].output).toEqual(['ա', 'թ', '_', 'յ', 'ու', 'ն', '_', 'բ']);
    expect(m.windows[1].input).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('pattern neurons', () => {
  const rng = new Rng(3, 'pattern-fixture');
  const letters = ['ա', 'բ', 'ի', 'ա', 'բ', 'ի', 'ա', 'բ', 'ի', 'ն', 'յ', 'թ'];
  const sentences = Array.from({ length: 200 }, (_, i) => {
    const units = Array.from({ length: 30 }, () => rng.pick(letters));
    if (i % 3 === 0) units.splice(10, 0, 'թ', 'յ', 'ու', 'ն');
    return units;
  });
  const { meta, captured } = capture(sentences);
  const mark = markPattern(meta, VOCAB, captured, 'թյուն', { samples: 4, context: 8 });
  const steps = mark.inside.length;
  const layer = (size: number, planted: number, value: number) => {
    const a = new Float32Array(steps * size);
    for (let s = 0; s < steps; s++)
      for (let j = 0; j < size; j++) a[s * size + j] = j === planted && mark.inside[s] ? value + 0.05 * rng.normal() : rng.normal() * 0.3;
    return a;
  };
  const opt = { bins: 20, top: 4, detailed: 2, replicates: 100, seed: 1 };
  const bwd = analysePatternLayer(layer(8, 6, 1), 8, 'bwd.c', mark, opt);
  const fwd = analysePatternLayer(layer(8, 3, -0.9), 8, 'fwd.c', mark, opt);

  it('ranks the planted neurons first, with signs, above the shuffled-label null', () => {
    expect(mark.occurrences).toBe(67);
    expect(bwd.top[0].neuron).toBe(6);
    expect(bwd.top[0].diff).toBeGreaterThan(0.8);
    expect(fwd.top[0].neuron).toBe(3);
    expect(fwd.top[0].diff).toBeLessThan(-0.7);
    expect(bwd.top[0].distance).toBeGreaterThan(0.9);
    expect(bwd.top[0].null!.p95).toBeLessThan(0.3);
    // An unplanted neuron sits near its null.
    const noise = bwd.top[1];
    expect(Math.abs(noise.distance - noise.null!.mean)).toBeLessThan(0.1);
    const detailed = new Set([...bwd.top.slice(0, 2), ...bwd.topByEffect.slice(0, 2)].map((n) => n.neuron));
    expect(bwd.top.filter((n) => n.null).every((n) => detailed.has(n.neuron))).toBe(true);
    expect(bwd.top.some((n) => !n.null)).toBe(true);
    // The standardized mean difference ranks the planted cell first too, with its sign.
    expect(bwd.topByEffect[0]).toMatchObject({ neuron: 6 });
    expect(bwd.topByEffect[0].effect).toBeGreaterThan(3);
    expect(fwd.topByEffect[0].effect).toBeLessThan(-3);
  });

  it('tells a pattern cell from a detector of the pattern letters (letter-matched distance)', () => {
    const patternLetters = new Set(['թ', 'յ', 'ու', 'ն'].map(id));
    const acts = new Float32Array(steps * 2);
    for (let s = 0; s < steps; s++) {
      acts[s * 2] = mark.inside[s] ? 1 : rng.normal() * 0.3;
      acts[s * 2 + 1] = patternLetters.has(meta.targetId[s]) ? 1 : rng.normal() * 0.3;
    }
    const r = analysePatternLayer(acts, 2, 'hidden', mark, opt);
    const cell = r.top.find((n) => n.neuron === 0)!;
    const letter = r.top.find((n) => n.neuron === 1)!;
    expect(letter.distance).toBeGreaterThan(0.5);
    expect(letter.letterMatched).toBeLessThan(0.1);
    expect(cell.letterMatched).toBeGreaterThan(0.9);
  });

  it('assembles a JSON-ready result with traces of the best neurons', () => {
    const r = assemblePattern('tyun', mark, [fwd, bwd], { best: 3 });
    expect(PatternResult.parse(JSON.parse(JSON.stringify(r)))).toBeTruthy();
    expect(r.best.slice(0, 2).map((n) => `${n.layer}#${n.neuron}`).sort()).toEqual(['bwd.c#6', 'fwd.c#3']);
    expect(r.samples).toHaveLength(4);
    const s = r.samples[0];
    expect(s.traces.map((t) => `${t.layer}#${t.neuron}`).slice(0, 1)).toEqual(['fwd.c#3']);
    expect(s.traces[0].values).toHaveLength(s.input.length);
    const k = s.inside.indexOf(1);
    expect(s.traces.find((t) => t.layer === 'bwd.c' && t.neuron === 6)!.values[k]).toBeGreaterThan(0.8);
    expect(JSON.stringify(assemblePattern('tyun', mark, [fwd, bwd], { best: 3 }))).toBe(JSON.stringify(r));
    const again = analysePatternLayer(layer(8, 6, 1), 8, 'bwd.c', mark, opt);
    expect(again.top[0].neuron).toBe(6);
  });
});
