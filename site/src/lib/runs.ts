/**
 * One run's artifacts turned into what the pages need, loaded once per build and memoised. Every file goes through
 * loadArtifact (pipeline schema + site view); anything absent is null, and the page says "not produced by this run yet".
 */
import type { z } from 'zod';
import { modelSeqLen } from '../../../pipeline/lib/schemas/model.ts';
import { CELL_LAYERS, DIRECTIONS, GATE_TEXT, type CellKind } from '../../../pipeline/lib/cell-layers.ts';
import { readFileSync } from 'node:fs';
import { artifactExists, artifactPath, listArtifactDir, listRuns, loadArtifact } from './artifacts.ts';
import { pairSlug } from './slug.ts';
import { NEURON_REPORT_VERSION, SENTENCES_VERSION, SentencesFile } from '../../../pipeline/lib/schemas/report.ts';
import { NEURONS_FILE_VERSION, PAIR_FILE_VERSION, type TopNeuron } from '../../../pipeline/lib/schemas/stats.ts';
import { CONCAT, CONCAT_PARTS, columnLayers, pairTop, rankedLayers, type Ranked } from '../../../pipeline/lib/unit-ranking.ts';
import { neuronLayerView } from './neuron-data.ts';
import type { NeuronLayerView } from './neuron-view.ts';
import { setNeuronPages } from './urls.ts';
import {
  CaptureSummary,
  CellsArtifact,
  ClaimsFile,
  CoclustersArtifact,
  CorpusStats,
  DiagramsFile,
  EvalFile,
  ExamplesFile,
  LayersSummary,
  NeuronReportFile,
  NeuronsFile,
  NgramArtifact,
  PairFile as PairFileSchema,
  PairsIndex,
  PatternsFile,
  ResponseArtifact,
  RomanizeStats,
  SaturationArtifact,
  SiteManifest,
  TrainLog,
  UncertaintyFile,
  Vocab as VocabSchema,
} from './views.ts';

export type Manifest = z.infer<typeof SiteManifest>;
export type Vocab = z.infer<typeof VocabSchema>;
export type EvalData = z.infer<typeof EvalFile>;
export type Claims = z.infer<typeof ClaimsFile>;
/**
 * A pair as the pages use it: every layer's full ranking (`corrected` only) and top list (raw distance, AUROC, the
 * first `topNeurons` with histograms), concat derived (pipeline/lib/unit-ranking.ts).
 */
export interface PairFile {
  layers: Record<string, Ranked[]>;
  top: Record<string, TopNeuron[]>;
  /** The file's columns, for lib/neuron-data.ts. */
  corrected: Record<string, number[]>;
}
export type Diagram = z.infer<typeof DiagramsFile>['diagrams'][number];
export type Patterns = z.infer<typeof PatternsFile>;
export type Uncertainty = z.infer<typeof UncertaintyFile>;
export type LayersSummaryData = z.infer<typeof LayersSummary>;
export type NeuronReport = NeuronLayerView;

/** Where each artifact lives, the pipeline schema that reads it, and the stage that writes it. */
export const REFS = {
  manifest: { file: 'manifest.json', stage: 'corpus', schema: SiteManifest },
  corpusStats: { file: 'corpus/stats.json', stage: 'corpus', schema: CorpusStats },
  romanizeStats: { file: 'romanize/stats.json', stage: 'romanize', schema: RomanizeStats },
  vocab: { file: 'align/vocab.json', stage: 'align', schema: VocabSchema },
  trainLog: { file: 'train-log.json', stage: 'train', schema: TrainLog },
  eval: { file: 'eval.json', stage: 'evaluate', schema: EvalFile },
  captureSummary: { file: 'capture/summary.json', stage: 'capture', schema: CaptureSummary },
  saturation: { file: 'beyond/saturation.json', stage: 'beyond', schema: SaturationArtifact },
  cells: { file: 'beyond/cells.json', stage: 'beyond', schema: CellsArtifact },
  ngram: { file: 'beyond/ngram.json', stage: 'beyond', schema: NgramArtifact },
  response: { file: 'beyond/response.json', stage: 'beyond', schema: ResponseArtifact },
  coclusters: { file: 'beyond/coclusters.json', stage: 'beyond', schema: CoclustersArtifact },
  pairsIndex: { file: 'stats/pairs/index.json', stage: 'stats', schema: PairsIndex },
  layersSummary: { file: 'stats/layers.json', stage: 'stats', schema: LayersSummary },
  claims: { file: 'claims.json', stage: 'stats', schema: ClaimsFile },
  diagrams: { file: 'stats/diagrams.json', stage: 'stats', schema: DiagramsFile },
  patterns: { file: 'stats/patterns.json', stage: 'stats', schema: PatternsFile },
  uncertainty: { file: 'stats/uncertainty.json', stage: 'stats', schema: UncertaintyFile },
  examples: { file: 'report/examples.json', stage: 'report', schema: ExamplesFile },
  sentences: { file: 'report/sentences.json', stage: 'report', schema: SentencesFile, version: SENTENCES_VERSION },
} as const;

