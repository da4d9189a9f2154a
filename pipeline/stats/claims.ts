/**
 * The post's claims as tests that can fail, checked on this run (issue 13): `artifacts/<run>/claims.json` =
 * `{ "claims": [ { id, statement, pass, figures, test: { statistic, value, interval, pValue, … }, kind } ] }`
 * (schema `ClaimsFile` in lib/schemas/analyses.ts). Every selectivity claim is on the bias-corrected measure and is
 * selection-aware: the top neurons are chosen on half A of the sentences and measured on half B, and intervals come
 * from half-samples of B's sentences (intervals.ts). A claim that cannot be checked (its pair was not analysed, a
 * layer is missing…) is kept with `pass: false`, `figures.reason` and a test of nulls.
 *
 * Exported for pipeline/stats/analyse.ts: `buildClaims(inputs)`, the single checks, `untestedClaim`,
 * `CLAIM_INTERVAL_TARGETS` (which pairs × layers need replicates), `meanTop`.
 */
import type { Claim, ClaimTest } from '../lib/schemas/analyses.ts';
import type { PairLayerScores, TopIntervals } from './analysis-run.ts';
import { basicInterval, combineReplicates } from './intervals.ts';
import type { NamedUnit, PatternSpecificity } from './pattern-specificity.ts';
import { pairedSignFlip } from './paired-test.ts';

/** Selectivity of one analysed pair: per layer, every neuron's scores; per claim layer, the top neurons' replicates. */
export interface PairSelectivity {
  input: string;
  output: string;
  /** `post` (default) or `copy` (pairs.ts). */
  section?: 'post' | 'copy';
  layers: Record<string, PairLayerScores>;
  intervals?: Record<string, TopIntervals>;
}

export interface ClaimInputs {
  selectivity: PairSelectivity[];
  /** The pattern-cell test (pattern-specificity.ts), null when no pattern was analysed. */
  pattern?: PatternSpecificity | null;
  /** This run's counterpart of the post's neuron #70 (profile.ts), null when concat was not captured. */
  neuron70?: NamedUnit | null;
  /** The model's transliteration of TRANSLIT_EXAMPLE.input, or null when no model was available. */
  translit?: string | null;
  /** Neurons averaged per layer (default 10, as in the post). */
  top?: number;
  level?: number;
}

export const TRANSLIT_EXAMPLE = { input: 'es sirum em Deep Learning', expected: 'ես սիրում եմ Deep Learning' };

/** The recurrent gate rows compared by the gate claims (c included; h is the neuron itself). */
export const GATES = ['i', 'f', 'o', 'g', 'c', 'z', 'r'];

/** Pairs × layers whose chosen top neurons get half-sample replicates for the claims below. */
export const CLAIM_INTERVAL_TARGETS: Record<string, string[]> = {
  't→ծ': ['fwd.h', 'bwd.h', 'concat', ...GATES.flatMap((g) => [`fwd.${g}`, `bwd.${g}`])],
  's→_': ['fwd.h', 'bwd.h', 'concat'],
};

/** A test that could not be computed (the claim then fails, and `figures.reason` says why). */
export function untestedClaim(statistic: string): ClaimTest {
  return { statistic, value: null, interval: null, pValue: null };
}

/** Mean of the k largest finite values (all of them if fewer). */
export function meanTop(values: ArrayLike<number>, k: number): number {
  const v = Array.from(values).filter(Number.isFinite).sort((a, b) => b - a).slice(0, k);
  return v.length ? v.reduce((s, x) => s + x, 0) / v.length : 0;
}

const fmtPair = (input: string, output: string) => `${input} → ${output}`;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Held-out mean of a layer's chosen top neurons and its replicates (null when the layer has no intervals). */
function heldOutMean(p: PairSelectivity, layer: string, half?: 'fwd' | 'bwd'): { value: number; reps: Float64Array } | null {
  const iv = p.intervals?.[layer];
  if (!iv || iv.neurons.length === 0) return null;
  const idx = iv.neurons.map((_, k) => k);
  // concat's halves: fwd units are 0..U−1 (chosen among all of concat's top, kept by direction).
  const U = (p.layers[layer]?.corrected.length ?? 0) / 2;
  const keep = half ? idx.filter((k) => (half === 'fwd' ? iv.neurons[k] < U : iv.neurons[k] >= U)) : idx;
  if (keep.length === 0) return null;
  const w = keep.map(() => 1 / keep.length);
  return { value: mean(keep.map((k) => iv.estimates[k])), reps: combineReplicates(keep.map((k) => iv.replicates[k]), w) };
}

