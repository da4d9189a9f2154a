/**
 * Facts about a layer's neurons that the report stage and the site both derive from the stats files, one rule each
 * (pure, no Node or zod imports: the site runs them for `concat`, which has no report file of its own).
 */

/** Neurons of a layer given a page of their own: the most selective of those first for some pair. */
export const FEATURED = 12;

/**
 * Featured neurons: those first for some pair (`firsts`), the `limit` with the highest raw distance at their own
 * best pair (`best`; ties: lower index), in index order.
 */
export function featuredNeurons(firsts: readonly (number | undefined)[], best: (neuron: number) => number, limit = FEATURED): number[] {
  return [...new Set(firsts.filter((n): n is number => n !== undefined))]
    .sort((a, b) => best(b) - best(a) || a - b)
    .slice(0, limit)
    .sort((a, b) => a - b);
}

export interface NeuronPatternFact {
  name: string;
  pattern: string;
  distance: number;
  meanInside: number;
  meanOutside: number;
}

interface PatternsIn {
  patterns: { name: string; pattern: string; layers: { layer: string; top: { neuron: number; distance: number; meanInside: number; meanOutside: number }[] }[] }[];
}

/** Pattern cells (stats/patterns.json) whose ranking for `layer` lists the neuron. */
export function neuronPatterns(patterns: PatternsIn | null, layer: string, neuron: number): NeuronPatternFact[] {
  return (patterns?.patterns ?? []).flatMap((p) =>
    p.layers
      .filter((l) => l.layer === layer)
      .flatMap((l) => l.top.filter((t) => t.neuron === neuron))
      .map((t) => ({ name: p.name, pattern: p.pattern, distance: t.distance, meanInside: t.meanInside, meanOutside: t.meanOutside })),
  );
}
