import { z } from 'zod';

/**
 * Core statistics artifacts under `artifacts/<run>/stats/` (written by pipeline/stats/stage.ts, read by the site):
 * - `pairs/index.json` (PairsIndex): the analysed (input c → output o) pairs, each with its `file`;
 * - `pairs/<file>` (PairFile): per layer, every neuron's `corrected` (neuron order) and the top neurons' three numbers
 *   and two activation histograms ("= o", "≠ o");
 * - `neurons/<layer>.json` (NeuronsFile): per neuron of the layer, its best pairs and their raw distances;
 * - `layers.json` (LayersSummary): per layer and per gate type, how selective the best neurons are.
 * Pair indices (`pairs[k]` in NeuronsFile, `pair` in LayersSummary) are positions in `pairs/index.json`.
 * Layer names are those of docs/CONTRACTS.md (fwd.i … bwd.h, concat, hidden, output).
 * Distances are rounded to 4 decimals.
 *
 * Three numbers per neuron and pair (pipeline/stats/null-expectation.ts):
 * - `hellinger`: the post's raw 1000-bin Hellinger distance (biased upward by sparse bins: kept as the post's number);
 * - `corrected`: the bias-corrected selectivity 1 − BC / E_null[BC] (BC = Bhattacharyya coefficient, E_null = its
 *   expectation under shuffled labels, from the binned counts), on the SQUARED Hellinger scale (compare with
 *   hellinger²): 0 in expectation for a neuron that does not tell the two classes apart, whatever the sample sizes
 *   and spread; USED FOR EVERY RANKING, TOP LIST, SUMMARY AND CLAIM;
 * - `auroc`: the bin-free check, AUROC of the "= o" values against the "≠ o" values WITH direction (P(eq > ne) + ½
 *   P(tie), 0.5 = none, 1 = "= o" always higher, 0 = always lower); its strength is |2·auroc − 1|.
 */

export const PairInfo = z.object({
  /** Input character (Latin) and output unit (Armenian letter, ու, `_`, …). */
  input: z.string(),
  output: z.string(),
  inputId: z.int(),
  outputId: z.int(),
  /** `input→output`. */
  label: z.string(),
  /** Steps with input c and output o / input c and another output. */
  eq: z.int(),
  ne: z.int(),
  /** The pair's file, relative to `pairs/`. */
  file: z.string(),
  /** `post`: the kind of pair the post analyses; `copy`: a Latin letter copied as itself (a→a), reported apart. */
  section: z.enum(['post', 'copy']),
  /** The same split seen from its other side (a→a for a→ա), analysed once here; null when none. */
  mirror: z.string().nullable(),
});
export type PairInfo = z.infer<typeof PairInfo>;

export const PairsIndex = z.object({
  schemaVersion: z.number(),
  /** Captured steps the statistics ran over. */
  steps: z.int(),
  bins: z.int(),
  minCount: z.int(),
  layers: z.array(z.object({ name: z.string(), size: z.int() })),
  pairs: z.array(PairInfo),
});
export type PairsIndex = z.infer<typeof PairsIndex>;

export const NeuronDistance = z.object({ neuron: z.int(), hellinger: z.number(), corrected: z.number(), auroc: z.number() });
export type NeuronDistance = z.infer<typeof NeuronDistance>;

/**
 * A neuron's two histograms over its global [min, max] split into `bins` equal bins (re-binned from
 * `stats.bins` for size); only bins offset … offset + eq.length − 1 are stored, the rest are zero.
 */
export const CompactHistograms = z.object({
  min: z.number(),
  max: z.number(),
  bins: z.int(),
  offset: z.int(),
  /** Counts for output = o. */
  eq: z.array(z.number()),
  /** Counts for output ≠ o. */
  ne: z.array(z.number()),
});
export type CompactHistograms = z.infer<typeof CompactHistograms>;

/** Shape versions of the compact files (pipeline/lib/compact-artifact.ts); 1 was the full per-neuron tables. */
export const PAIR_FILE_VERSION = 2;
export const NEURONS_FILE_VERSION = 2;

/** A top neuron: its three numbers, and its histograms for the first `topNeurons` of the list. */
export const TopNeuron = NeuronDistance.extend({ histogram: CompactHistograms.optional() });
export type TopNeuron = z.infer<typeof TopNeuron>;

/**
 * One pair (schema version 2). Layers are those of the capture except `concat`, which readers derive from fwd.h and
 * bwd.h (pipeline/lib/unit-ranking.ts: same units, same numbers).
 */