function directionMeans(p: PairSelectivity): { layer: string; fwd: ReturnType<typeof heldOutMean>; bwd: ReturnType<typeof heldOutMean> } | null {
  if (p.intervals?.['fwd.h'] && p.intervals?.['bwd.h'])
    return { layer: 'fwd.h vs bwd.h', fwd: heldOutMean(p, 'fwd.h'), bwd: heldOutMean(p, 'bwd.h') };
  if (p.intervals?.concat) return { layer: 'concat halves', fwd: heldOutMean(p, 'concat', 'fwd'), bwd: heldOutMean(p, 'concat', 'bwd') };
  return null;
}

/** "For input → output, the `winner` direction's top neurons are more selective than the other's." */
export function directionClaim(
  sel: PairSelectivity[],
  id: string,
  input: string,
  output: string,
  winner: 'fwd' | 'bwd',
  top = 10,
  level = 0.9,
): Claim {
  const names = { fwd: 'forward', bwd: 'backward' };
  const loser = winner === 'fwd' ? 'bwd' : 'fwd';
  const statement =
    `For ${fmtPair(input, output)}, the ${names[winner]} LSTM's top-${top} neurons are more selective than the ` +
    `${names[loser]} LSTM's (bias-corrected selectivity; top neurons chosen on half of the sentences, measured on the other half).`;
  const statistic = `${winner} − ${loser}: mean held-out corrected selectivity of the top ${top}`;
  const pair = sel.find((p) => p.input === input && p.output === output);
  if (!pair) {
    const analysed = sel.filter((p) => p.input === input).map((p) => p.output);
    const reason = `pair ${fmtPair(input, output)} was not analysed on this corpus (too few samples, absent, or analysed as its mirror)`;
    return { id, statement, pass: false, figures: { reason, analysedOutputsOfInput: analysed.join(' ') }, test: untestedClaim(statistic), kind: 'post' };
  }
  const d = directionMeans(pair);
  if (!d || !d.fwd || !d.bwd)
    return { id, statement, pass: false, figures: { reason: 'no fwd.h/bwd.h or concat intervals computed' }, test: untestedClaim(statistic), kind: 'post' };
  const [w, l] = winner === 'fwd' ? [d.fwd, d.bwd] : [d.bwd, d.fwd];
  const iv = basicInterval(w.value - l.value, combineReplicates([w.reps, l.reps], [1, -1]), level);
  const raw = (dir: 'fwd' | 'bwd') => meanTop(pair.layers[`${dir}.h`]?.distance ?? [], top);
  return {
    id,
    statement,
    pass: iv.low > 0,
    figures: {
      layer: d.layer,
      fwdHeldOut: d.fwd.value,
      bwdHeldOut: d.bwd.value,
      fwdMeanTopRaw: raw('fwd'),
      bwdMeanTopRaw: raw('bwd'),
      fwdMeanTopCorrected: meanTop(pair.layers['fwd.h']?.corrected ?? [], top),
      bwdMeanTopCorrected: meanTop(pair.layers['bwd.h']?.corrected ?? [], top),
      top,
    },
    test: {
      statistic,
      value: iv.estimate,
      interval: [iv.low, iv.high],
      pValue: iv.pValue,
      level,
      null: `the ${names[winner]} LSTM's top neurons are not more selective (difference ≤ 0)`,
      method: 'half-sampling of half B\'s sentences, basic interval; p by inverting it',
    },
    kind: 'post',
  };
}

/** Per gate type: a pair's held-out mean top corrected selectivity, averaged over both directions. */
function gateScore(p: PairSelectivity, g: string, top: number): number | null {
  const vals: number[] = [];
  for (const dir of ['fwd', 'bwd']) {
    const s = p.layers[`${dir}.${g}`];
    if (!s) continue;
    const order = Array.from(s.correctedA, (_, j) => j).sort((a, b) => s.correctedA[b] - s.correctedA[a] || a - b);
    vals.push(mean(order.slice(0, top).map((j) => s.correctedB[j])));
  }
  return vals.length ? mean(vals) : null;
}

/**
 * Which gate type is most selective, pooled over the independent post-section pairs (mirror pairs are analysed
 * once, Latin copies are excluded): a paired test of the winner against the runner-up over pairs.
 */