/** The report stage's file for one layer's neurons (pipeline/lib/schemas/report.ts); concat's are fwd.h's and bwd.h's. */
export const neuronReportRef = (layer: string) => ({
  file: `report/neurons/${layer === CONCAT ? CONCAT_PARTS[0] : layer}.json`,
  stage: 'report',
  schema: NeuronReportFile,
  version: NEURON_REPORT_VERSION,
});
const statsNeuronsRef = (layer: string) => ({ file: `stats/neurons/${layer}.json`, stage: 'stats', schema: NeuronsFile, version: NEURONS_FILE_VERSION });

export interface LayerInfo {
  /** Capture name (docs/CONTRACTS.md): fwd.i … bwd.h, concat, hidden, output. */
  name: string;
  size: number;
  /** 'fwd' | 'bwd' for recurrent gates and states, else the layer's own name. */
  direction: 'fwd' | 'bwd' | 'concat' | 'hidden' | 'output';
  /** Gate letter for recurrent layers (i f o g c h / z r g h / h). */
  gate: string | null;
  describe: string;
}

export interface PairSummary {
  slug: string;
  input: string;
  output: string;
  file: string;
  /** Steps with input c: output = o, and output ≠ o. */
  counts: Record<string, number>;
  /** `copy`: a Latin letter copied as itself (a→a), kept apart from the post's pairs; `mirror`: the split's other side. */
  section: 'post' | 'copy';
  mirror: string | null;
  /** The most selective neuron per layer (by the corrected selectivity, the file's order): its raw and corrected scores. */
  best: Record<string, { neuron: number; hellinger: number; corrected?: number }>;
}

/** The capture layers of a run, derived from its config and vocabulary as docs/CONTRACTS.md defines them. */
export function layersOf(manifest: Manifest, vocab: Vocab | null): LayerInfo[] {
  const { cell, units, hidden } = manifest.config.model;
  const out: LayerInfo[] = [];
  for (const dir of DIRECTIONS)
    for (const g of CELL_LAYERS[cell as CellKind] ?? CELL_LAYERS.rnn)
      out.push({
        name: `${dir}.${g}`,
        size: units,
        direction: dir,
        gate: g,
        describe: `${dir === 'fwd' ? 'forward' : 'backward'} ${cell.toUpperCase()} ${GATE_TEXT[g] ?? g}`,
      });
  out.push({ name: 'concat', size: 2 * units, direction: 'concat', gate: null, describe: 'both directions\u2019 hidden states, forward then backward' });
  if (vocab) {
    out.push({ name: 'hidden', size: hidden + vocab.input.length, direction: 'hidden', gate: null, describe: 'dense tanh layer, then the one-hot input' });
    out.push({ name: 'output', size: vocab.output.length, direction: 'output', gate: null, describe: 'softmax probability of each output character' });
  }
  return out;
}

/** The saved model's input width (its `onehot` layer) and output width (its `output` layer); null if not stated. */
function modelSizes(path: string): { input: number | null; output: number | null; seqLen: number | null } {
  type Layer = { name?: string; config?: { batch_input_shape?: (number | null)[]; units?: number } };
  const json = JSON.parse(readFileSync(path, 'utf8')) as {
    modelTopology?: { config?: { layers?: Layer[] } };
  };
  const layers = json.modelTopology?.config?.layers ?? [];
  const shape = layers.find((l) => l.name === 'onehot')?.config?.batch_input_shape;
  const last = shape?.[shape.length - 1];
  const units = layers.find((l) => l.name === 'output')?.config?.units;
  return {
    input: typeof last === 'number' ? last : null,
    output: typeof units === 'number' ? units : null,
    seqLen: modelSeqLen(json, path),
  };
}

/** The beyond stage's analyses (Karpathy et al. 2015, RNNVis), each loaded when its page is built. */
export interface Beyond {
  saturation: z.infer<typeof SaturationArtifact> | null;
  cells: z.infer<typeof CellsArtifact> | null;
  ngram: z.infer<typeof NgramArtifact> | null;
  response: z.infer<typeof ResponseArtifact> | null;
  coclusters: z.infer<typeof CoclustersArtifact> | null;
}

