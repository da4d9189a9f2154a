import { describe, expect, it } from 'vitest';
import { CONTEXT_FLOOR, CONTEXT_RATIO, buildFindings, networkName, sideOf, type FindingsInput, type LayerIn } from '../../pipeline/report/findings.ts';
import { FindingsFile } from '../../pipeline/lib/schemas/findings.ts';

/** Three post pairs and a Latin copy; forward decides s→_, backward decides t→ծ, both see h→հ. */
const pairs = [
  { label: 's→_', input: 's', output: '_', section: 'post' as const },
  { label: 't→ծ', input: 't', output: 'ծ', section: 'post' as const },
  { label: 'h→հ', input: 'h', output: 'հ', section: 'post' as const },
  { label: 'a→a', input: 'a', output: 'a', section: 'copy' as const },
];
const row = (pair: number, value: number, neuron: number) => ({ pair, max: value + 0.3, neuron, corrected: { max: value, neuron } });
const layers: LayerIn[] = [
  { name: 'fwd.h', direction: 'fwd', gate: 'h', pairs: [row(0, 0.6, 7), row(1, 0.1, 2), row(2, 0.4, 7), row(3, 0.9, 1)] },
  { name: 'bwd.h', direction: 'bwd', gate: 'h', pairs: [row(0, 0.2, 3), row(1, 0.5, 4), row(2, 0.35, 5), row(3, 0.9, 1)] },
  // A gate with a higher forward value: ignored, the direction is judged by the state it hands on (h).
  { name: 'fwd.i', direction: 'fwd', gate: 'i', pairs: [row(1, 0.99, 0)] },
  { name: 'concat', direction: null, gate: 'concat', pairs: [row(0, 0.6, 7)] },
];
/** concat rankings: unit 7 is first for s→_, third for h→հ, absent from t→ծ's ranking. */
const rankings: Record<string, Record<string, number[]>> = {
  's→_': { concat: [7, 1, 2] },
  'h→հ': { concat: [3, 4, 7] },
  't→ծ': { concat: [4, 3] },
};

function input(over: Partial<FindingsInput> = {}): FindingsInput {
  return {
    run: 'syn',
    cell: 'lstm',
    pairs,
    layers,
    ranking: (label, layer) => rankings[label]?.[layer] ?? null,
    units: {
      named: [
        {
          name: 'neuron-70',
          layer: 'concat',
          neuron: 7,
          direction: 'fwd',
          unit: 7,
          profilePairs: ['s→_', 'h→հ'],
          topPairs: ['s→_', 't→ծ'],
          test: { statistic: 'profile − others', value: 0.3, interval: [0.2, 0.4], pValue: 0.01 },
        },
      ],
      patternSpecificity: {
        pattern: 'թյուն',
        occurrences: 40,
        cell: { layer: 'fwd.c', neuron: 82, value: 0.5 },
        controls: [{ pattern: 'ություն' }, { pattern: 'ական' }],
        margin: 0.2,
        test: { value: 0.2, interval: [0.1, 0.3], pValue: 0.02 },
        rankForTt: 4,
      },
    },
    claims: [{ id: 'tc-backward', statement: 't→ծ is decided backward', pass: true, test: { statistic: 'bwd − fwd', value: 0.4, interval: [0.3, 0.5], pValue: 0.001 } }],
    ablationClaims: [{ id: 'ablate-tc', statement: 'silencing the t→ծ units breaks t→ծ', pass: false }],
    seeds: { runs: ['syn', 'syn-seed2', 'syn-seed3'], claims: [{ id: 'tc-backward', holds: 2, runs: 3 }] },
    evaluation: {
      test: { charAccuracy: 98, wordAccuracy: 90, sentenceAccuracy: 40 },
      baseline: { method: 'rules', test: { charAccuracy: 91, wordAccuracy: 58, sentenceAccuracy: 7 } },
    },
    corpus: {
      sentences: { total: 100 },
      characters: { total: 5000 },
      natural: { share: 0.25 },
      sources: [
        { name: 'udhr', kind: 'embedded', natural: true, kept: 20, keptChars: 1250 },
        { name: 'dictionary-hy', kind: 'embedded', natural: false, kept: 80, keptChars: 3750 },
      ],
    },
    ...over,
  };
}

