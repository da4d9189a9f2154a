/**
 * The further analyses over a whole capture, in the same single pass over layers as the core selectivity
 * (each layer is loaded once): the stats stage creates one `FurtherAnalyses`, feeds it every layer right after
 * computing that layer's selectivity, and asks for the results at the end.
 *
 *   const fa = new FurtherAnalyses(reader, pairs, kernelsOf(model), { bins, topNeurons, bootstrap, seed, patterns, minCount });
 *   for (const { name, size } of reader.layers) {
 *     const data = await reader.loadLayer(name);
 *     const sel = layerSelectivity(data, size, reader.meta, pairs, bins);   // histogram.ts
 *     fa.addLayer(name, size, data, sel);
 *   }
 *   const { diagrams, patterns, uncertainty, selectivity } = fa.finish();
 *   claims = buildClaims({ selectivity, patterns: patterns.patterns, translit: await transliterate(...) });
 *
 * Types are structural (a `Pair` of pairs.ts and a `LayerSelectivity` of histogram.ts fit), so this file does not
 * depend on how the core selectivity is implemented.
 */
import type { CapturedSentence, StepMeta } from '../capture/types.ts';
import type { DiagramsFile, NeuronDiagram, NeuronUncertainty, PatternsFile, UncertaintyFile } from '../lib/schemas/analyses.ts';
import { inputSteps, meanOverSteps, outputsOfInput, topIndices } from './analysis-steps.ts';
import type { PairSelectivity } from './claims.ts';
import { buildDiagram, type WeightArray } from './diagram.ts';
import { analysePatternLayer, assemblePattern, markPattern, type PatternLayerResult, type PatternMark } from './pattern.ts';
import { layerUncertainty } from './uncertainty.ts';

export interface AnalysisPair {
  inputId: number;
  outputId: number;
  input: string;
  output: string;
}

/** One layer's selectivity: neuron bin ranges and distances [pairs × size], pair-major. */
export interface LayerDistances {
  min: ArrayLike<number>;
  max: ArrayLike<number>;
  distance: Float64Array;
}

export interface FurtherOptions {
  bins: number;
  /** Neurons per pair and layer that get an uncertainty estimate (config stats.topNeurons). */
  topNeurons: number;
  /** Bootstrap / permutation replicates (config stats.bootstrap). */
  bootstrap: number;
  seed: number;
  patterns: { name: string; output: string }[];
  /** Outputs of c seen at least this often are drawn beside o in the diagrams (config stats.minCount). */
  minCount: number;
  /** Layers that get uncertainty estimates (default: all). */
  uncertaintyLayers?: string[];
  /** Pattern neurons per layer (best by distance, and best by |effect|) with a null and sample traces (default 2). */
  patternDetailed?: number;
}

export interface ModelKernels {
  hiddenKernel: WeightArray;
  outputKernel: WeightArray;
}

/** The two dense kernels from capture's ModelWeights (model-file.ts). */
export function kernelsOf(m: {
  units: number;
  hiddenUnits: number;
  inputSize: number;
  outputSize: number;
  hiddenKernel: Float32Array;
  outputKernel: Float32Array;
}): ModelKernels {
  return {
    hiddenKernel: { shape: [2 * m.units, m.hiddenUnits], data: m.hiddenKernel },
    outputKernel: { shape: [m.hiddenUnits + m.inputSize, m.outputSize], data: m.outputKernel },
  };
}

interface Source {
  meta: StepMeta;
  vocab: { input: string[]; output: string[] };
  sentences: readonly CapturedSentence[];
}

export class FurtherAnalyses {
  private readonly eqSteps: Int32Array[];
  private readonly neSteps: Int32Array[];
  private readonly distances: Record<string, Float64Array>[];
  private readonly means: { concat?: Float64Array; hidden?: Float64Array }[];
  private readonly uncertainty: NeuronUncertainty[][];
  private readonly marks: PatternMark[];
  private readonly patternLayers: PatternLayerResult[][];