export class RunData {
  readonly manifest: Manifest | null;
  readonly vocab: Vocab | null;
  readonly corpusStats: z.infer<typeof CorpusStats> | null;
  readonly romanizeStats: z.infer<typeof RomanizeStats> | null;
  readonly trainLog: z.infer<typeof TrainLog> | null;
  readonly examples: z.infer<typeof ExamplesFile> | null;
  readonly evalData: EvalData | null;
  readonly captureSummary: z.infer<typeof CaptureSummary> | null;
  readonly claims: Claims | null;
  readonly diagrams: Diagram[] | null;
  readonly patterns: Patterns | null;
  readonly uncertainty: Uncertainty | null;
  readonly layersSummary: LayersSummaryData | null;
  readonly layers: LayerInfo[];
  readonly modelFiles: string[];
  private pairsCache: PairSummary[] | null | undefined;
  private statsLayers: { name: string; size: number }[] = [];
  /** Inconsistencies between this run's artifacts, shown on every page of the run. */
  readonly problems: string[] = [];
  /** The model's training window (model.json metadata), used to cut long lines like the pipeline does. */
  readonly modelSeqLen: number | null;
  /** The model can run on this run's vocabulary (same input width). */
  get modelUsable(): boolean {
    return this.modelFiles.length > 0 && this.vocab !== null && !this.problems.some((p) => p.startsWith('model/model.json'));
  }
  private pairFiles = new Map<string, PairFile>();
  private neuronReports = new Map<string, NeuronReport | null>();

  constructor(readonly name: string) {
    this.manifest = loadArtifact(name, REFS.manifest);
    this.vocab = loadArtifact(name, REFS.vocab);
    this.corpusStats = loadArtifact(name, REFS.corpusStats);
    this.romanizeStats = loadArtifact(name, REFS.romanizeStats);
    this.trainLog = loadArtifact(name, REFS.trainLog);
    this.evalData = loadArtifact(name, REFS.eval);
    this.examples = loadArtifact(name, REFS.examples);
    this.captureSummary = loadArtifact(name, REFS.captureSummary);
    this.claims = loadArtifact(name, REFS.claims);
    this.diagrams = loadArtifact(name, REFS.diagrams)?.diagrams ?? null;
    this.patterns = loadArtifact(name, REFS.patterns);
    this.uncertainty = loadArtifact(name, REFS.uncertainty);
    this.layersSummary = loadArtifact(name, REFS.layersSummary);
    this.layers = this.manifest ? layersOf(this.manifest, this.vocab) : [];
    this.modelFiles = artifactExists(name, 'model/model.json') ? listArtifactDir(name, 'model') : [];
    const sizes = this.modelFiles.length ? modelSizes(artifactPath(name, 'model/model.json')) : null;
    this.modelSeqLen = sizes?.seqLen ?? null;
    for (const side of ['input', 'output'] as const) {
      const n = sizes?.[side];
      if (n === null || n === undefined || !this.vocab || n === this.vocab[side].length) continue;
      const msg = `model/model.json has ${n} ${side} symbols but align/vocab.json has ${this.vocab[side].length}: the model was trained on another vocabulary; rerun make report`;
      console.warn(`[site] ${name}: ${msg}`);
      this.problems.push(msg);
    }
  }

  get description(): string {
    return this.manifest?.config.description ?? '';
  }

  diagram(input: string, output: string): Diagram | null {
    return this.diagrams?.find((d) => d.input === input && d.output === output) ?? null;
  }

  uncertaintyOf(input: string, output: string): Uncertainty['pairs'][number] | null {
    return this.uncertainty?.pairs.find((p) => p.input === input && p.output === output) ?? null;
  }

  layer(name: string): LayerInfo | undefined {
    return this.layers.find((l) => l.name === name);
  }

  private beyondCache: Beyond | null = null;
  get beyond(): Beyond {
    return (this.beyondCache ??= {
      saturation: loadArtifact(this.name, REFS.saturation),
      cells: loadArtifact(this.name, REFS.cells),
      ngram: loadArtifact(this.name, REFS.ngram),
      response: loadArtifact(this.name, REFS.response),
      coclusters: loadArtifact(this.name, REFS.coclusters),
    });
  }

  /** A layer as analysed by the stats stage (its size from the statistics). */
  analysedLayer(name: string): LayerInfo | undefined {
    return this.analysedLayers.find((l) => l.name === name);
  }

