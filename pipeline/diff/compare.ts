/**
 * Compare two runs: what a reader asks after changing a config or a seed. Did accuracy move? Which (input, output)
 * pairs appeared or vanished? Are the same units still the most selective? Which of the post's claims flipped?
 * Unit numbers mean nothing across separately trained models, so the top-neuron overlap maps A's units to their
 * counterparts in B (match.ts: correlation on the fixed probe sentences + one-to-one assignment) when both runs carry
 * a signature; raw index overlap is kept beside it. Selectivity is the bias-corrected measure (`corrected`).
 * Pure: takes loaded artifacts, returns a plain object (printed by cli.ts, drawn by the site's compare page).
 */
import type { Claim } from '../lib/schemas/analyses.ts';
import type { LayersSummary, SignatureFile, UnitsFile } from '../lib/schemas/stats.ts';
import type { Ranked } from '../lib/unit-ranking.ts';
import { counterpart, isCounterpart, MATCH_MIN, matchSignatures, partner, type UnitMatch } from './match.ts';
import type { TrainLog } from '../lib/schemas/train.ts';
import type { EvalFile } from '../lib/schemas/evaluate.ts';

/** A pair (its letter and output) with its full ranking per layer, concat included. */
export interface PairRanking {
  input: string;
  output: string;
  layers: Record<string, Ranked[]>;
}

export interface RunArtifacts {
  name: string;
  eval: EvalFile | null;
  trainLog: TrainLog | null;
  layers: LayersSummary | null;
  claims: { claims: Claim[] } | null;
  /** Per pair label (`t→ծ`), each layer's full ranking (pipeline/lib/unit-ranking.ts rankedLayers of the pair file). */
  pairs: Map<string, PairRanking>;
  /** stats/signature.json and stats/units.json (null for runs analysed before they existed). */
  signature?: SignatureFile | null;
  units?: UnitsFile | null;
}

export interface Delta {
  a: number | null;
  b: number | null;
  delta: number | null;
}

export interface TopChange {
  pair: string;
  layer: string;
  /** Best neurons in each run, best first. */
  topA: number[];
  topB: number[];
  /**
   * Share of A's top-k units whose counterpart (match.ts) is among B's top-k (1 = same set); without a matching
   * (no signatures, or a layer without units: hidden, output) the share of common indices.
   */
  overlap: number;
  /** Share of common neuron indices (what the overlap was before unit matching). */
  rawOverlap: number;
  matched: boolean;
  bestA: number;
  bestB: number;
}

export interface RunDiff {
  a: string;
  b: string;
  accuracy: Record<string, Delta>;
  training: Record<string, { a: string | number | null; b: string | number | null }>;
  pairs: { added: string[]; removed: string[]; common: number };
  /** Per common pair and layer where the top neurons differ, largest change first. */
  topNeurons: TopChange[];
  claims: { flipped: { id: string; statement: string; a: boolean; b: boolean }[]; added: string[]; removed: string[] };
  mostSelectiveGate: { a: string | null; b: string | null };
  /** Unit matching between the runs (null: a run has no signature, or they used different probe sets). */
  matching: { units: number; counterparts: number; meanAbsR: number; minR: number } | null;
  /** A's named units (#70 counterpart, թյուն cell, s/z look-ahead) and their counterparts in B. */
  namedUnits: NamedUnitMatch[];
}

export interface NamedUnitMatch {
  name: string;
  a: { layer: string; neuron: number };
  /**
   * The unit the one-to-one assignment gave A's unit in B, whatever its |r| (null: no matching). Units of separately
   * trained models are only moderately alike, so a weak partner can still be exactly B's own unit of that role.
   */
  partner: { neuron: number; r: number } | null;
  /** The partner when it is close enough to be called a counterpart (|r| ≥ MATCH_MIN), else null. */
  counterpart: { neuron: number; r: number } | null;
  /** B's own unit of that name, and whether it is A's unit's partner. */
  b: { layer: string; neuron: number } | null;
  same: boolean;
}

function unitsOf(sig: SignatureFile | null | undefined): number {
  return sig?.units ?? 0;
}

/** Named units of A and their counterparts in B. */
export function matchNamedUnits(a: RunArtifacts, b: RunArtifacts, m: UnitMatch | null): NamedUnitMatch[] {
  return (a.units?.units ?? []).map((u) => {
    const p = m ? partner(m, u.layer, u.neuron, unitsOf(a.signature), unitsOf(b.signature)) : null;
    const own = b.units?.units.find((x) => x.name === u.name) ?? null;
    const bUnit = own ? { layer: own.layer, neuron: own.neuron } : null;
    const c = p && isCounterpart(p.r) ? p : null;
    return { name: u.name, a: { layer: u.layer, neuron: u.neuron }, partner: p, counterpart: c, b: bUnit, same: !!p && !!own && own.layer === u.layer && own.neuron === p.neuron };
  });
}

