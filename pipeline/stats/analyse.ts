import type { CaptureReader } from '../capture/types.ts';
import type { NeuronUncertainty, NeuronDiagram, PatternResult, UncertaintyFile } from '../lib/schemas/analyses.ts';
import type { LayerSummary, NeuronDistance, PairFile, PairInfo, TopNeuron } from '../lib/schemas/stats.ts';
import { inputSteps, meanOverSteps, outputsOfInput, pairSampleSteps } from './analysis-steps.ts';
import { buildClaims } from './claims.ts';
import { buildDiagram, type WeightArray } from './diagram.ts';
import { compactHistograms, layerSelectivity, pairHistograms } from './histogram.ts';
import { SUMMARY_TOP, summariseGates, summariseLayer } from './layers.ts';
import { rankNeurons, rankPairs } from './neurons.ts';
import { pairFileName, pairLabel, selectPairs, type Pair } from './pairs.ts';
import { analysePatternLayer, assemblePattern, markPattern, type PatternLayerResult } from './pattern.ts';
import { layerUncertainty } from './uncertainty.ts';

/**
 * The statistics over one capture, as JSON-ready objects keyed by their path under `artifacts/<run>/`. Layers are
 * loaded one at a time; everything a later step needs from a layer (distances, the diagram's means, the pattern
 * and uncertainty results) is taken while it is loaded, then the layer is dropped, so memory stays at one layer.
 */

export interface StatsOptions {
  bins: number;
  minCount: number;
  topNeurons: number;
  histogramBins: number;
  bootstrap: number;
  uncertaintyLayers: string[];
  patterns: { name: string; output: string }[];
  seed: number;
}

export interface StatsExtras {
  /** Dense kernels of the trained model, for the neuron diagrams (skipped without them). */
  kernels?: { hidden: WeightArray; output: WeightArray };
  /** The model's transliteration of the claims' example sentence (null: not run). */
  translit?: string | null;
  /** Called after each layer with (layers done, layers). */
  onLayer?: (done: number, total: number, name: string) => void;
}

/** Which of the further analyses ran, and what their outputs are called. */
export const OUTPUT_FILES = {
  index: 'stats/pairs/index.json',
  layers: 'stats/layers.json',
  diagrams: 'stats/diagrams.json',
  patterns: 'stats/patterns.json',
  uncertainty: 'stats/uncertainty.json',
  claims: 'claims.json',
} as const;

export const pairPath = (p: Pair): string => `stats/pairs/${pairFileName(p)}`;
export const neuronsPath = (layer: string): string => `stats/neurons/${layer}.json`;

/** Uncertainty interval level (central). */
const LEVEL = 0.9;
/** Pattern neurons per layer that get a shuffled-label null and traces. */
const PATTERN_DETAILED = 3;