  /** All analysed (input, output) pairs, or null when the stats stage has not run. */
  get pairs(): PairSummary[] | null {
    if (this.pairsCache !== undefined) return this.pairsCache;
    const index = loadArtifact(this.name, REFS.pairsIndex);
    if (!index) return (this.pairsCache = null);
    this.statsLayers = index.layers;
    for (const l of index.layers) {
      const mine = this.layer(l.name);
      // Artifacts of different pipeline versions (a stage rerun without its downstream): show, but say so loudly.
      if (mine && mine.size !== l.size) {
        const msg = `stats/pairs/index.json says layer ${l.name} has ${l.size} neurons, while the config and align/vocab.json imply ${mine.size}: the stats are older or newer than the model; rerun make report`;
        console.warn(`[site] ${this.name}: ${msg}`);
        this.problems.push(msg);
      }
    }
    const seen = new Map<string, string>();
    this.pairsCache = index.pairs.map((p) => {
      const slug = pairSlug(p.input, p.output);
      const clash = seen.get(slug);
      if (clash) throw new Error(`pairs ${clash} and ${p.input}→${p.output} share the URL slug ${slug}`);
      seen.set(slug, `${p.input}→${p.output}`);
      const counts = { 'output = o': p.eq, 'output ≠ o': p.ne };
      const file = this.pairFileByPath(p.file, slug);
      const best: PairSummary['best'] = {};
      for (const [layer, top] of Object.entries(file.top))
        if (top.length) best[layer] = { neuron: top[0].neuron, hellinger: top[0].hellinger, corrected: top[0].corrected };
      return { slug, input: p.input, output: p.output, file: p.file, counts, best, section: p.section ?? 'post', mirror: p.mirror ?? null };
    });
    return this.pairsCache;
  }

  private pairFileByPath(file: string, slug: string): PairFile {
    let data = this.pairFiles.get(slug);
    if (!data) {
      // Index entries name their file relative to stats/pairs/ (or to the run folder when they start with stats/).
      const rel = file.startsWith('stats/') ? file : `stats/pairs/${file}`;
      const raw = loadArtifact(this.name, { file: rel, stage: 'stats', schema: PairFileSchema, version: PAIR_FILE_VERSION });
      if (!raw) throw new Error(`${this.name}: stats/pairs/index.json lists ${file}, which does not exist`);
      const top = Object.fromEntries(columnLayers(raw.corrected).map((l) => [l, pairTop(raw, l) ?? []]));
      data = { layers: rankedLayers(raw.corrected), top, corrected: raw.corrected };
      this.pairFiles.set(slug, data);
    }
    return data;
  }

  pair(slug: string): { summary: PairSummary; data: PairFile } | null {
    const summary = this.pairs?.find((p) => p.slug === slug);
    if (!summary) return null;
    return { summary, data: this.pairFileByPath(summary.file, slug) };
  }

  /** Every neuron's page data of one layer (lib/neuron-data.ts), or null when the report stage has not run. */
  neuronReport(layer: string): NeuronReport | null {
    if (!this.neuronReports.has(layer)) this.neuronReports.set(layer, this.loadNeuronView(layer));
    return this.neuronReports.get(layer)!;
  }

  private loadNeuronView(layer: string): NeuronReport | null {
    const parts = layer === CONCAT ? [...CONCAT_PARTS] : [layer];
    const reports = parts.map((l) => loadArtifact(this.name, { ...neuronReportRef(l) }));
    const neurons = parts.map((l) => loadArtifact(this.name, statsNeuronsRef(l)));
    const sentences = loadArtifact(this.name, REFS.sentences);
    const pairs = this.pairs;
    if (!pairs || !sentences || reports.some((r) => !r) || neurons.some((n) => !n)) return null;
    return neuronLayerView({
      layer,
      reports: reports.map((r) => r!),
      neurons: neurons.map((n) => n!),
      sentences,
      pairs: pairs.map((p) => ({ input: p.input, output: p.output })),
      columns: pairs.map((p) => this.pairFileByPath(p.file, p.slug).corrected),
      patterns: this.patterns,
    });
  }

  /** Neurons with a server-rendered page of their own (the report's `featured`: first for some pair). */
  hasNeuronPage(layer: string, neuron: number): boolean {
    return this.neuronReport(layer)?.featured.includes(neuron) ?? false;
  }

  /** Layers that have per-pair statistics, i.e. whose neurons get a page. */
  get analysedLayers(): LayerInfo[] {
    if (!this.pairs) return [];
    const sizes = new Map(this.statsLayers.map((l) => [l.name, l.size]));
    // Neuron counts as the statistics have them (they are what the pages show).
    return this.layers.filter((l) => sizes.has(l.name)).map((l) => ({ ...l, size: sizes.get(l.name)! }));
  }
}

const cache = new Map<string, RunData>();

export function getRun(name: string): RunData {
  let run = cache.get(name);
  if (!run) cache.set(name, (run = new RunData(name)));
  return run;
}

// Links to a neuron go to its own page when it has one, else to its layer's page, which draws it in the browser.
setNeuronPages((run, layer, neuron) => {
  const r = getRun(run);
  return !r.analysedLayer(layer) ? 'none' : r.hasNeuronPage(layer, neuron) ? 'page' : 'layer';
});

export function allRuns(): RunData[] {
  return listRuns().map(getRun);
}
