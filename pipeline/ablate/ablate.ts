import type { CaptureReader } from '../capture/types.ts';
import type { ModelWeights } from '../capture/model-file.ts';
import type { AblateConfig } from '../lib/config.ts';
import { Rng } from '../lib/rng.ts';
import type {
  AblationIndex,
  AblationLayer,
  AblationMetrics,
  AblationPair,
  AblationPoint,
  SelectivityEffect,
  SpecificityMatrix,
} from '../lib/schemas/ablation.ts';
import { pairFileName } from '../stats/pairs.ts';
import { markPattern } from '../stats/pattern.ts';
import { buildAblationClaims, type ClaimData } from './claims.ts';
import { DenseAblator } from './dense.ts';
import { meanMetrics, metricsOf, spearman } from './metrics.ts';
import { rankUnits, type RankedPairFile, type Ranking } from './ranking.ts';
import { scoreRecurrent, sentenceBounds, type RecurrentTarget } from './recurrent.ts';
import type { StepScore } from './score.ts';
import { pairOrder, randomUnits, take, type PairOrder } from './steps.ts';

/**
 * The ablation over one capture, as JSON-ready objects keyed by their path under `artifacts/<run>/`: for every
 * analysed pair, silence (hold at the baseline) the pair's top-k units, k random other units of the layer, and
 * another pair's top-k, and measure the pair's accuracy; plus the pair × pair specificity, single-unit effects, the
 * pattern cell, and the causal claims. Every size is fixed by the config (no wall-clock cut), every random choice
 * is seeded, so the same capture, rankings and config give the same files.
 */

export interface PatternCell {
  name: string;
  output: string;
  layer: string;
  neuron: number;
}

export interface AblateInputs {
  model: ModelWeights;
  reader: CaptureReader;
  /** Stats pair files, in stats index order. */
  pairs: RankedPairFile[];
  /** The pattern's most selective cell of a direction layer (from stats/patterns.json), if any. */
  pattern: PatternCell | null;
}

export type AblateOptions = AblateConfig & { seed: number };

export const OUTPUTS = { index: 'ablation/index.json', claims: 'ablation/claims.json' } as const;
export const ablationPairPath = (p: { input: string; output: string }): string => `ablation/pairs/${pairFileName(p)}`;

type DenseLayer = 'concat' | 'hidden';
const RECURRENT: Record<string, RecurrentTarget> = {
  'fwd.h': { direction: 'fwd', state: 'h' },
  'bwd.h': { direction: 'bwd', state: 'h' },
  'fwd.c': { direction: 'fwd', state: 'c' },
  'bwd.c': { direction: 'bwd', state: 'c' },
};

function columnMeans(acts: Float32Array, size: number): Float64Array {
  const sum = new Float64Array(size);
  const n = acts.length / size;
  for (let s = 0; s < n; s++) for (let j = 0, o = s * size; j < size; j++) sum[j] += acts[o + j];
  for (let j = 0; j < size; j++) sum[j] /= Math.max(1, n);
  return sum;
}

const split = (scores: StepScore[], nEq: number): [StepScore[], StepScore[]] => [scores.slice(0, nEq), scores.slice(nEq)];

