/**
 * Neuron diagrams (the post's "Statistics 3"): for one analysed pair (input c → output o), which neurons of each
 * layer are most selective, and how strongly each of them pushes the layer above it.
 *
 * Exported for pipeline/stats/stage.ts:
 * - `buildDiagram(input: DiagramInput, options?)` → `NeuronDiagram` (plain JSON-ready object, schema
 *   `NeuronDiagram` in pipeline/lib/schemas/analyses.ts).
 * - helpers in ./analysis-steps.ts: `pairSampleSteps` (the pair's samples), `meanOverSteps` (mean activations of
 *   the `concat` and `hidden` layers over those samples — an edge only needs means, because
 *   mean(w·a) = w·mean(a), so the caller never holds two layers at once), `outputsOfInput` (the other outputs of c).
 *
 * Layout of the model (docs/CONTRACTS.md): concat = [fwd.h (U), bwd.h (U)] → dense `hidden` (kernel [2U, H], tanh)
 * → [hidden (H), one-hot (V)] → dense `output` (kernel [H+V, O]). Kernels are Keras row-major [in, out].
 * An edge's `contribution` is the mean over the pair's samples of weight × activation of the lower neuron: what
 * that neuron adds to the upper neuron's pre-activation; `share` divides it by the summed |contributions| of all
 * lower neurons of that layer, so a reader sees whether the drawn edges are most of the story.
 */
import type { NeuronDiagram, DiagramNode, DiagramEdge, GateRow } from '../lib/schemas/analyses.ts';
import { GATE_ROWS } from '../lib/cell-layers.ts';
import { topIndices } from './analysis-steps.ts';

export interface WeightArray {
  shape: number[];
  data: Float32Array;
}

export interface DiagramInput {
  input: { id: number; char: string };
  output: { id: number; char: string };
  /** Other outputs of the same input (drawn beside o), e.g. from `outputsOfInput`; o itself is skipped if present. */
  otherOutputs: { id: number; char: string }[];
  /** Number of samples (steps with input c and true output o) the means were taken over. */
  samples: number;
  /** Per-layer neuron distances for this pair (layer names of docs/CONTRACTS.md); needs `concat`, `hidden`, `output`. */
  distances: Record<string, ArrayLike<number>>;
  /** Mean activations over the pair's samples: `concat` (2U) and `hidden` (H or H+V). */
  meanConcat: ArrayLike<number>;
  meanHidden: ArrayLike<number>;
  /** Dense kernels: hidden [2U, H], output [H+V, O]. */
  hiddenKernel: WeightArray;
  outputKernel: WeightArray;
}

export interface DiagramOptions {
  hiddenTop: number;
  concatTop: number;
  /** Largest number of output nodes (o plus the other outputs of c). */
  maxOutputs: number;
  /** Strongest incoming edges kept per hidden node (from the chosen concat nodes). */
  edgesPerHidden: number;
  /** Strongest incoming edges kept per output node (from the chosen hidden nodes). */
  edgesPerOutput: number;
}

export const DEFAULT_DIAGRAM_OPTIONS: DiagramOptions = {
  hiddenTop: 12,
  concatTop: 10,
  maxOutputs: 4,
  edgesPerHidden: 4,
  edgesPerOutput: 8,
};


function need(cond: boolean, what: string): void {
  if (!cond) throw new Error(`buildDiagram: ${what}`);
}

const nodeId = (layer: string, neuron: number) => `${layer}:${neuron}`;

/**
 * Edges from the chosen lower neurons into each chosen upper neuron, keeping the `keep` strongest per upper one.
 * kernel is [lowerSize, upperSize] row-major.
 */
function edgesInto(
  kernel: WeightArray,
  lowerLayer: string,
  lower: number[],
  lowerMean: ArrayLike<number>,
  upperLayer: string,
  upper: number[],
  keep: number,
): DiagramEdge[] {
  const [rows, cols] = kernel.shape;
  const out: DiagramEdge[] = [];
  for (const u of upper) {
    // All lower inputs of the upper neuron (for `output` that includes the one-hot tail, when its means are given).
    let total = 0;
    const n = Math.min(rows, lowerMean.length);
    for (let l = 0; l < n; l++) total += Math.abs(kernel.data[l * cols + u] * lowerMean[l]);
    const cand = lower.map((l) => {
      const weight = kernel.data[l * cols + u];
      const contribution = weight * lowerMean[l];
      return {
        from: nodeId(lowerLayer, l),
        to: nodeId(upperLayer, u),
        weight,
        meanActivation: lowerMean[l],
        contribution,
        sign: (contribution < 0 ? -1 : 1) as 1 | -1,
        share: total > 0 ? Math.abs(contribution) / total : 0,
        lower: l,
      };
    });
    cand.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.lower - b.lower);
    for (const { lower: _l, ...e } of cand.slice(0, keep)) out.push(e);
  }
  return out;
}

