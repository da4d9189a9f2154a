import { describe, expect, it } from 'vitest';
import { ClaimsFile } from '../../pipeline/lib/schemas/analyses.ts';
import type { PairLayerScores, TopIntervals } from '../../pipeline/stats/analysis-run.ts';
import { buildClaims, gatePooledClaim, meanTop, type PairSelectivity } from '../../pipeline/stats/claims.ts';
import { pairedSignFlip, tQuantile } from '../../pipeline/stats/paired-test.ts';

const U = 12;
const R = 50;

/** A layer whose every neuron scores `level` (+ a small ramp), the same on both halves. */
function scores(level: number): PairLayerScores {
  const v = Float64Array.from({ length: U }, (_, k) => level + 0.001 * k);
  return { distance: v, corrected: v, auroc: v.map(() => 0.5), correctedA: v, correctedB: v };
}

/** Held-out top neurons at `level` with replicates spread ± `noise` around it. */
function tops(level: number, noise: number, flip = false): TopIntervals {
  const neurons = [11, 10, 9];
  return {
    neurons,
    estimates: neurons.map(() => level),
    replicates: neurons.map(() => Float64Array.from({ length: R }, (_, r) => level + (flip ? -1 : 1) * noise * (r / (R - 1) - 0.5))),
  };
}

function pair(input: string, output: string, levels: Record<string, number>, noise = 0.02): PairSelectivity {
  const layers: Record<string, PairLayerScores> = {};
  const intervals: Record<string, TopIntervals> = {};
  for (const dir of ['fwd', 'bwd'])
    for (const g of ['i', 'f', 'o', 'g', 'c', 'h']) {
      const l = levels[`${dir}.${g}`] ?? 0.1;
      layers[`${dir}.${g}`] = scores(l);
      intervals[`${dir}.${g}`] = tops(l, noise, dir === 'fwd');
    }
  return { input, output, layers, intervals };
}

const byId = (claims: ReturnType<typeof buildClaims>) => Object.fromEntries(claims.map((c) => [c.id, c]));

describe('claims as tests', () => {
  it('meanTop averages the k largest', () => {
    expect(meanTop([1, 5, 3, 4], 2)).toBe(4.5);
    expect(meanTop([], 10)).toBe(0);
  });

  it('direction claims pass only when the interval of the difference lies above 0', () => {
    const clear = [pair('t', 'ծ', { 'bwd.h': 0.6, 'fwd.h': 0.2 }), pair('s', '_', { 'fwd.h': 0.5, 'bwd.h': 0.2 })];
    const c = byId(buildClaims({ selectivity: clear, translit: 'ես սիրում եմ Deep Learning', top: 3 }));
    expect(c['tc-backward'].pass).toBe(true);
    expect(c['tc-backward'].test.value).toBeCloseTo(0.4, 9);
    expect(c['tc-backward'].test.interval![0]).toBeGreaterThan(0);
    expect(c['s_-forward'].pass).toBe(true);
    expect(c['translit-example'].pass).toBe(true);
    expect(ClaimsFile.parse({ claims: Object.values(c) })).toBeTruthy();
    // The same means, but replicates so spread that the interval reaches below 0: not shown.
    const noisy = [pair('t', 'ծ', { 'bwd.h': 0.25, 'fwd.h': 0.2 }, 1)];
    const n = byId(buildClaims({ selectivity: noisy, top: 3 }));
    expect(n['tc-backward'].pass).toBe(false);
    expect(n['tc-backward'].test.interval![0]).toBeLessThan(0);
  });

  it('the post’s gate claim (t → ծ) tests g against the best other gate', () => {
    const g = byId(buildClaims({ selectivity: [pair('t', 'ծ', { 'fwd.g': 0.5, 'bwd.g': 0.5 })], top: 3 }));
    expect(g['gate-g-most-selective']).toMatchObject({ pass: true, figures: { bestOther: expect.any(String) } });
    const c = byId(buildClaims({ selectivity: [pair('t', 'ծ', { 'fwd.g': 0.5, 'bwd.g': 0.5, 'fwd.c': 0.6, 'bwd.c': 0.6 })], top: 3 }));
    expect(c['gate-g-most-selective']).toMatchObject({ pass: false, figures: { bestOther: 'c' } });
  });

  it('the pooled gate claim is a paired test over pairs and reports whichever gate wins', () => {
    const pairs = Array.from({ length: 12 }, (_, k) => pair(String.fromCharCode(97 + k), 'x', { 'fwd.c': 0.3 + 0.01 * (k % 3), 'bwd.c': 0.3, 'fwd.g': 0.25, 'bwd.g': 0.25 }));
    const claim = gatePooledClaim(pairs, 3);
    expect(claim.figures).toMatchObject({ winner: 'c', runnerUp: 'g', postGateWins: false, pairs: 12 });
    expect(claim.pass).toBe(true);
    expect(claim.test.pValue!).toBeLessThan(0.01);
    // Gates that differ in sign from pair to pair: no winner is shown.
    const mixed = Array.from({ length: 12 }, (_, k) => pair(String.fromCharCode(97 + k), 'x', { 'fwd.c': k % 2 ? 0.4 : 0.2, 'fwd.g': k % 2 ? 0.2 : 0.39 }));
    expect(gatePooledClaim(mixed, 3).pass).toBe(false);
    // Latin copy pairs do not count.
    const copies = pairs.map((p) => ({ ...p, section: 'copy' as const }));
    expect(gatePooledClaim(copies, 3).figures.reason).toMatch(/fewer than two/);
  });

  it('keeps uncheckable claims with a reason and an empty test', () => {
    const none = byId(buildClaims({ selectivity: [], translit: null }));
    for (const c of Object.values(none)) {
      expect(c.pass).toBe(false);
      expect(typeof c.figures.reason).toBe('string');
      expect(c.test.value).toBeNull();
    }
  });

  it('paired sign-flip test and t quantiles', () => {
    expect(tQuantile(0.95, 1000)).toBeCloseTo(1.645, 2);
    expect(tQuantile(0.95, 10)).toBeCloseTo(1.812, 2);
    const t = pairedSignFlip([0.1, 0.2, 0.15, 0.12, 0.3, 0.05], 0.9, 'x');
    expect(t.pValue).toBeCloseTo(1 / 64, 9); // only the observed signs reach the observed sum
    expect(t.interval[0]).toBeGreaterThan(0);
  });
});