export async function ablate(inputs: AblateInputs, opt: AblateOptions, onProgress?: (what: string) => void): Promise<Map<string, object>> {
  const { model: m, reader, pairs } = inputs;
  const { meta } = reader;
  const u = m.units;
  const sizes = new Map(reader.layers.map((l) => [l.name, l.size]));
  const denseLayers: string[] = opt.denseLayers.filter((l) => sizes.has(l));
  const recurrentLayers: string[] = opt.recurrentLayers.filter((l) => sizes.has(l) && (m.cell === 'lstm' || l.endsWith('.h')));
  const labels = pairs.map((p) => p.label);
  let bounds: ReturnType<typeof sentenceBounds> | undefined;
  const sentences = () => (bounds ??= sentenceBounds(meta.inputId, meta.sentence));

  // ---- steps -------------------------------------------------------------------------------------------------
  const orders: PairOrder[] = pairs.map((p) => pairOrder(meta, p.inputId, p.outputId, opt.seed, p.label));
  const own = orders.map((o) => take(o, opt.steps));
  const cross = orders.map((o) => take(o, opt.crossSteps));
  const recurrentPairs = chooseRecurrentPairs(pairs, opt);
  const recSteps = new Map(recurrentPairs.map((i) => [i, take(orders[i], opt.recurrentSteps)]));
  const patternSteps = inputs.pattern ? chooseSentenceSteps(reader, inputs.pattern, opt) : null;

  // Every step whose captured concat row is needed, once.
  const needed = new Set<number>();
  const addAll = (o: PairOrder) => {
    for (const s of o.eq) needed.add(s);
    for (const s of o.ne) needed.add(s);
  };
  own.forEach(addAll);
  cross.forEach(addAll);
  recSteps.forEach(addAll);
  for (const s of patternSteps?.steps ?? []) needed.add(s);
  const rowSteps = Int32Array.from([...needed].sort((a, b) => a - b));
  const rowOf = new Map<number, number>();
  rowSteps.forEach((s, r) => rowOf.set(s, r));
  const rowsOf = (o: PairOrder) => Int32Array.from([...o.eq, ...o.ne], (s) => rowOf.get(s) as number);

  // ---- captured activations: the rows we score, and the baselines ---------------------------------------------
  onProgress?.('loading concat');
  const concatSize = 2 * u;
  const concatAll = await reader.loadLayer('concat');
  const concat = new Float32Array(rowSteps.length * concatSize);
  rowSteps.forEach((s, r) => concat.set(concatAll.subarray(s * concatSize, (s + 1) * concatSize), r * concatSize));
  const baselines = new Map<string, Float32Array>();
  const baseline = (means: Float64Array) => (opt.baseline === 'mean' ? Float32Array.from(means) : new Float32Array(means.length));
  const concatMeans = columnMeans(concatAll, concatSize);
  baselines.set('concat', baseline(concatMeans));
  baselines.set('fwd.h', baseline(concatMeans.subarray(0, u)));
  baselines.set('bwd.h', baseline(concatMeans.subarray(u)));
  for (const l of [...denseLayers, ...recurrentLayers].filter((l) => !baselines.has(l))) {
    onProgress?.(`loading ${l}`);
    baselines.set(l, baseline(columnMeans(await reader.loadLayer(l), sizes.get(l) as number)));
  }
  const target = Int32Array.from(rowSteps, (s) => meta.targetId[s]);
  const inputId = Int32Array.from(rowSteps, (s) => meta.inputId[s]);
  const dense = new DenseAblator(m, concat, inputId, target);
  const valuesOf = (layer: string, units: readonly number[]) => {
    const b = baselines.get(layer) as Float32Array;
    return units.map((j) => b[j]);
  };

  // ---- rankings and controls -----------------------------------------------------------------------------------
  const allLayers = [...denseLayers, ...recurrentLayers];
  const rankings = pairs.map((p) => new Map(allLayers.map((l) => [l, rankUnits(p, l)])));
  const measure = rankings.flatMap((r) => [...r.values()]).find((r): r is Ranking => r !== null)?.measure ?? 'hellinger';
  const otherPair = pairs.map((p, i) => {
    const candidates = pairs.map((_, j) => j).filter((j) => pairs[j].inputId !== p.inputId);
    const pool = candidates.length ? candidates : pairs.map((_, j) => j).filter((j) => j !== i);
    return pool.length ? new Rng(opt.seed, `ablate:other:${p.label}`).pick(pool) : i;
  });
  const topOf = (pair: number, layer: string, k: number) => (rankings[pair].get(layer)?.units ?? []).slice(0, k);

  const claimData: ClaimData = { labels, dense: new Map(), recurrent: new Map(), pattern: null };

  /** One layer's curve for one pair, scoring with `run` on the pair's eq+ne steps. */
  const curve = (
    i: number,
    layer: string,
    method: 'dense' | 'recurrent',
    stepsUsed: PairOrder,
    run: (units: number[]) => StepScore[],
    intactScores: StepScore[],
    draws: number,
  ): AblationLayer | null => {
    const size = sizes.get(layer) as number;
    const ranking = rankings[i].get(layer);
    if (!ranking) return null;
    const nEq = stepsUsed.eq.length;
    const score = (units: number[]) => {
      const [eq, ne] = split(run(units), nEq);
      return { metrics: metricsOf(eq, ne), eq, ne };
    };
    const points: AblationPoint[] = [];
    const perK = new Map<number, { top: StepScore[]; random: AblationMetrics[]; other: AblationMetrics }>();
    for (const k of [...new Set(opt.ks.map((k) => Math.min(k, size)))].sort((a, b) => a - b)) {
      const top = topOf(i, layer, k);
      const t = score(top);
      const rng = new Rng(opt.seed, `ablate:random:${labels[i]}:${layer}:${k}`);
      const exclude = new Set(top);
      const random = Array.from({ length: draws }, () => score(randomUnits(size, k, exclude, rng)).metrics);
      const other = score(topOf(otherPair[i], layer, k)).metrics;
      const bal = random.map((r) => r.balanced);
      points.push({ k, top: t.metrics, random: { mean: meanMetrics(random), balancedRange: [Math.min(...bal), Math.max(...bal)], draws }, other });
      perK.set(k, { top: [...t.eq, ...t.ne], random, other });
    }
    const [ie, ine] = split(intactScores, nEq);
    const intact = metricsOf(ie, ine);
    const store = method === 'dense' ? claimData.dense : claimData.recurrent;
    store.set(`${i}|${layer}`, { intact, intactSteps: intactScores, nEq, perK });
    return {
      layer,
      method,
      steps: { eq: nEq, ne: stepsUsed.ne.length },
      intact,
      otherPair: otherPair[i],
      topUnits: topOf(i, layer, Math.min(Math.max(...opt.ks), size)),
      points,
    };
  };

  // ---- per pair: dense layers for every pair, direction layers for the chosen ones -----------------------------
  const outputs = new Map<string, object>();
  const pairLayers: string[][] = [];
  for (let i = 0; i < pairs.length; i++) {
    onProgress?.(`pair ${i + 1}/${pairs.length} ${labels[i]}`);
    const layers: AblationLayer[] = [];
    const rows = rowsOf(own[i]);
    const intact = dense.intact(rows);
    for (const layer of denseLayers) {
      const l = curve(i, layer, 'dense', own[i], (units) => dense.score(layer as DenseLayer, units, valuesOf(layer, units), rows), intact, opt.randomDraws);
      if (l) layers.push(l);
    }
    const rec = recSteps.get(i);
    if (rec) {
      const rrows = rowsOf(rec);
      const steps = Int32Array.from([...rec.eq, ...rec.ne]);
      const rconcat = new Float32Array(rrows.length * concatSize);
      rrows.forEach((r, q) => rconcat.set(concat.subarray(r * concatSize, (r + 1) * concatSize), q * concatSize));
      const rtarget = Int32Array.from(rrows, (r) => target[r]);
      const rintact = dense.intact(rrows);
      for (const layer of recurrentLayers) {
        const run = (units: number[]) =>
          scoreRecurrent(m, sentences(), RECURRENT[layer], units, valuesOf(layer, units), steps, rconcat, rtarget);
        const l = curve(i, layer, 'recurrent', rec, run, rintact, opt.recurrentRandomDraws);
        if (l) layers.push(l);
      }
    }
    pairLayers.push(layers.map((l) => l.layer));
    const file: Omit<AblationPair, 'schemaVersion'> = { label: labels[i], input: pairs[i].input, output: pairs[i].output, layers };
    outputs.set(ablationPairPath(pairs[i]), file);
  }

  // ---- specificity and single units (dense layers, on every pair's cross steps) --------------------------------
  const crossRows = cross.map(rowsOf);
  const crossAll = Int32Array.from(crossRows.flatMap((r) => [...r]));
  const crossIntactAll = dense.intact(crossAll);
  const perPair = (scores: StepScore[]) => {
    let at = 0;
    return cross.map((c) => {
      const eq = scores.slice(at, at + c.eq.length);
      const ne = scores.slice(at + c.eq.length, at + c.eq.length + c.ne.length);
      at += c.eq.length + c.ne.length;
      return metricsOf(eq, ne).balanced;
    });
  };
  const crossIntact = perPair(crossIntactAll);
  const specificity: SpecificityMatrix[] = [];
  const selectivityEffect: SelectivityEffect[] = [];
  for (const layer of denseLayers) {
    onProgress?.(`specificity ${layer}`);
    const k = Math.min(opt.specificityK, sizes.get(layer) as number);
    const drop = pairs.map((_, i) => {
      const units = topOf(i, layer, k);
      const b = perPair(dense.score(layer as DenseLayer, units, valuesOf(layer, units), crossAll));
      return b.map((v, q) => crossIntact[q] - v);
    });
    specificity.push({ layer, k, intact: crossIntact, drop });
    onProgress?.(`single units ${layer}`);
    const unitSet = [...new Set(pairs.flatMap((_, i) => topOf(i, layer, opt.singleUnits)))].sort((a, b) => a - b);
    const dropOf = new Map<number, number[]>();
    for (const j of unitSet) {
      const b = perPair(dense.score(layer as DenseLayer, [j], valuesOf(layer, [j]), crossAll));
      dropOf.set(j, b.map((v, q) => crossIntact[q] - v));
    }
    const points = pairs.flatMap((_, i) => {
      const r = rankings[i].get(layer);
      if (!r) return [];
      return r.units.slice(0, opt.singleUnits).map((neuron, q) => ({
        pair: i,
        neuron,
        selectivity: r.selectivity[q],
        drop: (dropOf.get(neuron) as number[])[i],
      }));
    });
    const units = unitSet.map((neuron) => {
      const d = dropOf.get(neuron) as number[];
      const worst = d
        .map((drop, pair) => ({ pair, drop }))
        .filter((x) => x.drop > 0)
        .sort((a, b) => b.drop - a.drop || a.pair - b.pair)
        .slice(0, 5);
      return { neuron, worst };
    });
    selectivityEffect.push({ layer, points, spearman: spearman(points.map((p) => p.selectivity), points.map((p) => p.drop)), units });
  }

  // ---- the pattern cell ----------------------------------------------------------------------------------------
  if (inputs.pattern && patternSteps && RECURRENT[inputs.pattern.layer] && (m.cell === 'lstm' || inputs.pattern.layer.endsWith('.h'))) {
    onProgress?.(`pattern ${inputs.pattern.name}`);
    const p = inputs.pattern;
    const steps = patternSteps.steps;
    const rows = Int32Array.from(steps, (s) => rowOf.get(s) as number);
    const pconcat = new Float32Array(rows.length * concatSize);
    rows.forEach((r, q) => pconcat.set(concat.subarray(r * concatSize, (r + 1) * concatSize), q * concatSize));
    const ptarget = Int32Array.from(rows, (r) => target[r]);
    const layerValues = baselines.get(p.layer) ?? baseline(columnMeans(await reader.loadLayer(p.layer), u));
    const run = (units: number[]) =>
      scoreRecurrent(m, sentences(), RECURRENT[p.layer], units, units.map((j) => layerValues[j]), steps, pconcat, ptarget);
    const rng = new Rng(opt.seed, `ablate:pattern:${p.name}`);
    claimData.pattern = {
      ...p,
      inside: patternSteps.inside,
      sentence: patternSteps.sentence,
      intact: dense.intact(rows),
      silenced: run([p.neuron]),
      random: Array.from({ length: opt.recurrentRandomDraws }, () => run(randomUnits(u, 1, new Set([p.neuron]), rng))),
    };
  }

  onProgress?.('claims');
  const index: Omit<AblationIndex, 'schemaVersion'> = {
    settings: {
      baseline: opt.baseline,
      ks: opt.ks,
      randomDraws: opt.randomDraws,
      recurrentRandomDraws: opt.recurrentRandomDraws,
      steps: opt.steps,
      recurrentSteps: opt.recurrentSteps,
      crossSteps: opt.crossSteps,
      ranking: measure,
    },
    layers: allLayers.map((name) => ({ name, size: sizes.get(name) as number, method: denseLayers.includes(name) ? 'dense' : 'recurrent' })),
    pairs: pairs.map((p, i) => ({ label: p.label, input: p.input, output: p.output, file: pairFileName(p), layers: pairLayers[i] })),
    specificity,
    selectivityEffect,
  };
  outputs.set(OUTPUTS.index, index);
  outputs.set(OUTPUTS.claims, { claims: buildAblationClaims(claimData, { ...opt, denseLayers }) });
  return outputs;
}

