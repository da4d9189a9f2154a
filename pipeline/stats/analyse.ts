import type { CaptureReader } from '../capture/types.ts';
import { NEURONS_FILE_VERSION, PAIR_FILE_VERSION, type LayerSummary, type PairFile, type PairInfo, type TopNeuron, type UnitsFile } from '../lib/schemas/stats.ts';
import { CONCAT, TABLE_TOP } from '../lib/unit-ranking.ts';
import type { NamedUnit, PatternSpecificity } from './pattern-specificity.ts';
import { FurtherAnalyses, type ModelKernels } from './analysis-run.ts';
import { inputSteps } from './analysis-steps.ts';
import { buildClaims } from './claims.ts';
import { stepHalves } from './halves.ts';
import { compactHistograms, layerSelectivity, pairHistograms } from './histogram.ts';
import { mostSelectiveRaw, SUMMARY_TOP, summariseGates, summariseLayer } from './layers.ts';
import { correctedColumn, rankPairs, topNeurons } from './neurons.ts';
import { pairFileName, pairLabel, selectPairs, type Pair } from './pairs.ts';

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
  /** The model's transliteration of the claims' example sentence (null: not run). */
  translit?: string | null;
  /** Called after each layer with (layers done, layers). */
  onLayer?: (done: number, total: number, name: string) => void;
}

/** Where the outputs go, relative to artifacts/<run>/. */
export const OUTPUT_FILES = {
  index: 'stats/pairs/index.json',
  layers: 'stats/layers.json',
  diagrams: 'stats/diagrams.json',
  patterns: 'stats/patterns.json',
  uncertainty: 'stats/uncertainty.json',
  claims: 'claims.json',
  units: 'stats/units.json',
} as const;

/** The run's named units (followed across seeds by the diff's unit matching) and the pattern-cell test's picks. */
function unitsFile(specificity: PatternSpecificity | null, named: NamedUnit[]): Omit<UnitsFile, 'schemaVersion'> {
  const units: UnitsFile['units'] = named.map((u) => ({ name: u.name, layer: u.layer, neuron: u.neuron, score: u.test.value }));
  if (specificity?.cell) units.push({ name: 'tyun-cell', layer: specificity.cell.layer, neuron: specificity.cell.neuron, score: specificity.cell.value });
  return { units, named, patternSpecificity: specificity };
}

export const pairPath = (p: Pair): string => `stats/pairs/${pairFileName(p)}`;
export const neuronsPath = (layer: string): string => `stats/neurons/${layer}.json`;

export async function analyse(
  reader: CaptureReader,
  opt: StatsOptions,
  kernels: ModelKernels,
  extras: StatsExtras = {},
): Promise<Map<string, object>> {
  const out = new Map<string, object>();
  const { meta, vocab } = reader;
  const pairs = selectPairs(meta, vocab, opt.minCount);
  const labels = pairs.map(pairLabel);
  const post = pairs.map((p) => p.section === 'post');
  // Sentence halves: top neurons are chosen on A and measured on B (halves.ts).
  const half = stepHalves(meta, opt.seed);
  // Steps of each pair's letter (computed once, reused by every layer for the top neurons' histograms).
  const letterSteps = new Map<number, Int32Array>();
  for (const p of pairs) if (!letterSteps.has(p.inputId)) letterSteps.set(p.inputId, inputSteps(meta, p.inputId));
  const pairColumns: Record<string, number[]>[] = pairs.map(() => ({}));
  const pairTop: Record<string, TopNeuron[]>[] = pairs.map(() => ({}));
  const summaries: LayerSummary[] = [];
  // The second statistics engineer's analyses (diagrams, pattern cells, uncertainty) ride the same layer pass.
  const further = new FurtherAnalyses(reader, pairs, kernels, {
    bins: opt.bins,
    topNeurons: opt.topNeurons,
    bootstrap: opt.bootstrap,
    seed: opt.seed,
    patterns: opt.patterns,
    minCount: opt.minCount,
    uncertaintyLayers: opt.uncertaintyLayers,
    half,
  });

  for (const [li, layer] of reader.layers.entries()) {
    const data = await reader.loadLayer(layer.name);
    const size = layer.size;
    const sel = layerSelectivity(data, size, meta, pairs, opt.bins, half);
    // concat is fwd.h then bwd.h: the same numbers, so its pair and neuron entries are derived, not written
    // (pipeline/lib/unit-ranking.ts); its summary, diagrams and further analyses are computed as before.
    if (layer.name !== CONCAT) {
      pairs.forEach((p, k) => {
        pairColumns[k][layer.name] = correctedColumn(sel, size, k);
        const steps = letterSteps.get(p.inputId)!;
        pairTop[k][layer.name] = topNeurons(sel, size, k, Math.max(TABLE_TOP, opt.topNeurons)).map((n, i) => {
          if (i >= opt.topNeurons) return n;
          const lo = sel.min[n.neuron];
          const hi = sel.max[n.neuron];
          const h = pairHistograms(data, size, n.neuron, lo, hi, opt.bins, meta.targetId, steps, p.outputId);
          return { ...n, histogram: compactHistograms(h.eq, h.ne, lo, hi, opt.histogramBins) };
        });
      });
      out.set(neuronsPath(layer.name), { schemaVersion: NEURONS_FILE_VERSION, layer: layer.name, size, neurons: rankPairs(sel, size, pairs.length) });
    }
    summaries.push(summariseLayer(layer.name, sel, size, post));
    further.addLayer(layer.name, size, data, sel);
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
    section: p.section,
    mirror: p.mirror,
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
    const value: PairFile = { schemaVersion: PAIR_FILE_VERSION, ...info, topNeurons: opt.topNeurons, corrected: pairColumns[k], top: pairTop[k] };
    out.set(pairPath(p), value);
  });
  const gates = summariseGates(summaries);
  out.set(OUTPUT_FILES.layers, {
    top: SUMMARY_TOP,
    pairs: pairs.length,
    layers: summaries,
    gates,
    mostSelectiveGate: gates[0]?.gate ?? null,
    mostSelectiveGateRaw: mostSelectiveRaw(gates),
  });

  const { diagrams, patterns, uncertainty, selectivity, specificity, named } = further.finish();
  out.set(OUTPUT_FILES.diagrams, diagrams);
  out.set(OUTPUT_FILES.patterns, patterns);
  out.set(OUTPUT_FILES.uncertainty, uncertainty);
  out.set(OUTPUT_FILES.claims, {
    claims: buildClaims({
      selectivity,
      pattern: specificity,
      neuron70: named.find((u) => u.name === 'neuron-70') ?? null,
      translit: extras.translit ?? null,
      top: SUMMARY_TOP,
    }),
  });
  out.set(OUTPUT_FILES.units, unitsFile(specificity, named));
  return out;
}