function delta(a: number | undefined | null, b: number | undefined | null): Delta {
  const x = a ?? null;
  const y = b ?? null;
  return { a: x, b: y, delta: x !== null && y !== null ? y - x : null };
}

/** `match`: A's units matched to B's, when the caller already has it (e.g. read backwards from B → A). */
export function compareRuns(a: RunArtifacts, b: RunArtifacts, topK = 10, match = matchSignatures(a.signature ?? null, b.signature ?? null)): RunDiff {
  const accuracy: Record<string, Delta> = {};
  for (const metric of ['charAccuracy', 'wordAccuracy', 'sentenceAccuracy'] as const) {
    accuracy[`model.${metric}`] = delta(a.eval?.test[metric], b.eval?.test[metric]);
    accuracy[`baseline.${metric}`] = delta(a.eval?.baseline.test[metric], b.eval?.baseline.test[metric]);
  }
  const training = {
    backend: { a: a.trainLog?.backend ?? null, b: b.trainLog?.backend ?? null },
    cell: { a: a.trainLog?.cell ?? null, b: b.trainLog?.cell ?? null },
    parameters: { a: a.trainLog?.parameterCount ?? null, b: b.trainLog?.parameterCount ?? null },
    epochs: { a: a.trainLog?.epochs.length ?? null, b: b.trainLog?.epochs.length ?? null },
  };

  const labelsA = new Set(a.pairs.keys());
  const labelsB = new Set(b.pairs.keys());
  const added = [...labelsB].filter((l) => !labelsA.has(l)).sort();
  const removed = [...labelsA].filter((l) => !labelsB.has(l)).sort();
  const common = [...labelsA].filter((l) => labelsB.has(l)).sort();

  const topNeurons: TopChange[] = [];
  for (const label of common) {
    const pa = a.pairs.get(label)!;
    const pb = b.pairs.get(label)!;
    for (const layer of Object.keys(pa.layers).sort()) {
      const la = pa.layers[layer];
      const lb = pb.layers[layer];
      if (!lb || la.length === 0 || lb.length === 0) continue;
      const k = Math.min(topK, la.length, lb.length);
      const topA = la.slice(0, k).map((n) => n.neuron);
      const topB = lb.slice(0, k).map((n) => n.neuron);
      const setB = new Set(topB);
      const rawOverlap = topA.filter((n) => setB.has(n)).length / k;
      const hasUnits = match !== null && (layer === 'concat' || /^(fwd|bwd)\./.test(layer));
      const overlap = hasUnits
        ? topA.filter((n) => {
            const c = counterpart(match, layer, n, unitsOf(a.signature), unitsOf(b.signature));
            return c !== null && setB.has(c.neuron);
          }).length / k
        : rawOverlap;
      const bestA = la[0].corrected;
      const bestB = lb[0].corrected;
      if (overlap < 1 || Math.abs(bestA - bestB) > 1e-9)
        topNeurons.push({ pair: label, layer, topA, topB, overlap, rawOverlap, matched: hasUnits, bestA, bestB });
    }
  }
  topNeurons.sort((x, y) => x.overlap - y.overlap || Math.abs(y.bestB - y.bestA) - Math.abs(x.bestB - x.bestA) || x.pair.localeCompare(y.pair) || x.layer.localeCompare(y.layer));

  const claimsA = new Map((a.claims?.claims ?? []).map((c) => [c.id, c]));
  const claimsB = new Map((b.claims?.claims ?? []).map((c) => [c.id, c]));
  const flipped = [...claimsA.values()]
    .filter((c) => claimsB.has(c.id) && claimsB.get(c.id)!.pass !== c.pass)
    .map((c) => ({ id: c.id, statement: c.statement, a: c.pass, b: claimsB.get(c.id)!.pass }));

  return {
    a: a.name,
    b: b.name,
    accuracy,
    training,
    pairs: { added, removed, common: common.length },
    topNeurons,
    claims: {
      flipped,
      added: [...claimsB.keys()].filter((id) => !claimsA.has(id)).sort(),
      removed: [...claimsA.keys()].filter((id) => !claimsB.has(id)).sort(),
    },
    mostSelectiveGate: { a: a.layers?.mostSelectiveGate ?? null, b: b.layers?.mostSelectiveGate ?? null },
    matching: match
      ? {
          units: match.partner.length,
          counterparts: Array.from(match.r).filter(isCounterpart).length,
          meanAbsR: Array.from(match.r).reduce((s, r) => s + Math.abs(r), 0) / Math.max(1, match.r.length),
          minR: Math.min(...Array.from(match.r, Math.abs)),
        }
      : null,
    namedUnits: matchNamedUnits(a, b, match),
  };
}

function num(x: number | null, digits = 2): string {
  return x === null ? '—' : x.toFixed(digits);
}