export const PairFile = PairInfo.omit({ file: true }).extend({
  schemaVersion: z.literal(PAIR_FILE_VERSION),
  /** `stats.topNeurons`: how many of each `top` list carry histograms. */
  topNeurons: z.int(),
  /**
   * Every neuron's `corrected`, in neuron order (4 decimals). Ranking = highest first, ties to the lower neuron
   * (unit-ranking.ts rankOrder): the exact order every ranking, top list and ablation uses.
   */
  corrected: z.record(z.string(), z.array(z.number())),
  /** The best max(TABLE_TOP, topNeurons) neurons of each layer in rank order, with their raw distance and AUROC. */
  top: z.record(z.string(), z.array(TopNeuron)),
});
export type PairFile = z.infer<typeof PairFile>;

/**
 * `stats/neurons/<layer>.json` (version 2): per neuron its NEURON_PAIRS best pairs by `corrected` (highest first,
 * ties: lower pair index) and their raw distances — what a neuron page lists and cannot derive from the pair files,
 * which keep raw distances only for each pair's top neurons. No file for `concat` (its units are fwd.h's and bwd.h's).
 */
export const NeuronPairs = z.object({
  neuron: z.int(),
  pairs: z.array(z.int()),
  hellinger: z.array(z.number()),
});
export type NeuronPairs = z.infer<typeof NeuronPairs>;

export const NeuronsFile = z.object({
  schemaVersion: z.literal(NEURONS_FILE_VERSION),
  layer: z.string(),
  size: z.int(),
  neurons: z.array(NeuronPairs),
});
export type NeuronsFile = z.infer<typeof NeuronsFile>;

/** Mean of a layer's `top` best values for a pair, and the best one with its neuron. */
export const TopSummary = z.object({ meanTop: z.number(), max: z.number(), neuron: z.int() });

export const LayerPairSummary = z.object({
  pair: z.int(),
  /** Raw distances (the post's numbers): mean of the layer's `top` largest, the largest and its neuron. */
  meanTop: z.number(),
  max: z.number(),
  neuron: z.int(),
  /** The same on `corrected` (the summaries' ranking measure). */
  corrected: TopSummary,
  /**
   * Selection-aware: the `top` neurons chosen by `corrected` on half A of the sentences, their mean `corrected` on
   * half B (not inflated by the choice; pipeline/stats/halves.ts).
   */
  heldOut: z.number(),
  /** The same on AUROC strength |2·auroc − 1|. */
  auroc: TopSummary,
});

export const LayerSummary = z.object({
  name: z.string(),
  size: z.int(),
  /** fwd / bwd for the recurrent gates and states, null for concat, hidden, output. */
  direction: z.enum(['fwd', 'bwd']).nullable(),
  /** Gate or state letter (i f o g c h, z r g h) or the layer name for concat, hidden, output. */
  gate: z.string(),
  /** Averages over the post-section pairs of meanTop and max (raw). */
  meanTop: z.number(),
  meanMax: z.number(),
  /** The same averages on `corrected` (and its held-out mean top) and on AUROC strength. */
  corrected: z.object({ meanTop: z.number(), meanMax: z.number(), heldOut: z.number() }),
  auroc: z.object({ meanTop: z.number(), meanMax: z.number() }),
  /** The single most selective (pair, neuron) of the layer by `corrected`. */
  best: z.object({ pair: z.int(), neuron: z.int(), hellinger: z.number(), corrected: z.number(), auroc: z.number() }).nullable(),
  /** Every analysed pair (both sections). */
  pairs: z.array(LayerPairSummary),
});
export type LayerSummary = z.infer<typeof LayerSummary>;

export const GateSummary = z.object({
  gate: z.string(),
  /** The layers averaged (both directions). */
  layers: z.array(z.string()),
  /** Raw (the post's measure). */
  meanTop: z.number(),
  meanMax: z.number(),
  corrected: z.object({ meanTop: z.number(), meanMax: z.number(), heldOut: z.number() }),
  auroc: z.object({ meanTop: z.number(), meanMax: z.number() }),
});
export type GateSummary = z.infer<typeof GateSummary>;

