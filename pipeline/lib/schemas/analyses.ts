import { z } from 'zod';

/**
 * Shapes of the stats stage's further analyses (neuron diagrams, pattern cells, uncertainty, claims), imported by
 * pipeline/stats/{diagram,pattern,uncertainty,claims}.ts and by the site. Suggested files under artifacts/<run>/:
 * `stats/diagrams.json` (DiagramsFile), `stats/patterns.json` (PatternsFile), `stats/uncertainty.json`
 * (UncertaintyFile), `claims.json` (ClaimsFile — its key names are relied on by other tools).
 */

// ---- neuron diagrams -------------------------------------------------------------------------------------------

export const DiagramNode = z.object({
  /** `<layer>:<neuron>`, referenced by edges and gate rows. */
  id: z.string(),
  layer: z.enum(['output', 'hidden', 'concat']),
  /** Index within the captured layer (concat: 0..2U-1, fwd first). */
  neuron: z.int(),
  /** 0 = most selective of its row. */
  rank: z.int(),
  /** Corrected selectivity of this neuron for the pair (the ranking measure, schemas/stats.ts; raw before issue 13). */
  distance: z.number(),
  /** Output nodes: the output character. */
  label: z.string().optional(),
  /** Concat nodes: which direction, and the unit index within it (the number the post prints). */
  direction: z.enum(['fwd', 'bwd']).optional(),
  unit: z.int().optional(),
});
export type DiagramNode = z.infer<typeof DiagramNode>;

export const DiagramEdge = z.object({
  from: z.string(),
  to: z.string(),
  weight: z.number(),
  /** Mean activation of the lower neuron over the pair's samples. */
  meanActivation: z.number(),
  /** Mean of weight × activation: the lower neuron's push on the upper one's pre-activation. */
  contribution: z.number(),
  sign: z.union([z.literal(1), z.literal(-1)]),
  /** |contribution| / Σ over all lower neurons of |weight × mean activation|. */
  share: z.number(),
});
export type DiagramEdge = z.infer<typeof DiagramEdge>;

export const GateRow = z.object({
  node: z.string(),
  direction: z.enum(['fwd', 'bwd']),
  unit: z.int(),
  /** Gate name (i f o g c, or z r g for GRU) → corrected selectivity of that gate's unit. */
  distances: z.record(z.string(), z.number()),
});
export type GateRow = z.infer<typeof GateRow>;

export const NeuronDiagram = z.object({
  input: z.string(),
  inputId: z.int(),
  output: z.string(),
  outputId: z.int(),
  samples: z.int(),
  nodes: z.object({
    output: z.array(DiagramNode),
    hidden: z.array(DiagramNode),
    concatFwd: z.array(DiagramNode),
    concatBwd: z.array(DiagramNode),
  }),
  edges: z.array(DiagramEdge),
  gates: z.array(GateRow),
});
export type NeuronDiagram = z.infer<typeof NeuronDiagram>;

export const DiagramsFile = z.object({ diagrams: z.array(NeuronDiagram) });
export type DiagramsFile = z.infer<typeof DiagramsFile>;

// ---- pattern cells ---------------------------------------------------------------------------------------------

export const NullSummary = z.object({ mean: z.number(), p95: z.number(), replicates: z.int() });
export type NullSummary = z.infer<typeof NullSummary>;

export const PatternNeuron = z.object({
  layer: z.string(),
  neuron: z.int(),
  /** Hellinger distance between the inside and outside activation histograms. */
  distance: z.number(),
  /**
   * The same distance with the outside steps reweighted to the inside's mix of input letters: high only if the
   * neuron tells the pattern's letters apart from the same letters elsewhere (a pattern cell, not a letter cell).
   */
  letterMatched: z.number().optional(),
  meanInside: z.number(),
  meanOutside: z.number(),
  /** meanInside − meanOutside: positive = fires inside the pattern. */
  diff: z.number(),
  /**
   * diff / pooled standard deviation (standardized mean difference). The histogram distance also rewards an
   * activation that is merely *concentrated* inside (a fixed context gives near-identical values); a large |effect|
   * means the neuron visibly fires (or goes quiet) inside the pattern, as in the post's heatmaps.
   */
  effect: z.number().optional(),
  /** Distance under shuffled inside/outside labels (filled for the best neurons). */
  null: NullSummary.optional(),
});
export type PatternNeuron = z.infer<typeof PatternNeuron>;

export const PatternTrace = z.object({ layer: z.string(), neuron: z.int(), values: z.array(z.number()) });
export const PatternSample = z.object({
  sentence: z.int(),
  /** Offset of the window's first character within the sentence. */
  start: z.int(),
  /** Per step of the window: the input character and the true output unit (a letter, ու, or `_`). */
  input: z.array(z.string()),
  output: z.array(z.string()),
  /** Per step of the window: 1 inside a pattern occurrence, else 0. */
  inside: z.array(z.int()),
  traces: z.array(PatternTrace),
});
export type PatternSample = z.infer<typeof PatternSample>;

