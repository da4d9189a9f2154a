/**
 * The further analyses over a whole capture, in the same single pass over layers as the core selectivity
 * (each layer is loaded once): the stats stage creates one `FurtherAnalyses`, feeds it every layer right after
 * computing that layer's selectivity, and asks for the results at the end.
 *
 *   const fa = new FurtherAnalyses(reader, pairs, kernelsOf(model), { bins, topNeurons, bootstrap, seed, patterns, minCount, half });
 *   for (const { name, size } of reader.layers) {
 *     const data = await reader.loadLayer(name);
 *     const sel = layerSelectivity(data, size, reader.meta, pairs, bins, half);   // histogram.ts
 *     fa.addLayer(name, size, data, sel);
 *   }
 *   const { diagrams, patterns, uncertainty, selectivity, intervals } = fa.finish();
 *
 * Intervals (uncertainty.ts): the top neurons of a pair and layer are chosen on half A of the sentences and
 * estimated on half B with half-sampling replicates. They are computed for the `uncertaintyLayers` (the file) and
 * for the claims' targets (`intervalTargets`: pair label → layers), whose replicates are kept for the claims.
 */
import type { CapturedSentence, StepMeta } from '../capture/types.ts';
import type { DiagramsFile, NeuronDiagram, NeuronUncertainty, PatternsFile, UncertaintyFile } from '../lib/schemas/analyses.ts';
import { inputSteps, meanOverSteps, outputsOfInput, topIndices } from './analysis-steps.ts';
import { CLAIM_INTERVAL_TARGETS, type PairSelectivity } from './claims.ts';
import { halfSampleMasks, ReplicateTables } from './intervals.ts';
import { buildDiagram, type WeightArray } from './diagram.ts';
import { analysePatternLayer, assemblePattern, markPattern, type PatternLayerResult, type PatternMark } from './pattern.ts';
import { layerIntervals, type IntervalSource } from './uncertainty.ts';
import { PATTERN_CONTROLS, PatternSpecificityAnalysis, type NamedUnit, type PatternSpecificity } from './pattern-specificity.ts';
import { NAMED_PROFILES, findProfileUnit, type ProfilePair } from './profile.ts';

export interface AnalysisPair {
  inputId: number;
  outputId: number;
  input: string;
  output: string;
  /** pairs.ts: the post/copy section and the mirror label (default post, none). */
  section?: 'post' | 'copy';
  mirror?: string | null;
}

/** One layer's selectivity: neuron bin ranges and scores [pairs × size], pair-major (histogram.ts). */
export interface LayerDistances {
  min: ArrayLike<number>;
  max: ArrayLike<number>;
  distance: Float64Array;
  corrected: Float64Array;
  auroc: Float64Array;
  correctedA: Float64Array;
  correctedB: Float64Array;
}

/** Held-out estimates and half-sample replicates of the chosen top neurons of one pair and layer. */
export interface TopIntervals {
  neurons: number[];
  /** Plain held-out estimates (half B), the replicates' reference. */
  estimates: number[];
  replicates: Float64Array[];
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
  /** Per step: the half of its sentence (halves.ts); without it every step is in half B (no selection split). */
  half?: Uint8Array;
  /** Pair label (`t→ծ`) → layers whose top neurons' replicates the claims need (default: claims.ts's). */
  intervalTargets?: Record<string, string[]>;
  /** Interval level (default 0.9). */
  level?: number;
  /** Pattern neurons per layer (best by distance, and best by |effect|) with a null and sample traces (default 2). */
  patternDetailed?: number;
}

