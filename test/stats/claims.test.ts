import { describe, expect, it } from 'vitest';
import { ClaimsFile, type PatternResult } from '../../pipeline/lib/schemas/analyses.ts';
import { buildClaims, meanTop, type PairSelectivity } from '../../pipeline/stats/claims.ts';

const U = 12;
const flat = (v: number, n = U) => Array.from({ length: n }, (_, k) => v + 0.001 * k);

/** A crafted selectivity table: layer name → distances, with chosen levels per layer. */
function pair(input: string, output: string, levels: Record<string, number>): PairSelectivity {
  const layers: Record<string, number[]> = {};
  for (const dir of ['fwd', 'bwd']) for (const g of ['i', 'f', 'o', 'g', 'c', 'h']) layers[`${dir}.${g}`] = flat(levels[`${dir}.${g}`] ?? 0.1);
  layers.concat = [...layers['fwd.h'], ...layers['bwd.h']];
  return { input, output, layers };
}

function tyun(distance: number, p95: number, occurrences = 40): PatternResult {
  const n = { layer: 'bwd.c', neuron: 6, distance, letterMatched: distance, meanInside: 0.9, meanOutside: 0, diff: 0.9, null: { mean: p95 / 2, p95, replicates: 100 } };
  return { name: 'tyun', pattern: 'թյուն', occurrences, insideSteps: 160, outsideSteps: 9000, layers: [], best: [n], samples: [] };
}

const byId = (claims: ReturnType<typeof buildClaims>) => Object.fromEntries(claims.map((c) => [c.id, c]));

describe('claims', () => {
  it('meanTop averages the k largest', () => {
    expect(meanTop([1, 5, 3, 4], 2)).toBe(4.5);
    expect(meanTop([2], 10)).toBe(2);
    expect(meanTop([], 10)).toBe(0);
  });

  it('pass on a table that agrees with the post', () => {
    const sel = [
      pair('t', 'ծ', { 'bwd.h': 0.6, 'fwd.h': 0.2, 'fwd.g': 0.5, 'bwd.g': 0.5 }),
      pair('s', '_', { 'bwd.h': 0.2, 'fwd.h': 0.7, 'fwd.g': 0.4, 'bwd.g': 0.4 }),
    ];
    const c = byId(buildClaims({ selectivity: sel, patterns: [tyun(0.8, 0.1)], translit: 'ես սիրում եմ Deep Learning' }));
    expect(Object.keys(c)).toEqual(['tc-backward', 's_-forward', 'gate-g-most-selective', 'tyun-cell', 'translit-example']);
    expect(Object.values(c).every((x) => x.pass)).toBe(true);
    expect(c['tc-backward'].figures.bwdMeanTop).toBeCloseTo(0.6 + 0.001 * 6.5, 9) // top 10 of offsets 0..11: 2..11;
    expect(c['gate-g-most-selective'].figures).toMatchObject({ mostSelective: 'g', pairs: 2 });
    expect(Object.keys(c['gate-g-most-selective'].figures)).toEqual(expect.arrayContaining(['i', 'f', 'o', 'g', 'c', 'h']));
    expect(ClaimsFile.parse({ claims: Object.values(c) })).toBeTruthy();
  });

  it('fail on a table that contradicts it, and say why when a claim cannot be checked', () => {
    const sel = [pair('t', 'ծ', { 'bwd.h': 0.2, 'fwd.h': 0.6, 'fwd.f': 0.9, 'bwd.f': 0.9 })];
    const c = byId(buildClaims({ selectivity: sel, patterns: [tyun(0.3, 0.25)], translit: 'ես սիրում էմ Deep Learning' }));
    expect(c['tc-backward'].pass).toBe(false);
    expect(c['gate-g-most-selective']).toMatchObject({ pass: false, figures: { mostSelective: 'f' } });
    expect(c['tyun-cell'].pass).toBe(false);
    expect(c['translit-example'].pass).toBe(false);
    expect(c['s_-forward'].pass).toBe(false);
    expect(c['s_-forward'].figures.reason).toMatch(/not analysed/);

    const cellState = [pair('t', 'ծ', { 'fwd.g': 0.5, 'bwd.g': 0.5, 'fwd.c': 0.8, 'bwd.c': 0.8 })];
    expect(byId(buildClaims({ selectivity: cellState }))['gate-g-most-selective']).toMatchObject({ pass: false, figures: { mostSelective: 'c' } });

    const none = byId(buildClaims({ selectivity: [], translit: null }));
    expect(Object.values(none).every((x) => !x.pass && typeof x.figures.reason === 'string')).toBe(true);
    // A strong distance that the shuffled null also reaches is not a pattern cell.
    expect(byId(buildClaims({ selectivity: [], patterns: [tyun(0.8, 0.5)] }))['tyun-cell'].pass).toBe(false);
    expect(byId(buildClaims({ selectivity: [], patterns: [tyun(0.8, 0.1, 0)] }))['tyun-cell'].figures.reason).toMatch(/no occurrence/);
  });

  it('falls back to concat halves when fwd.h/bwd.h are absent', () => {
    const p = pair('t', 'ծ', {});
    p.layers = { concat: [...flat(0.1), ...flat(0.5)] };
    const c = byId(buildClaims({ selectivity: [p] }));
    expect(c['tc-backward']).toMatchObject({ pass: true, figures: { layer: 'concat halves' } });
  });
});