export const LayersSummary = z.object({
  schemaVersion: z.number(),
  /** How many best neurons per pair and layer `meanTop` averages (10, or fewer in a smaller layer). */
  top: z.int(),
  pairs: z.int(),
  layers: z.array(LayerSummary),
  /** Recurrent gate/state types, most selective (highest corrected.meanTop) first; averages over post-section pairs. */
  gates: z.array(GateSummary),
  /** By corrected.meanTop (see claims.json `gate-*` for the paired test over pairs). */
  mostSelectiveGate: z.string().nullable(),
  /** By the raw meanTop, as the post ranks them. */
  mostSelectiveGateRaw: z.string().nullable(),
});
export type LayersSummary = z.infer<typeof LayersSummary>;

/** NaN (nothing to resample: stats.bootstrap 0) is written as null. */
const TestNumbers = z.object({
  value: z.number().nullable(),
  interval: z.tuple([z.number().nullable(), z.number().nullable()]),
  pValue: z.number().nullable(),
});

export const NamedUnitSchema = z.object({
  name: z.string(),
  layer: z.string(),
  neuron: z.int(),
  direction: z.enum(['fwd', 'bwd']).nullable(),
  /** Index within its direction (the number the post prints for a concat unit). */
  unit: z.int(),
  profilePairs: z.array(z.string()),
  topPairs: z.array(z.string()),
  topPairsOverlap: z.int(),
  test: TestNumbers,
});

const PatternPick = z.object({ layer: z.string(), neuron: z.int(), value: z.number() });

/**
 * `stats/units.json`: the run's named units (followed across seeds by pipeline/diff's unit matching) — the post's
 * #70 counterpart, the s/z look-ahead unit, the թյուն cell — and the pattern-cell test behind claims.json's
 * `tyun-cell` (letter-matched selectivity of the cell and of the best neuron of each control suffix, held out).
 */
export const UnitsFile = z.object({
  schemaVersion: z.number(),
  units: z.array(z.object({ name: z.string(), layer: z.string(), neuron: z.int(), score: z.number() })),
  named: z.array(NamedUnitSchema),
  patternSpecificity: z
    .object({
      pattern: z.string(),
      occurrences: z.int(),
      cell: PatternPick.nullable(),
      controls: z.array(z.object({ pattern: z.string(), occurrences: z.int(), best: PatternPick.nullable() })),
      margin: z.number(),
      test: z.object({ value: z.number().nullable(), interval: z.tuple([z.number().nullable(), z.number().nullable()]), pValue: z.number().nullable() }),
      rankForTt: z.int().nullable(),
      reason: z.string().optional(),
    })
    .nullable(),
});
export type UnitsFile = z.infer<typeof UnitsFile>;

/** `stats/signature.json`: the concat units' activations on the fixed probe sentences (pipeline/stats/signature.ts). */
export const SignatureFile = z.object({
  schemaVersion: z.number(),
  probe: z.object({ file: z.string(), sentences: z.int(), steps: z.int() }),
  layer: z.string(),
  units: z.int(),
  activations: z.string(),
});
export type SignatureFile = z.infer<typeof SignatureFile>;

const Spread = z.object({ mean: z.number(), sd: z.number(), min: z.number(), max: z.number() }).nullable();

/**
 * `artifacts/seeds.json` (cross-run, pipeline/diff/seeds.ts): the same config trained with several seeds — per claim
 * how many runs it holds in and the spread of its statistic, headline figures, and the named units' counterparts.
 */
export const SeedsFile = z.object({
  schemaVersion: z.number(),
  runs: z.array(z.string()),
  claims: z.array(
    z.object({
      id: z.string(),
      statement: z.string(),
      statistic: z.string(),
      holds: z.int(),
      runs: z.int(),
      pass: z.array(z.boolean().nullable()),
      values: z.array(z.number().nullable()),
      spread: Spread,
    }),
  ),
  figures: z.object({
    charAccuracy: z.object({ values: z.array(z.number().nullable()), spread: Spread }),
    mostSelectiveGate: z.array(z.string().nullable()),
    mostSelectiveGateRaw: z.array(z.string().nullable()),
  }),
  units: z.array(
    z.object({
      name: z.string(),
      reference: z.object({ run: z.string(), layer: z.string(), neuron: z.int() }),
      counterparts: z.array(z.object({ run: z.string(), neuron: z.int().nullable(), r: z.number().nullable(), same: z.boolean() })),
      /** A counterpart (|r| ≥ MATCH_MIN) in every other run / and it is that run's own unit of the name. */
      inEvery: z.boolean(),
      sameInEvery: z.boolean(),
    }),
  ),
});
export type SeedsFile = z.infer<typeof SeedsFile>;
