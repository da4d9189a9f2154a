/**
 * The fields the site reads from each artifact, as loose zod objects (extra fields pass through). These sit on top of
 * the pipeline's own schemas: they state what the pages depend on, so the build fails if a rename removes one.
 */
import { z } from 'zod';

const num = z.number();

export const ManifestView = z.looseObject({
  run: z.string(),
  config: z.looseObject({
    run: z.string(),
    seed: z.number(),
    description: z.string().optional(),
    model: z.looseObject({ cell: z.string(), units: z.number(), hidden: z.number() }),
  }),
  stages: z.record(z.string(), z.unknown()),
});

export const VocabView = z.looseObject({ input: z.array(z.string()), output: z.array(z.string()) });

/** Any JSON object: corpus statistics and the training log are shown generically (tables of scalars, curves). */
export const AnyObject = z.record(z.string(), z.unknown());

/** Percentages (0–100), as pipeline/lib/schemas/train.ts defines them. */
const Accuracies = z.looseObject({ charAccuracy: num, wordAccuracy: num, sentenceAccuracy: num });
export const EvalView = z.looseObject({
  test: Accuracies,
  baseline: z.looseObject({ method: z.string().optional(), test: Accuracies }),
  examples: z.array(z.looseObject({ input: z.string(), output: z.string(), baseline: z.string() })),
  mistakes: z.array(z.looseObject({ input: z.string(), truth: z.string(), predicted: z.string() })).optional(),
});

export const PairsIndexView = z.looseObject({
  layers: z.array(z.looseObject({ name: z.string(), size: z.number() })),
  /** `section` (post / copy) and `mirror`: absent in indexes written before issue 13. */
  pairs: z.array(
    z.looseObject({
      input: z.string(),
      output: z.string(),
      file: z.string(),
      eq: num,
      ne: num,
      section: z.enum(['post', 'copy']).optional(),
      mirror: z.string().nullable().optional(),
    }),
  ),
});

const Histo = z.looseObject({ min: num, max: num, bins: num, offset: num, eq: z.array(num), ne: z.array(num) });
export const PairFileView = z.looseObject({
  input: z.string(),
  output: z.string(),
  /** `corrected` (bias-corrected selectivity, the ranking measure) and `auroc`: absent in files written before issue 13. */
  layers: z.record(z.string(), z.array(z.looseObject({ neuron: z.number(), hellinger: num, corrected: num.optional(), auroc: num.optional() }))),
  top: z.record(z.string(), z.array(z.looseObject({ neuron: z.number(), hellinger: num, histogram: Histo }))),
});

export const NeuronsFileView = z.looseObject({
  layer: z.string(),
  size: num,
  neurons: z.array(z.looseObject({ neuron: num, pairs: z.array(num), hellinger: z.array(num), corrected: z.array(num).optional() })),
});

export const ClaimsView = z.looseObject({
  claims: z.array(
    z.looseObject({
      id: z.string(),
      statement: z.string(),
      pass: z.boolean(),
      figures: z.record(z.string(), z.unknown()),
      test: z
        .looseObject({ statistic: z.string(), value: num.nullable(), interval: z.tuple([num, num]).nullable(), pValue: num.nullable() })
        .optional(),
    }),
  ),
});

// Diagrams, pattern cells, uncertainty: the pipeline's schemas are used as they are (pipeline/lib/schemas/analyses.ts).
export { DiagramsFile, PatternsFile, UncertaintyFile } from '../../../pipeline/lib/schemas/analyses.ts';
export { LayersSummary } from '../../../pipeline/lib/schemas/stats.ts';
export { CorpusStats } from '../../../pipeline/lib/schemas/corpus.ts';
export { CaptureSummary } from '../../../pipeline/lib/schemas/capture.ts';
export { RomanizeStats } from '../../../pipeline/lib/schemas/romanize.ts';
export { SaturationArtifact, CellsArtifact, NgramArtifact, ResponseArtifact, CoclustersArtifact } from '../../../pipeline/lib/schemas/beyond.ts';
