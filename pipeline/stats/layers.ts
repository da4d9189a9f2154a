import type { GateSummary, LayerSummary } from '../lib/schemas/stats.ts';
import type { LayerScores } from './neurons.ts';
import { round4 } from './neurons.ts';

/**
 * The per-layer summary (layers page, claims): for each pair, the mean of the layer's `top` best values and the best
 * one — on the raw distance (the post's numbers), on the corrected selectivity (the ranking measure; plus its
 * held-out form: top neurons chosen on half A of the sentences, their mean on half B) and on AUROC strength; averaged
 * over the post-section pairs per layer, then per gate type over both directions.
 */

export const SUMMARY_TOP = 10;

export interface SummaryScores extends LayerScores {
  correctedA: Float64Array;
  correctedB: Float64Array;
}

/** Order of the neurons of row p by `values` (rounded), best first, ties to the lower index. */
function orderRow(values: ArrayLike<number>, p: number, size: number, map: (x: number) => number = (x) => x): number[] {
  const row = Array.from({ length: size }, (_, j) => round4(map(values[p * size + j])));
  return row.map((_, j) => j).sort((a, b) => row[b] - row[a] || a - b);
}

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const strength = (a: number) => Math.abs(2 * a - 1);

/** Mean of the `top` best values of row p (by `values`), the best and its neuron. */
function topOf(values: ArrayLike<number>, p: number, size: number, top: number, map?: (x: number) => number) {
  const order = orderRow(values, p, size, map);
  const f = map ?? ((x: number) => x);
  const v = (j: number) => round4(f(values[p * size + j]));
  return { meanTop: round4(mean(order.slice(0, top).map(v))), max: v(order[0]), neuron: order[0] };
}

/** `post[p]`: whether pair p is in the post section (the averages are over those pairs only). */
export function summariseLayer(name: string, sel: SummaryScores, size: number, post: boolean[]): LayerSummary {
  const m = /^(fwd|bwd)\.(.+)$/.exec(name);
  const top = Math.min(SUMMARY_TOP, size);
  const perPair: LayerSummary['pairs'] = [];
  let best: LayerSummary['best'] = null;
  post.forEach((isPost, p) => {
    const raw = topOf(sel.distance, p, size, top);
    const corrected = topOf(sel.corrected, p, size, top);
    const auroc = topOf(sel.auroc, p, size, top, strength);
    const chosen = orderRow(sel.correctedA, p, size).slice(0, top);
    const heldOut = round4(mean(chosen.map((j) => sel.correctedB[p * size + j])));
    perPair.push({ pair: p, ...raw, corrected, heldOut, auroc });
    if (isPost && (!best || corrected.max > best.corrected)) {
      const at = p * size + corrected.neuron;
      best = { pair: p, neuron: corrected.neuron, hellinger: round4(sel.distance[at]), corrected: corrected.max, auroc: round4(sel.auroc[at]) };
    }
  });
  const used = perPair.filter((_, p) => post[p]);
  const avg = (f: (x: LayerSummary['pairs'][number]) => number) => round4(mean(used.map(f)));
  return {
    name,
    size,
    direction: m ? (m[1] as 'fwd' | 'bwd') : null,
    gate: m ? m[2] : name,
    meanTop: avg((x) => x.meanTop),
    meanMax: avg((x) => x.max),
    corrected: { meanTop: avg((x) => x.corrected.meanTop), meanMax: avg((x) => x.corrected.max), heldOut: avg((x) => x.heldOut) },
    auroc: { meanTop: avg((x) => x.auroc.meanTop), meanMax: avg((x) => x.auroc.max) },
    best,
    pairs: perPair,
  };
}

/** Recurrent gate/state types (both directions pooled), most selective by corrected meanTop first (ties: by name). */
export function summariseGates(layers: LayerSummary[]): GateSummary[] {
  const byGate = new Map<string, LayerSummary[]>();
  for (const l of layers) {
    if (!l.direction) continue;
    const list = byGate.get(l.gate) ?? [];
    list.push(l);
    byGate.set(l.gate, list);
  }
  const avg = (ls: LayerSummary[], f: (l: LayerSummary) => number) => round4(mean(ls.map(f)));
  return [...byGate.entries()]
    .map(([gate, ls]) => ({
      gate,
      layers: ls.map((l) => l.name),
      meanTop: avg(ls, (l) => l.meanTop),
      meanMax: avg(ls, (l) => l.meanMax),
      corrected: {
        meanTop: avg(ls, (l) => l.corrected.meanTop),
        meanMax: avg(ls, (l) => l.corrected.meanMax),
        heldOut: avg(ls, (l) => l.corrected.heldOut),
      },
      auroc: { meanTop: avg(ls, (l) => l.auroc.meanTop), meanMax: avg(ls, (l) => l.auroc.meanMax) },
    }))
    .sort((a, b) => b.corrected.meanTop - a.corrected.meanTop || (a.gate < b.gate ? -1 : 1));
}

/** The gate type with the highest raw meanTop (the post's ranking), for comparison. */
export function mostSelectiveRaw(gates: GateSummary[]): string | null {
  return [...gates].sort((a, b) => b.meanTop - a.meanTop || (a.gate < b.gate ? -1 : 1))[0]?.gate ?? null;
}
