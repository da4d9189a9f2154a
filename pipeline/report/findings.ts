/**
 * The findings of one run, selected from its artifacts (pure: parsed artifacts in, the FindingsFile fields out).
 * The home page words these facts; it does not choose them. Every choice here is a rule stated once:
 * - named units come from stats/units.json (stats chose them, held out); here they only gain their ranks per pair;
 * - a pair is decided by LEFT context when the best forward unit is at least CONTEXT_RATIO × the best backward one
 *   (the forward direction has read only what precedes the letter), by RIGHT context in the mirror case, by both
 *   otherwise, and by neither when both sides are below CONTEXT_FLOOR;
 * - claims of stats and ablate are listed together, with the seed study's counts where one exists.
 */
import type { ClaimFinding, ContextPair, FindingsFile, NamedUnitFinding } from '../lib/schemas/findings.ts';

export const CONTEXT_RATIO = 1.5;
/** On the corrected scale 0 = no separation; a best unit below this tells the two outputs apart only faintly. */
export const CONTEXT_FLOOR = 0.05;

export interface PairIn {
  label: string;
  input: string;
  output: string;
  section?: 'post' | 'copy';
}
interface Best {
  max: number;
  neuron: number;
}
export interface LayerIn {
  name: string;
  direction: 'fwd' | 'bwd' | null;
  gate: string;
  /** Per analysed pair (index into `pairs`): the raw best, and the corrected best when stats wrote it. */
  pairs: (Best & { pair: number; corrected?: Best })[];
}
interface TestIn {
  statistic?: string;
  value: number | null;
  interval: [number | null, number | null] | null;
  pValue: number | null;
}
export interface NamedUnitIn {
  name: string;
  layer: string;
  neuron: number;
  direction: 'fwd' | 'bwd' | null;
  unit: number;
  profilePairs: string[];
  topPairs: string[];
  test: TestIn;
}
export interface UnitsIn {
  named: NamedUnitIn[];
  patternSpecificity: {
    pattern: string;
    occurrences: number;
    cell: { layer: string; neuron: number; value: number } | null;
    controls: { pattern: string }[];
    margin: number;
    test: TestIn;
    rankForTt: number | null;
  } | null;
}
export interface ClaimIn {
  id: string;
  statement: string;
  pass: boolean;
  kind?: 'post' | 'robustness' | 'causal';
  test?: TestIn;
}
export interface FindingsInput {
  run: string;
  cell: string;
  pairs: PairIn[];
  layers: LayerIn[];
  /** Neuron order (most selective first) of a layer for a pair label, from stats/pairs/<file>; null when unknown. */
  ranking: (label: string, layer: string) => number[] | null;
  units: UnitsIn | null;
  claims: ClaimIn[] | null;
  ablationClaims: ClaimIn[] | null;
  seeds: { runs: string[]; claims: { id: string; holds: number; runs: number }[] } | null;
  evaluation: {
    test: { charAccuracy: number; wordAccuracy: number; sentenceAccuracy: number };
    baseline: { method?: string; test: { charAccuracy: number; wordAccuracy: number; sentenceAccuracy: number } };
  } | null;
  corpus: {
    sentences: { total: number };
    characters: { total: number };
    natural?: { share: number };
    sources: { name: string; kind: string; natural?: boolean; kept: number; keptChars: number }[];
  } | null;
}

const NETWORK: Record<string, string> = { lstm: 'BiLSTM', gru: 'BiGRU', rnn: 'BiRNN' };
/** The name the pages give a run's network, from its cell type (one rule for every page). */
export function networkName(cell: string): string {
  return NETWORK[cell] ?? `Bi${cell.toUpperCase()}`;
}

function rankOf(input: FindingsInput, label: string, layer: string, neuron: number): number | null {
  const order = input.ranking(label, layer);
  if (!order) return null;
  const i = order.indexOf(neuron);
  return i < 0 ? null : i + 1;
}

function test(t: TestIn | undefined): ClaimFinding['test'] {
  return t ? { statistic: t.statistic, value: t.value, interval: t.interval, pValue: t.pValue } : null;
}

function namedUnits(input: FindingsInput): NamedUnitFinding[] {
  return (input.units?.named ?? []).map((u) => ({
    name: u.name,
    layer: u.layer,
    neuron: u.neuron,
    direction: u.direction ?? (u.layer.startsWith('fwd.') ? 'fwd' : u.layer.startsWith('bwd.') ? 'bwd' : null),
    unit: u.unit,
    profile: u.profilePairs.map((p) => ({ pair: p, rank: rankOf(input, p, u.layer, u.neuron) })),
    top: u.topPairs.map((p) => ({ pair: p, rank: rankOf(input, p, u.layer, u.neuron) })),
    test: test(u.test)!,
  }));
}