  constructor(
    private readonly src: Source,
    private readonly pairs: AnalysisPair[],
    private readonly kernels: ModelKernels,
    private readonly opt: FurtherOptions,
  ) {
    const byInput = new Map<number, Int32Array>();
    for (const p of pairs) if (!byInput.has(p.inputId)) byInput.set(p.inputId, inputSteps(src.meta, p.inputId));
    const t = src.meta.targetId;
    this.eqSteps = pairs.map((p) => byInput.get(p.inputId)!.filter((s) => t[s] === p.outputId));
    this.neSteps = pairs.map((p) => byInput.get(p.inputId)!.filter((s) => t[s] !== p.outputId));
    this.distances = pairs.map(() => ({}));
    this.means = pairs.map(() => ({}));
    this.uncertainty = pairs.map(() => []);
    this.marks = opt.patterns.map((p) => markPattern(src.meta, src.vocab.output, src.sentences, p.output));
    this.patternLayers = opt.patterns.map(() => []);
  }

  /** Everything that needs this layer's activations; `sel` is the layer's selectivity for the same pairs. */
  addLayer(name: string, size: number, data: Float32Array, sel: LayerDistances): void {
    if (sel.distance.length !== this.pairs.length * size)
      throw new Error(`FurtherAnalyses.addLayer(${name}): ${sel.distance.length} distances for ${this.pairs.length} pairs × ${size}`);
    const withUncertainty = !this.opt.uncertaintyLayers || this.opt.uncertaintyLayers.includes(name);
    this.pairs.forEach((p, i) => {
      const row = sel.distance.subarray(i * size, (i + 1) * size);
      this.distances[i][name] = row;
      if (name === 'concat' || name === 'hidden') this.means[i][name] = meanOverSteps(data, size, this.eqSteps[i]);
      if (!withUncertainty) return;
      const top = topIndices(row, this.opt.topNeurons);
      this.uncertainty[i].push(
        ...layerUncertainty(data, size, name, this.eqSteps[i], this.neSteps[i], top, {
          bins: this.opt.bins,
          replicates: this.opt.bootstrap,
          seed: this.opt.seed,
          label: `${p.inputId}>${p.outputId}`,
          ranges: sel,
        }),
      );
    });
    this.marks.forEach((mark, k) =>
      this.patternLayers[k].push(
        analysePatternLayer(data, size, name, mark, {
          bins: this.opt.bins,
          top: this.opt.topNeurons,
          detailed: this.opt.patternDetailed ?? 2,
          replicates: this.opt.bootstrap,
          seed: this.opt.seed,
        }),
      ),
    );
  }

  private diagram(i: number): NeuronDiagram | null {
    const p = this.pairs[i];
    const d = this.distances[i];
    const m = this.means[i];
    if (!d.concat || !d.hidden || !d.output || !m.concat || !m.hidden) return null;
    const others = outputsOfInput(this.src.meta, p.inputId, this.opt.minCount).map((o) => ({
      id: o.id,
      char: this.src.vocab.output[o.id] ?? '?',
    }));
    return buildDiagram({
      input: { id: p.inputId, char: p.input },
      output: { id: p.outputId, char: p.output },
      otherOutputs: others,
      samples: this.eqSteps[i].length,
      distances: d,
      meanConcat: m.concat,
      meanHidden: m.hidden,
      ...this.kernels,
    });
  }

  finish(): { diagrams: DiagramsFile; patterns: PatternsFile; uncertainty: UncertaintyFile; selectivity: PairSelectivity[] } {
    const diagrams = this.pairs.map((_, i) => this.diagram(i)).filter((x): x is NeuronDiagram => x !== null);
    const patterns = this.opt.patterns.map((p, k) => assemblePattern(p.name, this.marks[k], this.patternLayers[k]));
    return {
      diagrams: { diagrams },
      patterns: { patterns },
      uncertainty: {
        level: 0.9,
        replicates: this.opt.bootstrap,
        pairs: this.pairs.map((p, i) => ({ input: p.input, output: p.output, neurons: this.uncertainty[i] })),
      },
      selectivity: this.pairs.map((p, i) => ({ input: p.input, output: p.output, layers: this.distances[i] })),
    };
  }
}
