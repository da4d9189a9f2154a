/**
 * How a pair file's columns become rankings, and how `concat` follows from the recurrent states — one module for the
 * stats, ablate and report stages, the diff and the site (pure, no Node or zod imports: the browser may use it).
 *
 * `concat` is [fwd.h, bwd.h] (docs/CONTRACTS.md): concat unit k is fwd.h unit k for k < units, else bwd.h unit
 * k − units. Same activations, so the same histograms and the same three numbers: the stats stage writes nothing for
 * concat, and every reader derives it here.
 */

export const CONCAT = 'concat';
export const CONCAT_PARTS = ['fwd.h', 'bwd.h'] as const;

/** The recurrent state and unit behind a concat unit (`units` = units per direction). */
export function concatSource(unit: number, units: number): { layer: (typeof CONCAT_PARTS)[number]; unit: number } {
  return unit < units ? { layer: CONCAT_PARTS[0], unit } : { layer: CONCAT_PARTS[1], unit: unit - units };
}

/** Neurons ordered by value, highest first; ties go to the lower neuron, so the order is deterministic. */
export function rankOrder(values: ArrayLike<number>): number[] {
  return Array.from({ length: values.length }, (_, j) => j).sort((a, b) => values[b] - values[a] || a - b);
}

/** 1-based rank of each neuron in `order` (the inverse permutation). */
export function ranksOf(order: readonly number[]): Int32Array {
  const rank = new Int32Array(order.length);
  order.forEach((n, i) => (rank[n] = i + 1));
  return rank;
}

/** A layer's per-neuron column, `concat` derived from fwd.h and bwd.h; null when the file has none. */
export function layerColumn(columns: Record<string, number[]>, layer: string): number[] | null {
  if (layer !== CONCAT) return columns[layer] ?? null;
  const [f, b] = CONCAT_PARTS.map((l) => columns[l]);
  return f && b ? [...f, ...b] : null;
}

/** The layers a pair file covers, `concat` included when its parts are there. */
export function columnLayers(columns: Record<string, number[]>): string[] {
  const names = Object.keys(columns);
  return CONCAT_PARTS.every((l) => names.includes(l)) ? [...names, CONCAT] : names;
}

/**
 * How many best neurons per layer keep their raw distance and AUROC beside `corrected` in a pair file (the pair
 * page's table); the first `stats.topNeurons` of them also keep their histograms.
 */
export const TABLE_TOP = 10;

export interface Ranked {
  neuron: number;
  corrected: number;
}

/**
 * A layer's top list, `concat` merged from fwd.h's and bwd.h's (its best `length` units are among theirs: each part
 * lists min(length, units)). Entries with a `histogram` stay only among the first `histograms`, as if concat had
 * been written itself.
 */
export function layerTop<T extends Ranked & { histogram?: unknown }>(
  top: Record<string, T[]>,
  layer: string,
  units: number,
  length: number,
  histograms: number,
): T[] | null {
  if (layer !== CONCAT) return top[layer] ?? null;
  const [f, b] = CONCAT_PARTS.map((l) => top[l]);
  if (!f || !b) return null;
  const merged = [...f, ...b.map((t) => ({ ...t, neuron: t.neuron + units }))].sort((x, y) => y.corrected - x.corrected || x.neuron - y.neuron);
  return merged.slice(0, length).map((t, i) => {
    if (i < histograms || t.histogram === undefined) return t;
    const { histogram: _h, ...rest } = t;
    return rest as T;
  });
}

/** What a pair file holds per layer (pipeline/lib/schemas/stats.ts PairFile), as far as rankings need it. */
export interface PairColumns<T extends Ranked> {
  topNeurons: number;
  corrected: Record<string, number[]>;
  top: Record<string, T[]>;
}

/** A pair's top list of any layer, concat included (see layerTop). */
export function pairTop<T extends Ranked & { histogram?: unknown }>(file: PairColumns<T>, layer: string): T[] | null {
  const units = file.corrected[CONCAT_PARTS[0]]?.length ?? 0;
  return layerTop(file.top, layer, units, Math.min(Math.max(TABLE_TOP, file.topNeurons), 2 * units), file.topNeurons);
}

/** Every layer's neurons (concat included) ranked, each with its `corrected`: the full ranking of a pair. */
export function rankedLayers(columns: Record<string, number[]>): Record<string, Ranked[]> {
  const out: Record<string, Ranked[]> = {};
  for (const layer of columnLayers(columns)) {
    const column = layerColumn(columns, layer)!;
    out[layer] = rankOrder(column).map((neuron) => ({ neuron, corrected: column[neuron] }));
  }
  return out;
}
