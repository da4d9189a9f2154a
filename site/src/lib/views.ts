/**
 * The schemas the site reads each artifact with: the pipeline's own (pipeline/lib/schemas/*), so a change of shape
 * fails the build naming the file, and the pages' types follow the pipeline's. The manifest's config is read as the
 * pipeline's RunConfig (its `config` is opaque in pipeline/lib/stage.ts).
 */
import { Manifest } from '../../../pipeline/lib/stage.ts';
import { RunConfig } from '../../../pipeline/lib/config.ts';

export const SiteManifest = Manifest.extend({ config: RunConfig });

export { Vocab } from '../../../pipeline/lib/schemas/align.ts';
export { TrainLog } from '../../../pipeline/lib/schemas/train.ts';
export { EvalFile } from '../../../pipeline/lib/schemas/evaluate.ts';
export { PairsIndex, PairFile, NeuronsFile, LayersSummary } from '../../../pipeline/lib/schemas/stats.ts';
export { ClaimsFile, DiagramsFile, PatternsFile, UncertaintyFile } from '../../../pipeline/lib/schemas/analyses.ts';
export { CorpusStats } from '../../../pipeline/lib/schemas/corpus.ts';
export { CaptureSummary } from '../../../pipeline/lib/schemas/capture.ts';
export { RomanizeStats } from '../../../pipeline/lib/schemas/romanize.ts';
export { SaturationArtifact, CellsArtifact, NgramArtifact, ResponseArtifact, CoclustersArtifact } from '../../../pipeline/lib/schemas/beyond.ts';
export { ExamplesFile, NeuronReportFile } from '../../../pipeline/lib/schemas/report.ts';
