/**
 * All analyses of the `beyond` stage over one capture, loading each layer once (a 228-unit layer of the default
 * capture is ~270 MB) and running every analysis that needs it while it is in memory. Returns the five artifact
 * bodies; the stage only reads inputs and writes them.
 */
import { outputUnits } from '../align/tsv.ts';
import type { CaptureReader } from '../capture/types.ts';
import { isSigmoidGateLayer, isStateLayer } from '../lib/cell-layers.ts';
import type { BeyondConfig } from '../lib/config.ts';
import { UserError } from '../lib/errors.ts';
import { log } from '../lib/progress.ts';
import type {
  CellsArtifact,
  CoclustersArtifact,
  NgramArtifact,
  ResponseArtifact,
  SaturationArtifact,
} from '../lib/schemas/beyond.ts';
import { coclusterReport } from './cocluster-report.ts';
import { correlateUnits } from './correlation.ts';
import { exampleSentences, rankDetectors, type Detector } from './detectors.ts';
import { accuracyByChar, errorOverlap } from './error-overlap.ts';
import { ngramPredict, windowSpan, type AlignedPair, type NgramQuery } from './ngram.ts';
import { expectedResponse, windowSeams, type Direction } from './response.ts';
import { gateSaturation, mostlyOpenUnits } from './saturation.ts';
import { FEATURES, FEATURE_NAMES, stepFeatures } from './text-features.ts';

type Body<T> = Omit<T, 'schemaVersion'>;
export interface BeyondResult {
  saturation: Body<SaturationArtifact>;
  cells: Body<CellsArtifact>;
  ngram: Body<NgramArtifact>;
  response: Body<ResponseArtifact>;
  coclusters: Body<CoclustersArtifact>;
}

export interface AnalyseOptions {
  /** The model's training window (model.json metadata): the capture ran longer sentences in windows. */
  seqLen?: number | null;
}

export async function analyseCapture(
  reader: CaptureReader,
  train: AlignedPair[],
  cfg: BeyondConfig,
  seed: number,
  opts: AnalyseOptions = {},
): Promise<BeyondResult> {
  const { meta, sentences, vocab } = reader;
  const steps = reader.steps;
  if (meta.sentence.length !== steps) throw new Error(`capture meta has ${meta.sentence.length} steps, reader says ${steps}`);

  const features = stepFeatures(sentences, meta);
  const featureArrays = FEATURE_NAMES.map((f) => features[f]);
  const examples = FEATURE_NAMES.map((f) => exampleSentences(sentences, f, cfg.examples, cfg.exampleMaxChars));

  // Response columns: input characters common enough in the sample (never the padding id 0).
  const inputCount = new Float64Array(vocab.input.length);
  for (let t = 0; t < steps; t++) if (meta.inputId[t] >= 0 && meta.inputId[t] < vocab.input.length) inputCount[meta.inputId[t]]++;
  const keptChars = [...inputCount.keys()].filter((id) => id > 0 && inputCount[id] >= cfg.minCharCount);

  const seams = windowSeams(
    sentences.map((s) => ({ start: s.start, length: [...s.input].length })),
    steps,
    opts.seqLen ?? null,
  );

  const gates: Body<SaturationArtifact>['gates'] = [];
  const longMemory: Body<SaturationArtifact>['longMemory'] = [];
  const correlations: Record<string, Record<string, number[]>> = {};
  const corrByFeature: { layer: string; r: Float64Array }[][] = FEATURE_NAMES.map(() => []);
  const bestSoFar: (Detector & { activation: number[][] })[] = [];
  const responseLayers: Body<ResponseArtifact>['layers'] = [];

  const wanted = reader.layers.filter((l) => isSigmoidGateLayer(l.name) || isStateLayer(l.name));
  for (const { name, size } of wanted) {
    log('beyond', `layer ${name} (${size} units)`);
    const values = await reader.loadLayer(name);
    if (values.length !== steps * size)
      throw new UserError(`capture layer ${name}`, `has ${values.length} values, expected ${steps} steps × ${size} units`);
    const direction = name.slice(0, 3) as Direction;

    if (isSigmoidGateLayer(name)) {
      const sat = gateSaturation(values, size, cfg.saturation);
      const mean = (a: Float64Array) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : 0);
      gates.push({ layer: name, direction, gate: name.slice(4), left: [...sat.left], right: [...sat.right], meanLeft: mean(sat.left), meanRight: mean(sat.right) });
      // Long memories: an LSTM forget gate near 1 keeps c; a GRU update gate z near 1 keeps h (h = z·h₋₁ + (1−z)·g).
      if (name.endsWith('.f') || name.endsWith('.z'))
        for (const u of mostlyOpenUnits(sat, cfg.longMemory)) longMemory.push({ layer: name, unit: u.unit, fraction: u.fraction });
      continue;
    }

    // State layer: correlations with the text features…
    const r = correlateUnits(values, size, featureArrays);
    correlations[name] = Object.fromEntries(FEATURE_NAMES.map((f, i) => [f, [...r[i]]]));
    FEATURE_NAMES.forEach((_, i) => {
      corrByFeature[i].push({ layer: name, r: r[i] });
      const [top] = rankDetectors([{ layer: name, r: r[i] }], 1);
      // Keep the example activations of the best unit so far, so no layer has to be loaded twice.
      if (top && (!bestSoFar[i] || Math.abs(top.r) > Math.abs(bestSoFar[i].r)))
        bestSoFar[i] = { ...top, activation: examples[i].map((s) => sentenceActivations(reader, s, values, size, top.unit)) };
    });
    // …and the expected response per input character.
    const resp = expectedResponse(values, size, meta, meta.inputId, vocab.input.length, direction, seams[direction]);
    const rows = (a: Float64Array) => Array.from({ length: size }, (_, u) => keptChars.map((c) => a[c * size + u]));
    responseLayers.push({ name, direction, size, mean: rows(resp.mean), std: rows(resp.std) });
  }

  const cells: Body<CellsArtifact> = {
    steps,
    layers: wanted.filter((l) => isStateLayer(l.name)).map((l) => ({ name: l.name, size: l.size })),
    features: FEATURE_NAMES.map((f, i) => ({
      name: f,
      description: FEATURES[f],
      validSteps: features[f].reduce((a, x) => a + (Number.isNaN(x) ? 0 : 1), 0),
      best: bestSoFar[i] ? { layer: bestSoFar[i].layer, unit: bestSoFar[i].unit, r: bestSoFar[i].r } : null,
      top: rankDetectors(corrByFeature[i], cfg.topDetectors),
      examples: bestSoFar[i]
        ? examples[i].map((s, j) => {
            const sent = sentences[s];
            const fv = stepFeatureOfSentence(features[f], reader, s);
            return { sentence: sent.id, index: s, input: sent.input, output: sent.output, predicted: sent.predicted, feature: fv, activation: bestSoFar[i].activation[j] };
          })
        : [],
    })),
    correlations,
  };

  const response: Body<ResponseArtifact> = {
    steps,
    characters: keptChars.map((id) => ({ char: vocab.input[id], inputId: id, count: inputCount[id] })),
    seamSteps: { fwd: seams.fwd.reduce((a, x) => a + x, 0), bwd: seams.bwd.reduce((a, x) => a + x, 0) },
    layers: responseLayers,
  };

  return {
    saturation: {
      steps,
      thresholds: cfg.saturation,
      longMemoryThreshold: cfg.longMemory,
      gates,
      longMemory: longMemory.sort((a, b) => b.fraction - a.fraction || (a.layer < b.layer ? -1 : a.layer > b.layer ? 1 : a.unit - b.unit)),
    },
    cells,
    ngram: ngramSection(reader, train, cfg),
    response,
    coclusters: coclusterReport(response, cfg, seed),
  };
}

