import { describe, expect, it } from 'vitest';
import { compareRuns, formatDiff, type PairRanking, type RunArtifacts } from '../../pipeline/diff/compare.ts';

type PairFile = PairRanking & { label: string };

function pair(label: string, neurons: number[]): PairFile {
  const [input, output] = label.split('→');
  return { label, input, output, layers: { 'fwd.h': neurons.map((n, i) => ({ neuron: n, corrected: 0.9 - i * 0.1 })) } };
}

function acc(char: number) {
  return { charAccuracy: char, wordAccuracy: char - 10, sentenceAccuracy: char - 40, sentences: 10, chars: 100, words: 20 };
}

function run(name: string, char: number, pairs: PairFile[], claims: [string, boolean][]): RunArtifacts {
  return {
    name,
    eval: {
      schemaVersion: 1,
      test: acc(char),
      byClass: { lower: { words: 20, wordAccuracy: char }, capitalized: { words: 0, wordAccuracy: 100 }, allcaps: { words: 0, wordAccuracy: 100 }, latin: { words: 0, wordAccuracy: 100 } },
      mixedScriptWords: { count: 0, share: 0 },
      errorTypes: [],
      baseline: { method: 'rules', test: acc(90) },
      alignedAccuracy: char,
      confusion: [],
      examples: [],
      mistakes: [],
    },
    trainLog: null,
    layers: null,
    claims: { claims: claims.map(([id, pass]) => ({ id, statement: id, pass, figures: {}, test: { statistic: 's', value: null, interval: null, pValue: null } })) },
    pairs: new Map(pairs.map((p) => [p.label, p])),
  };
}

describe('compareRuns', () => {
  const a = run('a', 98, [pair('t→ծ', [1, 2, 3]), pair('s→_', [4, 5, 6])], [['x', true], ['y', false]]);
  const b = run('b', 99.5, [pair('t→ծ', [1, 2, 3]), pair('h→_', [7, 8, 9])], [['x', false], ['y', false]]);
  const d = compareRuns(a, b);

  it('reports accuracy deltas', () => {
    expect(d.accuracy['model.charAccuracy'].delta).toBeCloseTo(1.5);
    expect(d.accuracy['baseline.charAccuracy'].delta).toBe(0);
  });

  it('lists pairs added and removed', () => {
    expect(d.pairs).toEqual({ added: ['h→_'], removed: ['s→_'], common: 1 });
  });

  it('lists only pair×layer whose top neurons changed', () => {
    expect(d.topNeurons).toEqual([]);
    const c = run('c', 98, [pair('t→ծ', [3, 9, 1])], []);
    const changes = compareRuns(a, c).topNeurons;
    expect(changes).toHaveLength(1);
    expect(changes[0].overlap).toBeCloseTo(2 / 3);
  });

  it('finds flipped claims and prints them', () => {
    expect(d.claims.flipped).toEqual([{ id: 'x', statement: 'x', a: true, b: false }]);
    const text = formatDiff(d);
    expect(text).toContain('x: pass → fail');
    expect(text).toContain('+1.50');
  });
});

describe('selectivitySpread', () => {
  it('takes each neuron’s best distance over pairs and summarises the layer', async () => {
    const { selectivitySpread } = await import('../../pipeline/diff/compare.ts');
    // Pair 1: neurons 1,2,3 at 0.9, 0.8, 0.7; pair 2: neurons 4,5,6 at 0.9, 0.8, 0.7; plus neuron 1 low in pair 2.
    const a = pair('t→ծ', [1, 2, 3]);
    const b = pair('s→_', [4, 5, 6]);
    b.layers['fwd.h'].push({ neuron: 1, corrected: 0.1 });
    const [spread] = selectivitySpread(new Map([['a', a], ['b', b]]));
    expect(spread.layer).toBe('fwd.h');
    expect(spread.neurons).toBe(6);
    expect(spread.medianBest).toBeCloseTo(0.8);
    expect(spread.shareAbove05).toBe(1);
    expect(spread.shareAbove07).toBeCloseTo(1);
    b.layers['fwd.h'] = [{ neuron: 4, corrected: 0.3 }, { neuron: 5, corrected: 0.2 }, { neuron: 6, corrected: 0.6 }];
    const [low] = selectivitySpread(new Map([['a', a], ['b', b]]));
    // corrected is on the squared scale: the thresholds are 0.5² and 0.7² (0.3, 0.6, 0.7, 0.8, 0.9 ≥ 0.25).
    expect(low.shareAbove05).toBeCloseTo(5 / 6);
    expect(low.shareAbove07).toBeCloseTo(4 / 6);
  });
});

