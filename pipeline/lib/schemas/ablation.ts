import { z } from 'zod';
import { Claim, ClaimsFile } from './analyses.ts';

/**
 * Ablation artifacts under `artifacts/<run>/ablation/` (written by pipeline/ablate/stage.ts, read by the site and
 * by `npm run diff`): what breaks when a pair's selective units are silenced (held at a baseline value at every
 * step of the forward pass).
 * - `index.json` (AblationIndex): settings, layers, k ladder, the pairs with their files, the pair × pair
 *   specificity matrix of each dense layer and the single-unit effects (selectivity vs effect);
 * - `pairs/<file>` (AblationPair): per layer and k, the pair's metrics with its top-k units, k random units of the
 *   same layer (several draws) and another pair's top-k units silenced;
 * - `claims.json` (ClaimsFile of lib/schemas/analyses.ts shape, `kind: "causal"`).
 * Pair indices are positions in `index.json` `pairs`. Accuracies are in [0, 1]; log-probabilities are natural logs.
 */

/** What a condition scores on a set of steps of one pair (input c; "= o" steps and "≠ o" steps). */
export const AblationMetrics = z.object({
  /** Accuracy on the steps whose true output is o / another output. */
  accEq: z.number(),
  accNe: z.number(),
  /** (accEq + accNe) / 2: 0.5 is chance for a two-way decision that ignores the evidence. */
  balanced: z.number(),
  /** Mean log-probability of the correct output over all those steps. */
  logp: z.number(),
});
export type AblationMetrics = z.infer<typeof AblationMetrics>;

export const RandomControl = z.object({
  /** Mean over the draws. */
  mean: AblationMetrics,
  /** Smallest and largest balanced accuracy over the draws. */
  balancedRange: z.tuple([z.number(), z.number()]),
  draws: z.int(),
});
export type RandomControl = z.infer<typeof RandomControl>;

export const AblationPoint = z.object({
  k: z.int(),
  /** The pair's k most selective units of the layer. */
  top: AblationMetrics,
  random: RandomControl,
  /** Another pair's k most selective units (`otherPair` of the layer entry). */
  other: AblationMetrics,
});
export type AblationPoint = z.infer<typeof AblationPoint>;

export const AblationLayer = z.object({
  layer: z.string(),
  /** How the layer was silenced: dense layers recomputed, or the recurrence rerun. */
  method: z.enum(['dense', 'recurrent']),
  /** Steps per side measured ("= o", "≠ o") and the metrics with nothing silenced, on the same steps. */
  steps: z.object({ eq: z.int(), ne: z.int() }),
  intact: AblationMetrics,
  /** The pair whose top units are the control (index into index.json `pairs`). */
  otherPair: z.int(),
  /** The units silenced for the largest k, most selective first (a prefix of them for smaller k). */
  topUnits: z.array(z.int()),
  points: z.array(AblationPoint),
});
export type AblationLayer = z.infer<typeof AblationLayer>;

export const AblationPair = z.object({
  schemaVersion: z.number(),
  label: z.string(),
  input: z.string(),
  output: z.string(),
  layers: z.array(AblationLayer),
});
export type AblationPair = z.infer<typeof AblationPair>;

export const AblationPairInfo = z.object({
  label: z.string(),
  input: z.string(),
  output: z.string(),
  /** The pair's file, relative to `pairs/`. */
  file: z.string(),
  /** Layers measured for this pair (dense layers for every pair, direction layers for some). */
  layers: z.array(z.string()),
});

/** One dense layer's pair × pair matrix: row = pair whose top-k units are silenced, column = pair measured. */
export const SpecificityMatrix = z.object({
  layer: z.string(),
  k: z.int(),
  /** Balanced accuracy of each measured pair with nothing silenced (on the cross steps). */
  intact: z.array(z.number()),
  /** drop[row][col] = intact[col] − balanced accuracy of col with row's top-k silenced. */
  drop: z.array(z.array(z.number())),
});
export type SpecificityMatrix = z.infer<typeof SpecificityMatrix>;

/** One unit silenced alone: the pairs whose balanced accuracy drops most (on the cross steps). */
export const SingleUnit = z.object({
  neuron: z.int(),
  /** Pair index and drop, largest drop first (at most 5, drops > 0 only). */
  worst: z.array(z.object({ pair: z.int(), drop: z.number() })),
});
export type SingleUnit = z.infer<typeof SingleUnit>;

/** Selectivity vs effect: for each pair's best units, its selectivity for the pair and the drop it causes alone. */
export const SelectivityEffect = z.object({
  layer: z.string(),
  points: z.array(z.object({ pair: z.int(), neuron: z.int(), selectivity: z.number(), drop: z.number() })),
  /** Spearman rank correlation between selectivity and drop over the points (null when fewer than 3). */
  spearman: z.number().nullable(),
  units: z.array(SingleUnit),
});
export type SelectivityEffect = z.infer<typeof SelectivityEffect>;

export const AblationIndex = z.object({
  schemaVersion: z.number(),
  settings: z.object({
    baseline: z.enum(['mean', 'zero']),
    ks: z.array(z.int()),
    randomDraws: z.int(),
    recurrentRandomDraws: z.int(),
    steps: z.int(),
    recurrentSteps: z.int(),
    crossSteps: z.int(),
    /** Which selectivity ranked the units: "corrected" (bias-corrected Hellinger) or "hellinger" (raw). */
    ranking: z.string(),
  }),
  layers: z.array(z.object({ name: z.string(), size: z.int(), method: z.enum(['dense', 'recurrent']) })),
  pairs: z.array(AblationPairInfo),
  specificity: z.array(SpecificityMatrix),
  selectivityEffect: z.array(SelectivityEffect),
});
export type AblationIndex = z.infer<typeof AblationIndex>;

/** The ablate stage's claims have the same shape as stats' (one Claim schema, lib/schemas/analyses.ts), kind `causal`. */
export const AblationClaim = Claim;
export type AblationClaim = Claim;
export const AblationClaims = ClaimsFile;
export type AblationClaims = ClaimsFile;
