import { z } from 'zod';

/**
 * `artifacts/<run>/report/findings.json` (written by the report stage from pipeline/report/findings.ts, read by the
 * site's home pages): the facts the findings page puts into sentences — which units play the post's named roles,
 * which letters are decided by left or right context, which claims hold, how the model compares with the rule
 * baseline and what the corpus is made of. Every fact is SELECTED here, in the pipeline; the site only words it.
 */

const Interval = z.tuple([z.number().nullable(), z.number().nullable()]).nullable();
export const FindingTest = z.object({
  statistic: z.string().optional(),
  value: z.number().nullable(),
  interval: Interval,
  pValue: z.number().nullable(),
});

/** A unit's rank (1 = most selective in its layer) for one pair, by the run's ranking measure. */
export const PairRank = z.object({ pair: z.string(), rank: z.int().nullable() });

export const NamedUnitFinding = z.object({
  /** stats' name (`neuron-70`, `sz-lookahead`, …). */
  name: z.string(),
  layer: z.string(),
  neuron: z.int(),
  /** fwd / bwd for a unit of the concat layer or of a direction's layer; null for hidden/output. */
  direction: z.enum(['fwd', 'bwd']).nullable(),
  /** Index within its direction (the number the post prints). */
  unit: z.int(),
  /** The pairs the role is defined by, and the unit's rank for each. */
  profile: z.array(PairRank),
  /** The unit's own best pairs (post section), with ranks. */
  top: z.array(PairRank),
  test: FindingTest,
});
export type NamedUnitFinding = z.infer<typeof NamedUnitFinding>;

export const TyunFinding = z.object({
  pattern: z.string(),
  occurrences: z.int(),
  layer: z.string(),
  neuron: z.int(),
  /** The cell's rank for t→տ (the letter the suffix starts with); null when t→տ is not analysed. */
  rankForTt: z.int().nullable(),
  /** Cell's selectivity minus the best control suffix's, held out, with its test. */
  margin: z.number(),
  controls: z.array(z.string()),
  test: FindingTest,
});

export const SideValue = z.object({ layer: z.string(), neuron: z.int(), value: z.number() }).nullable();
export const ContextPair = z.object({
  label: z.string(),
  input: z.string(),
  output: z.string(),
  /** Best selectivity for the pair among the forward (left context) / backward (right context) units. */
  fwd: SideValue,
  bwd: SideValue,
  side: z.enum(['left', 'right', 'both', 'neither']),
});
export type ContextPair = z.infer<typeof ContextPair>;

export const ClaimFinding = z.object({
  id: z.string(),
  statement: z.string(),
  pass: z.boolean(),
  kind: z.enum(['post', 'robustness', 'causal']),
  /** claims.json (stats) or ablation/claims.json (ablate). */
  source: z.enum(['stats', 'ablation']),
  test: FindingTest.nullable(),
  /** In how many of the seed runs (artifacts/seeds.json) the claim holds; null without a seed study. */
  seeds: z.object({ holds: z.int(), runs: z.int() }).nullable(),
});
export type ClaimFinding = z.infer<typeof ClaimFinding>;

const Accuracies = z.object({ char: z.number(), word: z.number(), sentence: z.number() });

export const FindingsFile = z.object({
  schemaVersion: z.number(),
  run: z.string(),
  /** lstm / gru / rnn, and the name the pages use for the network (BiLSTM, BiGRU, BiRNN). */
  cell: z.string(),
  network: z.string(),
  /** Which selectivity the choices below rank by: the bias-corrected one, or the raw Hellinger when absent. */
  measure: z.enum(['corrected', 'hellinger']),
  units: z.array(NamedUnitFinding),
  tyun: TyunFinding.nullable(),
  context: z.object({
    /** The layers compared (the state each direction hands to the decoder, when captured). */
    layers: z.object({ fwd: z.array(z.string()), bwd: z.array(z.string()) }),
    /** A side decides a pair when its best value is at least `ratio` × the other side's. */
    ratio: z.number(),
    /** Below this best value on both sides, neither side is said to decide. */
    floor: z.number(),
    pairs: z.array(ContextPair),
  }),
  claims: z.array(ClaimFinding),
  seedRuns: z.array(z.string()).nullable(),
  accuracy: z.object({ model: Accuracies, baseline: Accuracies, baselineMethod: z.string().nullable() }).nullable(),
  corpus: z
    .object({
      sentences: z.int(),
      characters: z.int(),
      /** Share of characters from natural text (null when the corpus stats do not say). */
      naturalShare: z.number().nullable(),
      sources: z.array(z.object({ name: z.string(), kind: z.string(), natural: z.boolean().nullable(), kept: z.int(), keptChars: z.int() })),
    })
    .nullable(),
});
export type FindingsFile = z.infer<typeof FindingsFile>;