/** A readable text report of a diff. */
export function formatDiff(d: RunDiff, maxRows = 20): string {
  const out: string[] = [`Comparing ${d.a} (A) → ${d.b} (B)`, '', 'Test accuracy (%)'];
  for (const [k, v] of Object.entries(d.accuracy)) {
    const sign = v.delta === null ? '' : v.delta >= 0 ? '+' : '';
    out.push(`  ${k.padEnd(26)} ${num(v.a).padStart(7)} → ${num(v.b).padStart(7)}   ${sign}${num(v.delta)}`);
  }
  out.push('', 'Training');
  for (const [k, v] of Object.entries(d.training)) out.push(`  ${k.padEnd(26)} ${String(v.a ?? '—')} → ${String(v.b ?? '—')}`);
  out.push('', `Pairs: ${d.pairs.common} in both, ${d.pairs.added.length} added, ${d.pairs.removed.length} removed`);
  if (d.pairs.added.length) out.push(`  added:   ${d.pairs.added.join('  ')}`);
  if (d.pairs.removed.length) out.push(`  removed: ${d.pairs.removed.join('  ')}`);
  out.push('', `Most selective gate type: ${d.mostSelectiveGate.a ?? '—'} → ${d.mostSelectiveGate.b ?? '—'}`);
  out.push(
    '',
    d.matching
      ? `Unit matching on the probe sentences: ${d.matching.counterparts} of ${d.matching.units} A units have a counterpart (|r| ≥ ${MATCH_MIN}), mean |r| ${d.matching.meanAbsR.toFixed(2)}`
      : 'Unit matching: unavailable (a run has no stats/signature.json): overlaps are of raw indices',
  );
  for (const u of d.namedUnits)
    out.push(
      `  ${u.name.padEnd(14)} A ${u.a.layer} #${u.a.neuron} → B ${u.partner ? `#${u.partner.neuron} (r ${u.partner.r.toFixed(2)}${u.counterpart ? ', counterpart' : `, |r| < ${MATCH_MIN}: no counterpart`})` : 'no partner'}` +
        `; B's own: ${u.b ? `${u.b.layer} #${u.b.neuron}` : '—'}${u.same ? ' (the same unit)' : ''}`,
    );
  out.push('', `Top-neuron changes (${d.topNeurons.length} pair×layer with a different top set or best corrected selectivity)`);
  for (const t of d.topNeurons.slice(0, maxRows))
    out.push(
      `  ${t.pair.padEnd(8)} ${t.layer.padEnd(8)} overlap ${(t.overlap * 100).toFixed(0).padStart(3)}%${t.matched ? ' (matched)' : ''}  ` +
        `best ${t.bestA.toFixed(3)} → ${t.bestB.toFixed(3)}  top A [${t.topA.slice(0, 5).join(', ')}] B [${t.topB.slice(0, 5).join(', ')}]`,
    );
  if (d.topNeurons.length > maxRows) out.push(`  … ${d.topNeurons.length - maxRows} more (--json for all)`);
  out.push('', `Claims flipped: ${d.claims.flipped.length}`);
  for (const c of d.claims.flipped) out.push(`  ${c.id}: ${c.a ? 'pass' : 'fail'} → ${c.b ? 'pass' : 'fail'}  (${c.statement})`);
  if (d.claims.added.length) out.push(`  only in B: ${d.claims.added.join(', ')}`);
  if (d.claims.removed.length) out.push(`  only in A: ${d.claims.removed.join(', ')}`);
  return out.join('\n') + '\n';
}

export interface LayerSpread {
  layer: string;
  neurons: number;
  /** Median over the layer's neurons of each neuron's best corrected selectivity over all pairs. */
  medianBest: number;
  /**
   * Share of neurons whose best corrected selectivity reaches 0.5² / 0.7² (corrected is on the squared scale, so
   * these are the post's distance thresholds 0.5 / 0.7): how widely selectivity is spread over the layer (on the
   * raw distance nearly every neuron passed — the bins' bias, issue 13).
   */
  shareAbove05: number;
  shareAbove07: number;
}

/**
 * How selectivity spreads over a layer's neurons: a few specialists (most neurons' best distance low) or a
 * distributed code (most neurons strongly selective for some pair). Comparable across models of different sizes.
 */
export function selectivitySpread(pairs: Map<string, PairRanking>): LayerSpread[] {
  const best = new Map<string, Map<number, number>>();
  for (const p of pairs.values())
    for (const [layer, neurons] of Object.entries(p.layers)) {
      const m = best.get(layer) ?? best.set(layer, new Map()).get(layer)!;
      for (const { neuron, corrected } of neurons) m.set(neuron, Math.max(m.get(neuron) ?? -Infinity, corrected));
    }
  return [...best.entries()].map(([layer, m]) => {
    const values = [...m.values()].sort((x, y) => x - y);
    const n = values.length;
    const median = n % 2 ? values[(n - 1) / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    return {
      layer,
      neurons: n,
      medianBest: median,
      shareAbove05: values.filter((v) => v >= 0.25).length / n,
      shareAbove07: values.filter((v) => v >= 0.49).length / n,
    };
  });
}