describe('top-neuron overlap through unit matching', () => {
  it('counts a permuted run’s top units as the same units', async () => {
    const { Rng } = await import('../../pipeline/lib/rng.ts');
    const rng = new Rng(9, 'sig');
    const U = 4;
    const T = 300;
    const units = Array.from({ length: 2 * U }, () => Int8Array.from({ length: T }, () => Math.round(127 * Math.tanh(rng.normal())) | 0));
    // B's fwd unit j is A's fwd unit (j + 1) % U; bwd units unchanged.
    const perm = [1, 2, 3, 0, 4, 5, 6, 7];
    const sig = (rows: Int8Array[]) => {
      const q = new Int8Array(rows.length * T);
      rows.forEach((r, j) => q.set(r, j * T));
      return { schemaVersion: 1, probe: { file: 'p', sentences: 1, steps: T }, layer: 'concat', units: rows.length, activations: Buffer.from(q.buffer).toString('base64') };
    };
    const a = run('a', 98, [pair('t→ծ', [1, 2, 3])], []);
    const b = run('b', 98, [pair('t→ծ', [0, 1, 2])], []);
    a.signature = sig(units);
    b.signature = sig(perm.map((k) => units[k]));
    a.units = { schemaVersion: 1, units: [{ name: 'tyun-cell', layer: 'fwd.h', neuron: 3, score: 0.5 }], named: [], patternSpecificity: null };
    b.units = { schemaVersion: 1, units: [{ name: 'tyun-cell', layer: 'fwd.h', neuron: 2, score: 0.5 }], named: [], patternSpecificity: null };
    const d = compareRuns(a, b, 3);
    const t = d.topNeurons.find((x) => x.pair === 't→ծ');
    // Same top units once matched: no change row at all (overlap 1, same best); raw indices overlap only 2 of 3.
    expect(t).toBeUndefined();
    expect(d.matching).toMatchObject({ units: 8, counterparts: 8 });
    expect(d.namedUnits[0]).toMatchObject({ name: 'tyun-cell', partner: { neuron: 2 }, counterpart: { neuron: 2 }, same: true });
    b.signature = null;
    expect(compareRuns(a, b, 3).topNeurons.find((x) => x.pair === 't→ծ')).toMatchObject({ overlap: 2 / 3, matched: false });
  });
});

describe('seeds summary', () => {
  it('counts in how many runs each claim holds and spreads its statistic', async () => {
    const { seedsSummary } = await import('../../pipeline/diff/seeds.ts');
    const runs = [run('s1', 98, [], [['x', true]]), run('s2', 99, [], [['x', false]]), run('s3', 97, [], [['x', true]])];
    runs.forEach((r, i) => (r.claims!.claims[0].test.value = 0.1 * (i + 1)));
    const s = seedsSummary(runs);
    expect(s.claims[0]).toMatchObject({ id: 'x', holds: 2, runs: 3, pass: [true, false, true] });
    expect(s.claims[0].spread!.mean).toBeCloseTo(0.2);
    expect(s.claims[0].spread!.sd).toBeCloseTo(0.1);
    expect(s.figures.charAccuracy.spread).toMatchObject({ min: 97, max: 99 });
  });
});