export const PatternResult = z.object({
  name: z.string(),
  pattern: z.string(),
  occurrences: z.int(),
  insideSteps: z.int(),
  outsideSteps: z.int(),
  /** Per layer, its most pattern-selective neurons. */
  layers: z.array(z.object({ layer: z.string(), top: z.array(PatternNeuron), topByEffect: z.array(PatternNeuron).optional() })),
  /** The most selective neurons over all layers, best first. */
  best: z.array(PatternNeuron),
  /** The neurons with the largest |effect| over all layers. */
  bestByEffect: z.array(PatternNeuron).optional(),
  samples: z.array(PatternSample),
});
export type PatternResult = z.infer<typeof PatternResult>;

export const PatternsFile = z.object({ patterns: z.array(PatternResult) });
export type PatternsFile = z.infer<typeof PatternsFile>;

// ---- uncertainty -----------------------------------------------------------------------------------------------

export const NeuronUncertainty = z.object({
  layer: z.string(),
  neuron: z.int(),
  /** Full-data raw Hellinger distance (the post's number), corrected selectivity and AUROC (see schemas/stats.ts). */
  distance: z.number(),
  corrected: z.number(),
  auroc: z.number(),
  /**
   * Selection-aware estimate: the neuron was chosen among the layer's top by `corrected` on half A of the sentences;
   * `estimate` is its corrected selectivity on half B, [low, high] the interval for it at the file's `level`.
   */
  estimate: z.number(),
  low: z.number(),
  high: z.number(),
  /** Shuffled-label null of the raw distance (older files; no longer computed: `corrected` removes its mean). */
  null: NullSummary.optional(),
});
export type NeuronUncertainty = z.infer<typeof NeuronUncertainty>;

export const PairUncertainty = z.object({
  input: z.string(),
  output: z.string(),
  neurons: z.array(NeuronUncertainty),
});
export type PairUncertainty = z.infer<typeof PairUncertainty>;

export const UncertaintyFile = z.object({
  level: z.number(),
  replicates: z.int(),
  /** How the intervals were computed, in words. */
  method: z.string(),
  /** Sentences in half A (selection) and half B (estimation). */
  halves: z.tuple([z.int(), z.int()]),
  pairs: z.array(PairUncertainty),
});
export type UncertaintyFile = z.infer<typeof UncertaintyFile>;

// ---- claims ----------------------------------------------------------------------------------------------------

export const ClaimFigure = z.union([z.number(), z.string(), z.boolean(), z.null()]);

/**
 * The test behind a claim's verdict, so a reader can see how close it was and how it could fail:
 * - `statistic`: what `value` is, in words (e.g. "bwd − fwd mean top-10 corrected selectivity");
 * - `value`: the statistic on this run (null when it could not be computed; `figures.reason` says why);
 * - `interval`: [lo, hi] central interval at `level` (default 0.9) for `value`, null when none was computed;
 * - `pValue`: probability of a value at least this favourable to the claim under `null` (one-sided unless `null`
 *   says otherwise), null when no null was tested.
 * Shared by every stage that writes claims (stats: artifacts/<run>/claims.json; ablate:
 * artifacts/<run>/ablation/claims.json): import `Claim` / `ClaimTest` / `ClaimsFile` from here.
 */
export const ClaimTest = z.object({
  statistic: z.string(),
  value: z.number().nullable(),
  interval: z.tuple([z.number(), z.number()]).nullable(),
  pValue: z.number().nullable(),
  /** Coverage of `interval` (0.9 when absent). */
  level: z.number().optional(),
  /** The null hypothesis `pValue` is computed under, in words. */
  null: z.string().optional(),
  /** How the interval / p-value were obtained (e.g. "sentence bootstrap, basic interval, 400 replicates"). */
  method: z.string().optional(),
});
export type ClaimTest = z.infer<typeof ClaimTest>;

export const Claim = z.object({
  id: z.string(),
  statement: z.string(),
  pass: z.boolean(),
  /** Named numbers behind the verdict; `reason` says why a claim could not be checked. */
  figures: z.record(z.string(), ClaimFigure),
  test: ClaimTest,
  /**
   * Optional grouping for readers: `post` (a claim of the original post, checked here), `robustness` (a variant of
   * one, e.g. pooled over pairs), `causal` (an intervention, e.g. ablation). Absent = `post`.
   */
  kind: z.enum(['post', 'robustness', 'causal']).optional(),
});
export type Claim = z.infer<typeof Claim>;

export const ClaimsFile = z.object({ claims: z.array(Claim) });
export type ClaimsFile = z.infer<typeof ClaimsFile>;