function tyun(input: FindingsInput): FindingsFile['tyun'] {
  const p = input.units?.patternSpecificity;
  if (!p?.cell) return null;
  return {
    pattern: p.pattern,
    occurrences: p.occurrences,
    layer: p.cell.layer,
    neuron: p.cell.neuron,
    rankForTt: p.rankForTt,
    margin: p.margin,
    controls: p.controls.map((c) => c.pattern),
    test: test(p.test)!,
  };
}

/** The layers each direction is judged by: its state `h` (what it hands on) when captured, else all of its layers. */
export function contextLayers(layers: LayerIn[]): { fwd: LayerIn[]; bwd: LayerIn[] } {
  const side = (d: 'fwd' | 'bwd') => {
    const all = layers.filter((l) => l.direction === d);
    const h = all.filter((l) => l.gate === 'h');
    return h.length ? h : all;
  };
  return { fwd: side('fwd'), bwd: side('bwd') };
}

export function sideOf(fwd: number | null, bwd: number | null): ContextPair['side'] {
  const f = Math.max(0, fwd ?? 0);
  const b = Math.max(0, bwd ?? 0);
  if (f < CONTEXT_FLOOR && b < CONTEXT_FLOOR) return 'neither';
  if (f >= CONTEXT_RATIO * b) return 'left';
  if (b >= CONTEXT_RATIO * f) return 'right';
  return 'both';
}

function contextPairs(input: FindingsInput, measure: FindingsFile['measure']): ContextPair[] {
  const { fwd, bwd } = contextLayers(input.layers);
  const best = (layers: LayerIn[], k: number) => {
    let out: { layer: string; neuron: number; value: number } | null = null;
    for (const l of layers) {
      const row = l.pairs.find((p) => p.pair === k);
      if (!row) continue;
      const b = measure === 'corrected' ? row.corrected! : row;
      if (!out || b.max > out.value) out = { layer: l.name, neuron: b.neuron, value: b.max };
    }
    return out;
  };
  return input.pairs.flatMap((p, k) => {
    if (p.section === 'copy') return [];
    const f = best(fwd, k);
    const b = best(bwd, k);
    if (!f && !b) return [];
    return [{ label: p.label, input: p.input, output: p.output, fwd: f, bwd: b, side: sideOf(f?.value ?? null, b?.value ?? null) }];
  });
}

function claims(input: FindingsInput): ClaimFinding[] {
  const inStudy = input.seeds?.runs.includes(input.run) ?? false;
  const seedCount = (id: string) => {
    const c = inStudy ? input.seeds!.claims.find((s) => s.id === id) : undefined;
    return c ? { holds: c.holds, runs: c.runs } : null;
  };
  const of = (list: ClaimIn[] | null, source: ClaimFinding['source']): ClaimFinding[] =>
    (list ?? []).map((c) => ({
      id: c.id,
      statement: c.statement,
      pass: c.pass,
      kind: c.kind ?? (source === 'ablation' ? 'causal' : 'post'),
      source,
      test: test(c.test),
      seeds: seedCount(c.id),
    }));
  return [...of(input.claims, 'stats'), ...of(input.ablationClaims, 'ablation')];
}

export function buildFindings(input: FindingsInput): Omit<FindingsFile, 'schemaVersion'> {
  const analysed = input.layers.flatMap((l) => l.pairs);
  const measure = analysed.length > 0 && analysed.every((p) => p.corrected) ? 'corrected' : 'hellinger';
  const { fwd, bwd } = contextLayers(input.layers);
  const ev = input.evaluation;
  const acc = (t: { charAccuracy: number; wordAccuracy: number; sentenceAccuracy: number }) => ({
    char: t.charAccuracy,
    word: t.wordAccuracy,
    sentence: t.sentenceAccuracy,
  });
  const c = input.corpus;
  return {
    run: input.run,
    cell: input.cell,
    network: networkName(input.cell),
    measure,
    units: namedUnits(input),
    tyun: tyun(input),
    context: {
      layers: { fwd: fwd.map((l) => l.name), bwd: bwd.map((l) => l.name) },
      ratio: CONTEXT_RATIO,
      floor: CONTEXT_FLOOR,
      pairs: contextPairs(input, measure),
    },
    claims: claims(input),
    seedRuns: input.seeds && input.seeds.runs.includes(input.run) ? input.seeds.runs : null,
    accuracy: ev ? { model: acc(ev.test), baseline: acc(ev.baseline.test), baselineMethod: ev.baseline.method ?? null } : null,
    corpus: c
      ? {
          sentences: c.sentences.total,
          characters: c.characters.total,
          naturalShare: c.natural?.share ?? null,
          sources: c.sources.map((s) => ({ name: s.name, kind: s.kind, natural: s.natural ?? null, kept: s.kept, keptChars: s.keptChars })),
        }
      : null,
  };
}