/** The post's pairs that were analysed, then the most frequent other pairs (by "= o" steps), in index order. */
export function chooseRecurrentPairs(pairs: RankedPairFile[], opt: Pick<AblateOptions, 'recurrentPairs' | 'recurrentTopPairs'>): number[] {
  const chosen = new Set(pairs.map((p, i) => (opt.recurrentPairs.includes(p.label) ? i : -1)).filter((i) => i >= 0));
  const byCount = pairs
    .map((p, i) => [p.eq ?? 0, i] as const)
    .filter(([, i]) => !chosen.has(i))
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byCount.slice(0, opt.recurrentTopPairs)) chosen.add(i);
  return [...chosen].sort((a, b) => a - b);
}

/** Every step of up to `patternSentences` seeded sentences holding the pattern, with which steps are inside it. */
function chooseSentenceSteps(reader: CaptureReader, p: PatternCell, opt: AblateOptions) {
  const mark = markPattern(reader.meta, reader.vocab.output, reader.sentences, p.output);
  const bounds = sentenceBounds(reader.meta.inputId, reader.meta.sentence);
  const starts: number[] = [];
  for (let s = 0; s < mark.inside.length; s++) if (mark.inside[s] && (starts.length === 0 || starts[starts.length - 1] !== bounds.start[s])) starts.push(bounds.start[s]);
  const unique = [...new Set(starts)];
  const picked = new Rng(opt.seed, `ablate:pattern-sentences:${p.name}`).shuffle(unique).slice(0, opt.patternSentences).sort((a, b) => a - b);
  const steps: number[] = [];
  const inside: number[] = [];
  const sentence: number[] = [];
  picked.forEach((s0, q) => {
    for (let s = s0; s < bounds.end[s0]; s++) {
      steps.push(s);
      inside.push(mark.inside[s]);
      sentence.push(q);
    }
  });
  return { steps: Int32Array.from(steps), inside: Uint8Array.from(inside), sentence: Int32Array.from(sentence) };
}