export async function analyse(reader: CaptureReader, opt: StatsOptions, extras: StatsExtras = {}): Promise<Map<string, object>> {
  const out = new Map<string, object>();
  const { meta, vocab } = reader;
  const pairs = selectPairs(meta, vocab, opt.minCount);
  const labels = pairs.map(pairLabel);
  // Steps of each pair's letter, and its two classes (computed once, reused by every layer).
  const letterSteps = new Map<number, Int32Array>();
  for (const p of pairs) if (!letterSteps.has(p.inputId)) letterSteps.set(p.inputId, inputSteps(meta, p.inputId));
  const classA = pairs.map((p) => pairSampleSteps(meta, p.inputId, p.outputId));
  const classB = pairs.map((p) => letterSteps.get(p.inputId)!.filter((s) => meta.targetId[s] !== p.outputId));

  const pairLayers: Record<string, NeuronDistance[]>[] = pairs.map(() => ({}));
  const pairTop: Record<string, TopNeuron[]>[] = pairs.map(() => ({}));
  const distances = new Map<string, Float64Array>();
  const summaries: LayerSummary[] = [];
  const uncertainty: NeuronUncertainty[][] = pairs.map(() => []);
  const marks = opt.patterns.map((p) => ({ ...p, mark: markPattern(meta, vocab.output, reader.sentences, p.output) }));
  const patternLayers: PatternLayerResult[][] = marks.map(() => []);
  let meanConcat: Float64Array[] | null = null;
  let meanHidden: Float64Array[] | null = null;
  const uncertain = new Set(opt.uncertaintyLayers);

  for (const [li, layer] of reader.layers.entries()) {
    const data = await reader.loadLayer(layer.name);
    const size = layer.size;
    const sel = layerSelectivity(data, size, meta, pairs, opt.bins);
    distances.set(layer.name, sel.distance);
    pairs.forEach((p, k) => {
      const ranked = rankNeurons(sel.distance, size, k);
      pairLayers[k][layer.name] = ranked;
      const steps = letterSteps.get(p.inputId)!;
      pairTop[k][layer.name] = ranked.slice(0, opt.topNeurons).map((n) => {
        const lo = sel.min[n.neuron];
        const hi = sel.max[n.neuron];
        const h = pairHistograms(data, size, n.neuron, lo, hi, opt.bins, meta.targetId, steps, p.outputId);
        return { ...n, histogram: compactHistograms(h.eq, h.ne, lo, hi, opt.histogramBins) };
      });
      if (uncertain.has(layer.name) && opt.bootstrap > 0)
        uncertainty[k].push(
          ...layerUncertainty(data, size, layer.name, classA[k], classB[k], ranked.slice(0, opt.topNeurons).map((n) => n.neuron), {
            bins: opt.bins,
            replicates: opt.bootstrap,
            seed: opt.seed,
            label: labels[k],
            level: LEVEL,
          }),
        );
    });
    out.set(neuronsPath(layer.name), { layer: layer.name, size, pairLabels: labels, neurons: rankPairs(sel.distance, size, pairs.length) });
    summaries.push(summariseLayer(layer.name, sel.distance, size, pairs.length));
    marks.forEach((m, k) => {
      if (m.mark.insideSteps === 0) return;
      patternLayers[k].push(
        analysePatternLayer(data, size, layer.name, m.mark, {
          bins: opt.bins,
          top: opt.topNeurons,
          detailed: PATTERN_DETAILED,
          replicates: opt.bootstrap,
          seed: opt.seed,
        }),
      );
    });
    if (layer.name === 'concat') meanConcat = classA.map((s) => meanOverSteps(data, size, s));
    if (layer.name === 'hidden') meanHidden = classA.map((s) => meanOverSteps(data, size, s));
    extras.onLayer?.(li + 1, reader.layers.length, layer.name);
  }

  const infos: PairInfo[] = pairs.map((p, k) => ({
    input: p.input,
    output: p.output,
    inputId: p.inputId,
    outputId: p.outputId,
    label: labels[k],
    eq: p.eq,
    ne: p.ne,
    file: pairFileName(p),
  }));
  out.set(OUTPUT_FILES.index, {
    steps: reader.steps,
    bins: opt.bins,
    minCount: opt.minCount,
    layers: reader.layers.map((l) => ({ name: l.name, size: l.size })),
    pairs: infos,
  });
  pairs.forEach((p, k) => {
    const { file: _file, ...info } = infos[k];
    const value: Omit<PairFile, 'schemaVersion'> = { ...info, layers: pairLayers[k], top: pairTop[k] };
    out.set(pairPath(p), value);
  });
  const gates = summariseGates(summaries);
  out.set(OUTPUT_FILES.layers, {
    top: SUMMARY_TOP,
    pairs: pairs.length,
    layers: summaries,
    gates,
    mostSelectiveGate: gates[0]?.gate ?? null,
  });

  // Further analyses (pipeline/stats/{diagram,pattern,uncertainty,claims}.ts).
  const selectivity = pairs.map((p, k) => ({
    input: p.input,
    output: p.output,
    layers: Object.fromEntries([...distances].map(([name, d]) => {
      const size = d.length / Math.max(1, pairs.length);
      return [name, d.subarray(k * size, (k + 1) * size)];
    })),
  }));
  const unc: Omit<UncertaintyFile, 'schemaVersion'> = {
    level: LEVEL,
    replicates: opt.bootstrap,
    pairs: pairs.map((p, k) => ({ input: p.input, output: p.output, neurons: uncertainty[k] })),
  };
  out.set(OUTPUT_FILES.uncertainty, unc);
  const patterns: PatternResult[] = marks.map((m, k) => assemblePattern(m.name, m.mark, patternLayers[k]));
  out.set(OUTPUT_FILES.patterns, { patterns });
  if (extras.kernels && meanConcat && meanHidden) {
    const diagrams: NeuronDiagram[] = pairs.map((p, k) =>
      buildDiagram({
        input: { id: p.inputId, char: p.input },
        output: { id: p.outputId, char: p.output },
        otherOutputs: outputsOfInput(meta, p.inputId, opt.minCount).map((o) => ({ id: o.id, char: vocab.output[o.id] ?? '' })),
        samples: classA[k].length,
        distances: selectivity[k].layers,
        meanConcat: meanConcat![k],
        meanHidden: meanHidden![k],
        hiddenKernel: extras.kernels!.hidden,
        outputKernel: extras.kernels!.output,
      }),
    );
    out.set(OUTPUT_FILES.diagrams, { diagrams });
  }
  out.set(OUTPUT_FILES.claims, {
    claims: buildClaims({ selectivity, patterns, translit: extras.translit ?? null, top: SUMMARY_TOP }),
  });
  return out;
}