export function gatePooledClaim(sel: PairSelectivity[], top = 10, level = 0.9): Claim {
  const id = 'gate-pooled';
  const pairs = sel.filter((p) => (p.section ?? 'post') === 'post');
  const gates = GATES.filter((g) => pairs.some((p) => gateScore(p, g, top) !== null));
  const statement =
    `Pooled over the analysed pairs of the post's kind (each split once), one gate type's neurons are the most ` +
    `selective (held-out corrected selectivity of the top ${top}, both directions): the winner beats the runner-up in a ` +
    `paired test over pairs. The post says: cell inputs (g).`;
  const statistic = 'mean over pairs of (winner − runner-up) held-out corrected selectivity';
  if (pairs.length < 2 || gates.length < 2)
    return { id, statement, pass: false, figures: { reason: 'fewer than two pairs or gate types' }, test: untestedClaim(statistic), kind: 'robustness' };
  const scores = new Map(gates.map((g) => [g, pairs.map((p) => gateScore(p, g, top) ?? NaN)]));
  const ranked = [...gates].sort((a, b) => mean(scores.get(b)!) - mean(scores.get(a)!) || (a < b ? -1 : 1));
  const [winner, runnerUp] = ranked;
  const diffs = pairs.map((_, k) => scores.get(winner)![k] - scores.get(runnerUp)![k]).filter(Number.isFinite);
  const t = pairedSignFlip(diffs, level, `gate/${winner}/${runnerUp}`);
  const figures: Record<string, number | string | boolean> = {
    winner,
    runnerUp,
    pairs: diffs.length,
    winnerWinsPairs: diffs.filter((d) => d > 0).length,
    postGateWins: winner === 'g',
  };
  for (const g of gates) figures[g] = mean(scores.get(g)!);
  return {
    id,
    statement,
    pass: t.interval[0] > 0 && t.pValue < 1 - level,
    figures,
    test: {
      statistic,
      value: t.mean,
      interval: t.interval,
      pValue: t.pValue,
      level,
      null: 'the winner and the runner-up are equally selective (paired differences symmetric about 0)',
      method: 'sign-flip permutation test over pairs (one-sided); t interval of the mean difference',
    },
    kind: 'robustness',
  };
}

/** The post's version: for t→ծ, cell inputs g are the most selective gate row. */
export function gateTcClaim(sel: PairSelectivity[], top = 10, level = 0.9): Claim {
  const id = 'gate-g-most-selective';
  const statement =
    `For t → ծ, cell inputs (g) are the most selective of the gate rows (i, f, o, g, c): g's held-out corrected ` +
    `selectivity of the top ${top}, both directions, is above every other gate type's.`;
  const statistic = `g − best other gate: held-out corrected selectivity of the top ${top} (t → ծ)`;
  const pair = sel.find((p) => p.input === 't' && p.output === 'ծ');
  if (!pair) return { id, statement, pass: false, figures: { reason: 'pair t → ծ was not analysed' }, test: untestedClaim(statistic), kind: 'post' };
  const per = new Map<string, { value: number; reps: Float64Array }>();
  for (const g of GATES) {
    const parts = ['fwd', 'bwd'].map((d) => heldOutMean(pair, `${d}.${g}`)).filter((x) => x !== null);
    if (parts.length === 0) continue;
    const w = parts.map(() => 1 / parts.length);
    per.set(g, { value: mean(parts.map((x) => x.value)), reps: combineReplicates(parts.map((x) => x.reps), w) });
  }
  const g = per.get('g');
  const others = [...per.entries()].filter(([k]) => k !== 'g');
  if (!g || others.length === 0)
    return { id, statement, pass: false, figures: { reason: 'no gate layers captured (GRU/simple RNN?)' }, test: untestedClaim(statistic), kind: 'post' };
  const bestOther = others.sort((a, b) => b[1].value - a[1].value)[0];
  const reps = g.reps.map((x, r) => x - Math.max(...others.map(([, o]) => o.reps[r])));
  const iv = basicInterval(g.value - bestOther[1].value, reps, level);
  const figures: Record<string, number | string> = { bestOther: bestOther[0] };
  for (const [k, v] of per) figures[k] = v.value;
  return {
    id,
    statement,
    pass: iv.low > 0,
    figures,
    test: {
      statistic,
      value: iv.estimate,
      interval: [iv.low, iv.high],
      pValue: iv.pValue,
      level,
      null: 'g is not above the best other gate type',
      method: 'half-sampling of half B\'s sentences, basic interval; p by inverting it',
    },
    kind: 'post',
  };
}

/**
 * A pattern cell for թյուն: one neuron's letter-matched selectivity for the suffix is above every control suffix's
 * best neuron by a margin (interval above `margin`), and that neuron ranks in the top 10 for t → տ (the post's check).
 */
