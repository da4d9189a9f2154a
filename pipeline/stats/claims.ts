/**
 * The post's claims, checked on this run (the post's "Statistics 6"): `artifacts/<run>/claims.json` =
 * `{ "claims": [ { "id", "statement", "pass", "figures" } ] }` (schema `ClaimsFile` in lib/schemas/analyses.ts;
 * the key names are relied on by other tools). A claim that cannot be checked on this corpus (its pair was not
 * analysed, a layer is missing, no pattern occurrence…) is kept with `pass: false` and `figures.reason`.
 *
 * Exported for pipeline/stats/stage.ts:
 * - `buildClaims(inputs: ClaimInputs)` → `Claim[]` (wrap as `{ claims }` and write with writeArtifact);
 * - the single checks `directionClaim`, `gateClaim`, `patternClaim`, `translitClaim`, and `meanTop(values, k)`.
 * The transliteration claim takes the model's output as an argument (the stage calls `transliterate` from
 * pipeline/train/translit.ts), so this module does not load a model.
 */
import type { Claim, ClaimTest, PatternResult } from '../lib/schemas/analyses.ts';

/** A claim before its test is attached (the interim checks below are being moved onto tests). */
type DraftClaim = Omit<Claim, 'test'>;

/** A test that could not be computed (the claim then fails, and `figures.reason` says why). */
export function untestedClaim(statistic: string): ClaimTest {
  return { statistic, value: null, interval: null, pValue: null };
}

/** Selectivity of one analysed pair: per layer (names of docs/CONTRACTS.md), the distance of every neuron. */
export interface PairSelectivity {
  input: string;
  output: string;
  layers: Record<string, ArrayLike<number>>;
}

export interface ClaimInputs {
  selectivity: PairSelectivity[];
  /** Results of assemblePattern; the tyun claim looks for the one named `tyunPattern` (default "tyun"). */
  patterns?: PatternResult[];
  /** The model's transliteration of TRANSLIT_EXAMPLE.input, or null when no model was available. */
  translit?: string | null;
  /** Neurons averaged per layer (default 10, as in the post). */
  top?: number;
  /** Distance a pattern neuron must reach to count as a pattern cell (default 0.5). */
  patternThreshold?: number;
  tyunPattern?: string;
}

export const TRANSLIT_EXAMPLE = { input: 'es sirum em Deep Learning', expected: 'ես սիրում եմ Deep Learning' };

/** Mean of the k largest finite values (all of them if fewer). */
export function meanTop(values: ArrayLike<number>, k: number): number {
  const v = Array.from(values).filter(Number.isFinite).sort((a, b) => b - a).slice(0, k);
  return v.length ? v.reduce((s, x) => s + x, 0) / v.length : 0;
}

/** fwd/bwd halves for a pair: the LSTM states fwd.h / bwd.h if captured, else the two halves of concat. */
function directionHalves(p: PairSelectivity): { layer: string; fwd: ArrayLike<number>; bwd: ArrayLike<number> } | null {
  if (p.layers['fwd.h'] && p.layers['bwd.h']) return { layer: 'fwd.h vs bwd.h', fwd: p.layers['fwd.h'], bwd: p.layers['bwd.h'] };
  const c = p.layers.concat;
  if (!c) return null;
  const arr = Array.from(c);
  return { layer: 'concat halves', fwd: arr.slice(0, arr.length / 2), bwd: arr.slice(arr.length / 2) };
}

const fmtPair = (input: string, output: string) => `${input} → ${output}`;

/** "For input → output, the `winner` direction's top neurons are more selective than the other's." */
export function directionClaim(
  sel: PairSelectivity[],
  id: string,
  input: string,
  output: string,
  winner: 'fwd' | 'bwd',
  top = 10,
): DraftClaim {
  const names = { fwd: 'forward', bwd: 'backward' };
  const loser = winner === 'fwd' ? 'bwd' : 'fwd';
  const statement =
    `For ${fmtPair(input, output)}, the ${names[winner]} LSTM's top-${top} neurons are more selective than the ` +
    `${names[loser]} LSTM's (mean of the ${top} largest Hellinger distances).`;
  const pair = sel.find((p) => p.input === input && p.output === output);
  if (!pair) {
    const analysed = sel.filter((p) => p.input === input).map((p) => p.output);
    const reason = `pair ${fmtPair(input, output)} was not analysed on this corpus (too few samples or absent)`;
    return { id, statement, pass: false, figures: { reason, analysedOutputsOfInput: analysed.join(' ') } };
  }
  const halves = directionHalves(pair);
  if (!halves) return { id, statement, pass: false, figures: { reason: 'no fwd.h/bwd.h or concat distances captured' } };
  const fwd = meanTop(halves.fwd, top);
  const bwd = meanTop(halves.bwd, top);
  const figures = { layer: halves.layer, fwdMeanTop: fwd, bwdMeanTop: bwd, top };
  return { id, statement, pass: winner === 'bwd' ? bwd > fwd : fwd > bwd, figures };
}

