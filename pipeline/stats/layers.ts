import type { GateSummary, LayerSummary } from '../lib/schemas/stats.ts';
import { round4 } from './neurons.ts';

/**
 * The per-layer summary (layers page, claims): for each pair, the mean of the layer's `top` best distances and the
 * best one; averaged over pairs per layer, then per gate type over both directions, to tell which gate is the most
 * selective.
 */

export const SUMMARY_TOP = 10;

export function summariseLayer(name: string, distance: Float64Array, size: number, pairs: number): LayerSummary {
  const m = /^(fwd|bwd)\.(.+)$/.exec(name);
  const top = Math.min(SUMMARY_TOP, size);
  const perPair: LayerSummary['pairs'] = [];
  let best: LayerSummary['best'] = null;
  for (let p = 0; p < pairs; p++) {
    const row = Array.from(distance.subarray(p * size, (p + 1) * size), round4);
    const order = row.map((_, j) => j).sort((a, b) => row[b] - row[a] || a - b);
    const topVals = order.slice(0, top).map((j) => row[j]);
    const meanTop = topVals.reduce((a, b) => a + b, 0) / topVals.length;
    perPair.push({ pair: p, meanTop: round4(meanTop), max: row[order[0]], neuron: order[0] });
    if (!best || row[order[0]] > best.hellinger) best = { pair: p, neuron: order[0], hellinger: row[order[0]] };
  }
  const avg = (xs: number[]) => (xs.length ? round4(xs.reduce((a, b) => a + b, 0) / xs.length) : 0);
  return {
    name,
    size,
    direction: m ? (m[1] as 'fwd' | 'bwd') : null,
    gate: m ? m[2] : name,
    meanTop: avg(perPair.map((x) => x.meanTop)),
    meanMax: avg(perPair.map((x) => x.max)),
    best,
    pairs: perPair,
  };
}

/** Recurrent gate/state types (both directions pooled), most selective first (ties: by name). */
export function summariseGates(layers: LayerSummary[]): GateSummary[] {
  const byGate = new Map<string, LayerSummary[]>();
  for (const l of layers) {
    if (!l.direction) continue;
    const list = byGate.get(l.gate) ?? [];
    list.push(l);
    byGate.set(l.gate, list);
  }
  const avg = (xs: number[]) => round4(xs.reduce((a, b) => a + b, 0) / xs.length);
  return [...byGate.entries()]
    .map(([gate, ls]) => ({
      gate,
      layers: ls.map((l) => l.name),
      meanTop: avg(ls.map((l) => l.meanTop)),
      meanMax: avg(ls.map((l) => l.meanMax)),
    }))
    .sort((a, b) => b.meanTop - a.meanTop || (a.gate < b.gate ? -1 : 1));
}