export function patternClaim(p: PatternSpecificity | null | undefined, level = 0.9): Claim {
  const id = 'tyun-cell';
  const statement =
    `A neuron is specific to the suffix "թյուն": its letter-matched selectivity (inside the suffix vs the same input ` +
    `letters elsewhere, |2·AUROC − 1| averaged over the letters) exceeds the best neuron's for every control suffix of ` +
    `similar frequency by more than ${p?.margin ?? 0.05} (interval), and it ranks in the top 10 for t → տ as in the post.`;
  const statistic = 'letter-matched selectivity of the թյուն cell − best control suffix neuron (held-out)';
  if (!p || !p.cell)
    return { id, statement, pass: false, figures: { reason: p?.reason ?? 'no pattern analysed' }, test: untestedClaim(statistic), kind: 'post' };
  const figures: Record<string, number | string | boolean | null> = {
    layer: p.cell.layer,
    neuron: p.cell.neuron,
    cellValue: p.cell.value,
    occurrences: p.occurrences,
    rankForTt: p.rankForTt,
    inTop10ForTt: p.rankForTt !== null && p.rankForTt < 10,
    margin: p.margin,
  };
  for (const c of p.controls) figures[`control ${c.pattern}`] = c.best ? `${c.best.layer} #${c.best.neuron}: ${c.best.value.toFixed(3)} (${c.occurrences}×)` : null;
  const controlsOk = p.controls.filter((c) => c.best).length >= 4;
  if (!controlsOk) figures.reason = 'fewer than 4 control suffixes occur in the captured text';
  return {
    id,
    statement,
    pass: controlsOk && p.test.interval[0] > p.margin && p.rankForTt !== null && p.rankForTt < 10,
    figures,
    test: {
      statistic,
      value: p.test.value,
      interval: p.test.interval,
      pValue: p.test.pValue,
      level,
      null: `the cell is not more than ${p.margin} above the best control neuron`,
      method: 'neurons chosen on half A of the sentences, measured on half B; half-samples of B, basic interval',
    },
    kind: 'post',
  };
}

/** The post's neuron #70 (s→_, h→հ, h→_, o→օ): this run's best-matching unit and how specific its profile is. */
export function neuron70Claim(u: NamedUnit | null | undefined, level = 0.9): Claim {
  const id = 'neuron-70';
  const statement =
    'The post\'s neuron #70 has a counterpart: a unit whose most selective pairs are s → _, h → հ, h → _ and o → օ ' +
    '(chosen on half of the sentences; on the other half its mean corrected selectivity on those pairs exceeds its ' +
    'mean on the other pairs).';
  const statistic = 'held-out mean corrected selectivity on the profile pairs − on the other post pairs';
  if (!u) return { id, statement, pass: false, figures: { reason: 'concat not captured or profile pairs not analysed' }, test: untestedClaim(statistic), kind: 'post' };
  return {
    id,
    statement,
    pass: u.test.interval[0] > 0 && u.topPairsOverlap >= Math.min(3, u.profilePairs.length),
    figures: {
      layer: u.layer,
      neuron: u.neuron,
      direction: u.direction,
      unit: u.unit,
      profilePairs: u.profilePairs.join(' '),
      topPairs: u.topPairs.join(' '),
      topPairsOverlap: u.topPairsOverlap,
    },
    test: { statistic, value: u.test.value, interval: u.test.interval, pValue: u.test.pValue, level, null: 'no more selective on the profile pairs than on the others', method: 'half-sampling of half B\'s sentences, basic interval' },
    kind: 'post',
  };
}

export function translitClaim(got: string | null | undefined): Claim {
  const { input, expected } = TRANSLIT_EXAMPLE;
  const statement = `"${input}" transliterates to "${expected}".`;
  const id = 'translit-example';
  const statistic = 'exact match of the transliteration (1 = equal)';
  if (got === null || got === undefined)
    return { id, statement, pass: false, figures: { input, expected, got: null, reason: 'no transliteration was run' }, test: untestedClaim(statistic), kind: 'post' };
  const norm = got.normalize('NFC');
  const ok = norm === expected.normalize('NFC');
  return { id, statement, pass: ok, figures: { input, expected, got: norm }, test: { statistic, value: ok ? 1 : 0, interval: null, pValue: null }, kind: 'post' };
}

/** Non-finite numbers (nothing to resample) become null, as the JSON would write them anyway. */
function finiteTest(t: ClaimTest): ClaimTest {
  const f = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);
  const iv = t.interval && t.interval.every(Number.isFinite) ? t.interval : null;
  return { ...t, value: f(t.value), interval: iv, pValue: f(t.pValue) };
}

export function buildClaims(x: ClaimInputs): Claim[] {
  const top = x.top ?? 10;
  const level = x.level ?? 0.9;
  const claims = [
    directionClaim(x.selectivity, 'tc-backward', 't', 'ծ', 'bwd', top, level),
    directionClaim(x.selectivity, 's_-forward', 's', '_', 'fwd', top, level),
    gateTcClaim(x.selectivity, top, level),
    gatePooledClaim(x.selectivity, top, level),
    patternClaim(x.pattern, level),
    neuron70Claim(x.neuron70, level),
    translitClaim(x.translit),
  ];
  return claims.map((c) => ({ ...c, test: finiteTest(c.test) }));
}