/** One pair's scores in one layer (views into the layer's arrays). */
export interface PairLayerScores {
  distance: Float64Array;
  corrected: Float64Array;
  auroc: Float64Array;
  correctedA: Float64Array;
  correctedB: Float64Array;
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
  private readonly distances: Record<string, PairLayerScores>[];
  private readonly means: { concat?: Float64Array; hidden?: Float64Array }[];
  private readonly uncertainty: NeuronUncertainty[][];
  private readonly intervals: Record<string, TopIntervals>[];
  private readonly half: Uint8Array;
  private readonly masks: Uint8Array[];
  private readonly halfSizes: [number, number];
  private readonly specificity: PatternSpecificityAnalysis | null;
  private readonly named: NamedUnit[] = [];
  private readonly profilePairs: ProfilePair[];
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
    this.intervals = pairs.map(() => ({}));
    this.half = opt.half ?? new Uint8Array(src.meta.sentence.length).fill(1);
    let sentences = 0;
    for (const s of src.meta.sentence) if (s + 1 > sentences) sentences = s + 1;
    const inHalf: [Set<number>, Set<number>] = [new Set(), new Set()];
    src.meta.sentence.forEach((s, k) => inHalf[this.half[k]].add(s));
    this.halfSizes = [inHalf[0].size, inHalf[1].size];
    this.masks = halfSampleMasks([...inHalf[1]].sort((a, b) => a - b), sentences, opt.bootstrap, opt.seed);
    const tyun = opt.patterns.find((p) => p.name === 'tyun');
    this.specificity = tyun
      ? new PatternSpecificityAnalysis(src, tyun.output, PATTERN_CONTROLS, { half: this.half, masks: this.masks, level: opt.level })
      : null;
    this.profilePairs = pairs.map((p) => ({ label: `${p.input}→${p.output}`, mirror: p.mirror ?? null, section: p.section ?? 'post' }));
    this.marks = opt.patterns.map((p) => markPattern(src.meta, src.vocab.output, src.sentences, p.output));
    this.patternLayers = opt.patterns.map(() => []);
  }

  /** Everything that needs this layer's activations; `sel` is the layer's selectivity for the same pairs. */
  addLayer(name: string, size: number, data: Float32Array, sel: LayerDistances): void {
    if (sel.distance.length !== this.pairs.length * size)
      throw new Error(`FurtherAnalyses.addLayer(${name}): ${sel.distance.length} distances for ${this.pairs.length} pairs × ${size}`);
    const withUncertainty = !this.opt.uncertaintyLayers || this.opt.uncertaintyLayers.includes(name);
    const intervalSource = (): IntervalSource => ({
      sentence: this.src.meta.sentence,
      half: this.half,
      tables: new ReplicateTables(this.masks),
      bins: this.opt.bins,
      level: this.opt.level ?? 0.9,
    });
    this.specificity?.addLayer(name, size, data);
    if (name === 'concat')
      for (const np of NAMED_PROFILES) {
        const u = findProfileUnit(np.name, np.profile, name, size, data, this.profilePairs, sel, { eq: this.eqSteps, ne: this.neSteps }, intervalSource);
        if (u) this.named.push(u);
      }
    const targets = this.opt.intervalTargets ?? CLAIM_INTERVAL_TARGETS;
    this.pairs.forEach((p, i) => {
      const at = (x: Float64Array) => x.subarray(i * size, (i + 1) * size);
      this.distances[i][name] = {
        distance: at(sel.distance),
        corrected: at(sel.corrected),
        auroc: at(sel.auroc),
        correctedA: at(sel.correctedA),
        correctedB: at(sel.correctedB),
      };
      if (name === 'concat' || name === 'hidden') this.means[i][name] = meanOverSteps(data, size, this.eqSteps[i]);
      const forClaims = targets[`${p.input}→${p.output}`]?.includes(name) ?? false;
      if (!withUncertainty && !forClaims) return;
      // Chosen on half A (its corrected selectivity), estimated on half B.
      const top = topIndices(at(sel.correctedA), this.opt.topNeurons);
      const res = layerIntervals(data, size, name, this.eqSteps[i], this.neSteps[i], top, sel, { ...sel, offset: i * size }, intervalSource());
      if (withUncertainty) this.uncertainty[i].push(...res.map((r) => r.record));
      if (forClaims)
        this.intervals[i][name] = {
          neurons: top,
          estimates: res.map((r) => r.plain),
          replicates: res.map((r) => r.replicates),
        };
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
      distances: Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.corrected])),
      meanConcat: m.concat,
      meanHidden: m.hidden,
      ...this.kernels,
    });
  }

  /** Rank (0 = best) of a neuron for t → տ in a layer by corrected selectivity (the post's check of the tyun cell). */
  private rankForTt(layer: string, neuron: number): number | null {
    const k = this.pairs.findIndex((p) => p.input === 't' && p.output === 'տ');
    const c = k >= 0 ? this.distances[k][layer]?.corrected : undefined;
    if (!c) return null;
    let rank = 0;
    for (let j = 0; j < c.length; j++) if (c[j] > c[neuron] || (c[j] === c[neuron] && j < neuron)) rank++;
    return rank;
  }

  finish(): {
    diagrams: DiagramsFile;
    patterns: PatternsFile;
    uncertainty: UncertaintyFile;
    selectivity: PairSelectivity[];
    specificity: PatternSpecificity | null;
    named: NamedUnit[];
  } {
    const level = this.opt.level ?? 0.9;
    const diagrams = this.pairs.map((_, i) => this.diagram(i)).filter((x): x is NeuronDiagram => x !== null);
    const patterns = this.opt.patterns.map((p, k) => assemblePattern(p.name, this.marks[k], this.patternLayers[k]));
    return {
      diagrams: { diagrams },
      patterns: { patterns },
      uncertainty: {
        level,
        replicates: this.opt.bootstrap,
        method:
          'top neurons chosen by corrected selectivity on half A of the sentences, estimated on half B; interval: ' +
          `basic, from ${this.opt.bootstrap} half-samples of B's sentences without replacement (squared scale)`,
        halves: this.halfSizes,
        pairs: this.pairs.map((p, i) => ({ input: p.input, output: p.output, neurons: this.uncertainty[i] })),
      },
      selectivity: this.pairs.map((p, i) => ({
        input: p.input,
        output: p.output,
        section: p.section ?? 'post',
        layers: this.distances[i],
        intervals: this.intervals[i],
      })),
      specificity: this.specificity?.finish((l, n) => this.rankForTt(l, n)) ?? null,
      named: this.named,
    };
  }
}
