/**
 * Artifacts of the `beyond` stage (analyses beyond the YerevaNN post), under artifacts/<run>/beyond/.
 * Written by pipeline/beyond/stage.ts, read by the site. Every file also carries `schemaVersion` (lib/artifact.ts).
 */
import { z } from 'zod';

const Direction = z.enum(['fwd', 'bwd']);
const UnitRef = z.object({ layer: z.string(), unit: z.int().min(0) });

/** saturation.json — Karpathy et al. 2015, fig. 6: per gate layer, per unit, fraction of steps near 0 and near 1. */
export const SaturationArtifact = z.object({
  schemaVersion: z.number(),
  steps: z.int().min(0),
  thresholds: z.object({ left: z.number(), right: z.number() }),
  /** Forget gates (GRU: update gates z) right-saturated at least this often are listed in `longMemory`. */
  longMemoryThreshold: z.number(),
  gates: z.array(
    z.object({
      /** e.g. "fwd.f" */
      layer: z.string(),
      direction: Direction,
      /** i f o (LSTM) or z r (GRU) */
      gate: z.string(),
      /** Scatter x per unit: fraction of steps < thresholds.left. */
      left: z.array(z.number()),
      /** Scatter y per unit: fraction of steps > thresholds.right. */
      right: z.array(z.number()),
      meanLeft: z.number(),
      meanRight: z.number(),
    }),
  ),
  /** Units whose forget gate (GRU: update gate) stays open: long memories. Most saturated first. */
  longMemory: z.array(UnitRef.extend({ fraction: z.number() })),
});
export type SaturationArtifact = z.infer<typeof SaturationArtifact>;

const Detector = UnitRef.extend({ r: z.number() });
export const CellExample = z.object({
  /** Captured sentence id and its index in the capture. */
  sentence: z.int(),
  index: z.int().min(0),
  input: z.string(),
  output: z.string(),
  predicted: z.string(),
  /** Per character (code point) of `input`: the feature value (null where undefined, e.g. at a space). */
  feature: z.array(z.number().nullable()),
  /** Per character: the best detector's activation. */
  activation: z.array(z.number()),
});

/** cells.json — Pearson correlation of every cell/state unit with simple text features. */
export const CellsArtifact = z.object({
  schemaVersion: z.number(),
  steps: z.int().min(0),
  layers: z.array(z.object({ name: z.string(), size: z.int().min(0) })),
  features: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      /** Steps where the feature is defined (and counted). */
      validSteps: z.int().min(0),
      best: Detector.nullable(),
      /** Highest |r| first, over all analysed layers. */
      top: z.array(Detector),
      examples: z.array(CellExample),
    }),
  ),
  /** correlations[layer][feature][unit] = Pearson r */
  correlations: z.record(z.string(), z.record(z.string(), z.array(z.number()))),
});
export type CellsArtifact = z.infer<typeof CellsArtifact>;

/** ngram.json — centred character n-gram baseline vs the network, on the captured steps. */
export const NgramArtifact = z.object({
  schemaVersion: z.number(),
  trainChars: z.int().min(0),
  evalSteps: z.int().min(0),
  orders: z.array(
    z.object({
      n: z.int().min(1),
      left: z.int().min(0),
      right: z.int().min(0),
      accuracy: z.number(),
      /** Fraction of steps whose full window was seen in training (the rest backed off to shorter windows). */
      coverage: z.number(),
    }),
  ),
  /** The n with the best accuracy, used for the comparisons below. */
  bestN: z.int().min(1),
  networkAccuracy: z.number(),
  overlap: z.object({
    steps: z.int(),
    bothRight: z.int(),
    bothWrong: z.int(),
    networkOnlyWrong: z.int(),
    baselineOnlyWrong: z.int(),
    jaccard: z.number(),
    baselineWrongGivenNetworkWrong: z.number(),
  }),
  /** Per true output character, sorted by network − baseline accuracy (largest first). */
  byChar: z.array(
    z.object({ char: z.string(), count: z.int(), network: z.number(), baseline: z.number(), difference: z.number() }),
  ),
});
export type NgramArtifact = z.infer<typeof NgramArtifact>;

/** response.json — RNNVis expected response: mean (and std) change of each unit's state per input character. */
export const ResponseArtifact = z.object({
  schemaVersion: z.number(),
  steps: z.int().min(0),
  /** Steps left out per direction: window seams of long sentences, where the previous state is another window's. */
  seamSteps: z.object({ fwd: z.int().min(0), bwd: z.int().min(0) }),
  /** Columns of every matrix below (`count` = steps of that character in the sample). */
  characters: z.array(z.object({ char: z.string(), inputId: z.int().min(0), count: z.int().min(0) })),
  layers: z.array(
    z.object({
      name: z.string(),
      direction: Direction,
      size: z.int().min(0),
      /** mean[unit][character] */
      mean: z.array(z.array(z.number())),
      /** std[unit][character] */
      std: z.array(z.array(z.number())),
    }),
  ),
});
export type ResponseArtifact = z.infer<typeof ResponseArtifact>;

/**
 * coclusters.json — spectral co-clusters of units and input characters on the expected response: on |response|
 * (signs "abs") or with each character split into a positive and a negative column (signs "split").
 */
export const CoclustersArtifact = z.object({
  schemaVersion: z.number(),
  k: z.int().min(1),
  signs: z.enum(['abs', 'split']),
  layers: z.array(z.string()),
  clusters: z.array(
    z.object({
      id: z.int().min(0),
      /** Units of the cluster, with their mean signed response to the cluster's characters; strongest first. */
      units: z.array(UnitRef.extend({ response: z.number() })),
      /** Characters of the cluster, with the mean signed response of the cluster's units; strongest first. */
      /** `sign`: "any" (abs mode), or which half of the split response this column is. */
      characters: z.array(z.object({ char: z.string(), sign: z.enum(['any', 'positive', 'negative']), response: z.number() })),
      /** Mean positive / negative part of the response within the cluster's block. */
      positive: z.number(),
      negative: z.number(),
    }),
  ),
  /** Between every unit cluster and every character cluster (k × k), for the links of the memory-chip view. */
  links: z.array(
    z.object({ units: z.int().min(0), characters: z.int().min(0), positive: z.number(), negative: z.number() }),
  ),
});
export type CoclustersArtifact = z.infer<typeof CoclustersArtifact>;