describe('findings', () => {
  it('validates against the findings schema', () => {
    expect(() => FindingsFile.parse({ schemaVersion: 1, ...buildFindings(input()) })).not.toThrow();
  });

  it('gives each named unit its rank for the pairs that define it and for its own best pairs', () => {
    const [u] = buildFindings(input()).units;
    expect(u).toMatchObject({ name: 'neuron-70', layer: 'concat', neuron: 7, direction: 'fwd', unit: 7 });
    expect(u.profile).toEqual([{ pair: 's→_', rank: 1 }, { pair: 'h→հ', rank: 3 }]);
    expect(u.top).toEqual([{ pair: 's→_', rank: 1 }, { pair: 't→ծ', rank: null }]);
  });

  it('decides each post pair by the side whose best state unit is clearly stronger, and skips Latin copies', () => {
    const f = buildFindings(input());
    expect(f.measure).toBe('corrected');
    expect(f.context.layers).toEqual({ fwd: ['fwd.h'], bwd: ['bwd.h'] });
    expect(f.context.pairs.map((p) => [p.label, p.side])).toEqual([
      ['s→_', 'left'],
      ['t→ծ', 'right'],
      ['h→հ', 'both'],
    ]);
    expect(f.context.pairs[1].bwd).toEqual({ layer: 'bwd.h', neuron: 4, value: 0.5 });
  });

  it('judges a direction by all its layers when its state h is not captured', () => {
    const noH = layers.filter((l) => l.gate !== 'h');
    const f = buildFindings(input({ layers: noH }));
    expect(f.context.layers.fwd).toEqual(['fwd.i']);
    expect(f.context.pairs.map((p) => [p.label, p.side])).toEqual([['t→ծ', 'left']]);
  });

  it('falls back to the raw Hellinger distance when stats wrote no corrected values', () => {
    const raw = layers.map((l) => ({ ...l, pairs: l.pairs.map(({ corrected: _, ...p }) => p) }));
    const f = buildFindings(input({ layers: raw }));
    expect(f.measure).toBe('hellinger');
    expect(f.context.pairs[0].fwd?.value).toBeCloseTo(0.9);
  });

  it('classifies sides by the stated ratio and floor', () => {
    expect(sideOf(CONTEXT_RATIO * 0.2, 0.2)).toBe('left');
    expect(sideOf(0.2, CONTEXT_RATIO * 0.2 + 0.01)).toBe('right');
    expect(sideOf(0.2, 0.25)).toBe('both');
    expect(sideOf(CONTEXT_FLOOR / 2, -0.01)).toBe('neither');
    expect(sideOf(0.3, null)).toBe('left');
  });

  it('lists stats and ablation claims with their tests and the seed counts of this run', () => {
    const f = buildFindings(input());
    expect(f.claims.map((c) => [c.id, c.source, c.kind, c.pass])).toEqual([
      ['tc-backward', 'stats', 'post', true],
      ['ablate-tc', 'ablation', 'causal', false],
    ]);
    expect(f.claims[0].seeds).toEqual({ holds: 2, runs: 3 });
    expect(f.claims[0].test?.interval).toEqual([0.3, 0.5]);
    expect(f.claims[1].test).toBeNull();
    expect(f.seedRuns).toEqual(['syn', 'syn-seed2', 'syn-seed3']);
    // A seed study of other runs says nothing about this one.
    const other = buildFindings(input({ run: 'other' }));
    expect(other.seedRuns).toBeNull();
    expect(other.claims[0].seeds).toBeNull();
  });

  it('says less, without failing, when later artifacts are absent', () => {
    const f = buildFindings(input({ units: null, claims: null, ablationClaims: null, seeds: null, evaluation: null, corpus: null }));
    expect(f.units).toEqual([]);
    expect(f.tyun).toBeNull();
    expect(f.claims).toEqual([]);
    expect(f.accuracy).toBeNull();
    expect(f.corpus).toBeNull();
    expect(f.context.pairs).toHaveLength(3);
  });

  it('carries the թյուն cell, accuracy against the baseline and the corpus make-up', () => {
    const f = buildFindings(input());
    expect(f.tyun).toMatchObject({ layer: 'fwd.c', neuron: 82, rankForTt: 4, controls: ['ություն', 'ական'] });
    expect(f.accuracy).toEqual({ model: { char: 98, word: 90, sentence: 40 }, baseline: { char: 91, word: 58, sentence: 7 }, baselineMethod: 'rules' });
    expect(f.corpus?.naturalShare).toBe(0.25);
    expect(f.corpus?.sources.map((s) => s.natural)).toEqual([true, false]);
  });

  it('names the network by its cell type', () => {
    expect([networkName('lstm'), networkName('gru'), networkName('rnn')]).toEqual(['BiLSTM', 'BiGRU', 'BiRNN']);
    expect(buildFindings(input({ cell: 'gru' })).network).toBe('BiGRU');
  });
});