/** The gate rows under a neuron in the post's diagrams (c included); h is the neuron itself. */
const GATES = ['i', 'f', 'o', 'g', 'c', 'z', 'r'];

/** Which gate type is most selective: mean over pairs and both directions of the mean top-k distance per gate. */
export function gateClaim(sel: PairSelectivity[], top = 10): DraftClaim {
  const id = 'gate-g-most-selective';
  const statement =
    `Cell inputs (g) are the most selective of the gate rows: averaged over all analysed pairs and both directions, ` +
    `the mean of the ${top} largest Hellinger distances is higher for g than for the input, forget and output gates ` +
    `and the cell state (i, f, o, c; z, r for a GRU). The output h is shown for reference.`;
  const figures: Record<string, number | string> = {};
  const score = (g: string): number | null => {
    const vals: number[] = [];
    for (const p of sel)
      for (const dir of ['fwd', 'bwd']) {
        const d = p.layers[`${dir}.${g}`];
        if (d) vals.push(meanTop(d, top));
      }
    return vals.length ? vals.reduce((s, x) => s + x, 0) / vals.length : null;
  };
  let best = '';
  for (const g of [...GATES, 'h']) {
    const s = score(g);
    if (s === null) continue;
    figures[g] = s;
    if (GATES.includes(g) && (best === '' || s > (figures[best] as number))) best = g;
  }
  if (sel.length === 0) return { id, statement, pass: false, figures: { reason: 'no pair was analysed' } };
  if (best === '') return { id, statement, pass: false, figures: { ...figures, reason: 'no gate layers captured (simple RNN?)' } };
  return { id, statement, pass: best === 'g', figures: { ...figures, mostSelective: best, pairs: sel.length } };
}

/** A pattern cell exists: some neuron's inside/outside distance ≥ threshold and ≥ 2× its shuffled-label 95th pct. */
export function patternClaim(patterns: PatternResult[], name = 'tyun', threshold = 0.5): DraftClaim {
  const id = `${name}-cell`;
  const p = patterns.find((x) => x.name === name);
  const statement =
    `A neuron is selective for the "${p?.pattern ?? name}" pattern: its Hellinger distance between activations inside ` +
    `and outside the pattern is at least ${threshold}, and at least twice the 95th percentile of the same distance ` +
    `under shuffled inside/outside labels. Alongside: letterMatched (the distance against the same letters outside ` +
    `the pattern, low for a neuron that only detects the pattern's letters) and effect (standardized mean ` +
    `difference: large when the neuron visibly fires inside, not only has concentrated values there).`;
  if (!p) return { id, statement, pass: false, figures: { reason: `pattern "${name}" was not analysed (stats.patterns)`, threshold } };
  if (p.occurrences === 0)
    return { id, statement, pass: false, figures: { reason: `no occurrence of "${p.pattern}" in the captured text`, threshold } };
  const withNull = p.best.filter((n) => n.null);
  const b = withNull[0] ?? p.best[0];
  if (!b) return { id, statement, pass: false, figures: { reason: 'no neuron was ranked', threshold } };
  const e = p.bestByEffect?.[0];
  const pass = withNull.some((n) => n.distance >= threshold && n.distance >= 2 * n.null!.p95);
  return {
    id,
    statement,
    pass,
    figures: {
      layer: b.layer,
      neuron: b.neuron,
      distance: b.distance,
      letterMatched: b.letterMatched ?? null,
      diff: b.diff,
      effect: b.effect ?? null,
      strongestEffect: e ? `${e.layer} #${e.neuron}` : null,
      strongestEffectValue: e?.effect ?? null,
      strongestEffectDistance: e?.distance ?? null,
      nullMean: b.null?.mean ?? null,
      nullP95: b.null?.p95 ?? null,
      threshold,
      occurrences: p.occurrences,
    },
  };
}

export function translitClaim(got: string | null | undefined): DraftClaim {
  const { input, expected } = TRANSLIT_EXAMPLE;
  const statement = `"${input}" transliterates to "${expected}".`;
  const id = 'translit-example';
  if (got === null || got === undefined)
    return { id, statement, pass: false, figures: { input, expected, got: null, reason: 'no transliteration was run' } };
  const norm = got.normalize('NFC');
  return { id, statement, pass: norm === expected.normalize('NFC'), figures: { input, expected, got: norm } };
}

export function buildClaims(x: ClaimInputs): Claim[] {
  const top = x.top ?? 10;
  const drafts: DraftClaim[] = [
    directionClaim(x.selectivity, 'tc-backward', 't', 'ծ', 'bwd', top),
    directionClaim(x.selectivity, 's_-forward', 's', '_', 'fwd', top),
    gateClaim(x.selectivity, top),
    patternClaim(x.patterns ?? [], x.tyunPattern ?? 'tyun', x.patternThreshold ?? 0.5),
    translitClaim(x.translit),
  ];
  return drafts.map((c) => ({ ...c, test: untestedClaim('not yet tested') }));
}