/** Steps of captured sentence `s`, in position order. */
function sentenceSteps(reader: CaptureReader, s: number): number[] {
  const sent = reader.sentences[s];
  const len = [...sent.input].length;
  const out: number[] = [];
  for (let p = 0; p < len; p++) {
    const t = sent.start + p;
    if (t >= reader.steps || reader.meta.sentence[t] !== s || reader.meta.position[t] !== p)
      throw new UserError('capture index', `sentence ${sent.id} (index ${s}) is not captured at steps ${sent.start}…${sent.start + len - 1}`);
    out.push(t);
  }
  return out;
}

function sentenceActivations(reader: CaptureReader, s: number, values: Float32Array, size: number, unit: number): number[] {
  return sentenceSteps(reader, s).map((t) => values[t * size + unit]);
}

function stepFeatureOfSentence(feature: Float64Array, reader: CaptureReader, s: number): (number | null)[] {
  return sentenceSteps(reader, s).map((t) => (Number.isNaN(feature[t]) ? null : feature[t]));
}

function ngramSection(reader: CaptureReader, train: AlignedPair[], cfg: BeyondConfig): Body<NgramArtifact> {
  const { meta, sentences, vocab } = reader;
  const inputs = sentences.map((s) => [...s.input]);
  const units = sentences.map((s, i) => outputUnits(s.output, inputs[i].length) ?? [...s.output]);
  const queries: NgramQuery[] = [];
  const target: string[] = [];
  const networkRight = new Uint8Array(reader.steps);
  for (let t = 0; t < reader.steps; t++) {
    const s = meta.sentence[t];
    const p = meta.position[t];
    queries.push({ input: inputs[s], position: p });
    target.push(units[s][p]);
    // Scored as the capture scores the network: an unknown input character is copied, a predicted <pad> shows as _.
    const id = meta.predId[t];
    const predicted = meta.inputId[t] === 1 ? inputs[s][p] : id === 0 ? '_' : vocab.output[id];
    networkRight[t] = predicted === units[s][p] ? 1 : 0;
  }
  log('beyond', `n-gram baseline (n = 1…${cfg.ngramMaxN}) on ${train.length} training sentences, ${reader.steps} steps`);
  const { predictions, coverage, trainChars } = ngramPredict(train, queries, cfg.ngramMaxN);
  const right = predictions.map((p) => Uint8Array.from(p, (c, i) => (c === target[i] ? 1 : 0)));
  const accuracy = right.map((r) => (r.length ? r.reduce((a, x) => a + x, 0) / r.length : 0));
  let best = 0;
  accuracy.forEach((a, i) => {
    if (a > accuracy[best]) best = i;
  });
  return {
    trainChars,
    evalSteps: reader.steps,
    orders: accuracy.map((a, i) => ({ n: i + 1, ...windowSpan(i + 1), accuracy: a, coverage: coverage[i] })),
    bestN: best + 1,
    networkAccuracy: reader.steps ? networkRight.reduce((a, x) => a + x, 0) / reader.steps : 0,
    overlap: errorOverlap(networkRight, right[best]),
    byChar: accuracyByChar(target, networkRight, right[best], cfg.minCharCount),
  };
}