export function buildDiagram(input: DiagramInput, options: Partial<DiagramOptions> = {}): NeuronDiagram {
  const opt = { ...DEFAULT_DIAGRAM_OPTIONS, ...options };
  const { distances: d, hiddenKernel: hk, outputKernel: ok } = input;
  need(hk.shape.length === 2 && ok.shape.length === 2, 'kernels must be 2-D');
  const [twoU, H] = hk.shape;
  const [HV, O] = ok.shape;
  const U = twoU / 2;
  need(Number.isInteger(U) && U > 0, `hidden kernel has ${twoU} rows, expected 2·units`);
  need(HV >= H, `output kernel has ${HV} rows, fewer than the ${H} hidden units`);
  for (const name of ['concat', 'hidden', 'output']) need(d[name] !== undefined, `no distances for layer ${name}`);
  need(d.concat.length === twoU, `concat distances have ${d.concat.length} entries, expected ${twoU}`);
  need(d.hidden.length >= H, `hidden distances have ${d.hidden.length} entries, expected ≥ ${H}`);
  need(d.output.length === O, `output distances have ${d.output.length} entries, expected ${O}`);
  need(input.meanConcat.length === twoU && input.meanHidden.length >= H, 'mean activations do not match the kernels');

  const outputs = [input.output, ...input.otherOutputs.filter((x) => x.id !== input.output.id)].slice(
    0,
    Math.max(1, opt.maxOutputs),
  );
  // Only the dense part of `hidden` (the first H) has a tanh neuron; the one-hot tail is constant within a pair.
  const hidden = topIndices(d.hidden, opt.hiddenTop, 0, H);
  const fwd = topIndices(d.concat, opt.concatTop, 0, U);
  const bwd = topIndices(d.concat, opt.concatTop, U, twoU);

  const node = (layer: 'output' | 'hidden' | 'concat', neuron: number, rank: number, extra = {}): DiagramNode => ({
    id: nodeId(layer, neuron),
    layer,
    neuron,
    rank,
    distance: d[layer][neuron],
    ...extra,
  });
  const concatNode = (dir: 'fwd' | 'bwd') => (n: number, rank: number) =>
    node('concat', n, rank, { direction: dir, unit: dir === 'fwd' ? n : n - U });

  const gateNames = GATE_ROWS.filter((g) => d[`fwd.${g}`] !== undefined || d[`bwd.${g}`] !== undefined);
  const gates: GateRow[] = [...fwd, ...bwd].map((n) => {
    const direction = n < U ? 'fwd' : 'bwd';
    const unit = n < U ? n : n - U;
    const row: Record<string, number> = {};
    for (const g of gateNames) {
      const arr = d[`${direction}.${g}`];
      if (arr !== undefined) row[g] = arr[unit];
    }
    return { node: nodeId('concat', n), direction, unit, distances: row };
  });

  const outIds = outputs.map((o) => o.id);
  return {
    input: input.input.char,
    inputId: input.input.id,
    output: input.output.char,
    outputId: input.output.id,
    samples: input.samples,
    nodes: {
      output: outputs.map((o, r) => node('output', o.id, r, { label: o.char })),
      hidden: hidden.map((n, r) => node('hidden', n, r)),
      concatFwd: fwd.map(concatNode('fwd')),
      concatBwd: bwd.map(concatNode('bwd')),
    },
    edges: [
      ...edgesInto(ok, 'hidden', hidden, input.meanHidden, 'output', outIds, opt.edgesPerOutput),
      ...edgesInto(hk, 'concat', [...fwd, ...bwd], input.meanConcat, 'hidden', hidden, opt.edgesPerHidden),
    ],
    gates,
  };
}
