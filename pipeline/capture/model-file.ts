import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJson } from '../lib/atomic.ts';
import { GATES_PER_CELL, type CellKind } from '../lib/cell-layers.ts';
import { UserError } from '../lib/errors.ts';
import { modelSeqLen } from '../lib/schemas/model.ts';

/**
 * Reads a tf.layers model saved in TensorFlow.js format (model.json + weight files) into plain Float32Arrays,
 * without tfjs: the capture's forward pass needs every gate, which tfjs does not expose, and reading the files
 * ourselves keeps capture independent of the backend the model was trained with.
 * Weights are found by the layer names of docs/CONTRACTS.md (`bi/forward_rnn/kernel`, `hidden/bias`, …).
 */

export type Activation = 'tanh' | 'sigmoid' | 'hardSigmoid' | 'relu' | 'linear' | 'softsign';
export type { CellKind };

export interface CellWeights {
  /** [inputSize, gates·units], row-major. */
  kernel: Float32Array;
  /** [units, gates·units], row-major. */
  recurrent: Float32Array;
  /** [gates·units] (zeros when the layer has no bias). */
  bias: Float32Array;
}

export interface ModelWeights {
  cell: CellKind;
  units: number;
  inputSize: number;
  hiddenUnits: number;
  outputSize: number;
  activation: Activation;
  recurrentActivation: Activation;
  fwd: CellWeights;
  bwd: CellWeights;
  /** Dense `hidden`: [2·units, hiddenUnits]. */
  hiddenKernel: Float32Array;
  hiddenBias: Float32Array;
  hiddenActivation: Activation;
  /** Dense `output`: [hiddenUnits + inputSize, outputSize], softmax. */
  outputKernel: Float32Array;
  outputBias: Float32Array;
  /** The training window (model.json `userDefinedMetadata.translit.seqLen`, written by the train stage), if any. */
  seqLen: number | null;
}

const CELL_CLASSES: Record<string, CellKind> = { LSTM: 'lstm', GRU: 'gru', SimpleRNN: 'rnn' };
const ACTIVATIONS = new Set<string>(['tanh', 'sigmoid', 'hardSigmoid', 'relu', 'linear', 'softsign']);

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: unknown;
}

type Json = Record<string, unknown>;

function asObject(v: unknown, file: string, what: string): Json {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new UserError(file, `${what} is missing or not an object`);
  return v as Json;
}

/** Weight names without tfjs's uniquifying suffixes (`kernel_1`) and any outer scope, for matching by suffix. */
function normaliseName(name: string): string {
  return name
    .split('/')
    .map((part) => part.replace(/_\d+$/, ''))
    .join('/');
}

function activationOf(cfg: Json, key: string, fallback: Activation, file: string): Activation {
  const raw = cfg[key] ?? fallback;
  // Serialised configs spell them the Python way (hard_sigmoid); tfjs's own names are camelCase.
  const v = typeof raw === 'string' ? raw.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()) : raw;
  if (typeof v !== 'string' || !ACTIVATIONS.has(v))
    throw new UserError(file, `unsupported ${key} ${JSON.stringify(v)} (capture knows ${[...ACTIVATIONS].join(', ')})`);
  return v as Activation;
}

/** Parse model.json's topology and the concatenated weight bytes (in manifest order) into named arrays. */
export function parseModel(modelJson: unknown, weightData: Uint8Array, file: string): ModelWeights {
  const root = asObject(modelJson, file, 'model.json');
  let topology = asObject(root.modelTopology, file, 'modelTopology');
  if (topology.model_config) topology = asObject(topology.model_config, file, 'modelTopology.model_config');
  const layers = asObject(topology.config, file, 'modelTopology.config').layers;
  if (!Array.isArray(layers)) throw new UserError(file, 'modelTopology.config.layers is not an array');
  const byName = new Map<string, Json>();
  for (const l of layers) {
    const layer = asObject(l, file, 'a layer');
    const cfg = asObject(layer.config, file, `layer ${String(layer.name)} config`);
    byName.set(String(layer.name ?? cfg.name), layer);
  }
  const need = (name: string): Json => {
    const l = byName.get(name);
    if (!l) throw new UserError(file, `no layer named "${name}" (docs/CONTRACTS.md names: onehot, bi, hidden, concat, output)`);
    return l;
  };
  const bi = need('bi');
  if (bi.class_name !== 'Bidirectional') throw new UserError(file, `layer "bi" is a ${String(bi.class_name)}, not Bidirectional`);
  const biCfg = asObject(bi.config, file, 'bi config');
  if ((biCfg.merge_mode ?? 'concat') !== 'concat') throw new UserError(file, `layer "bi" must use merge_mode concat`);
  const inner = asObject(biCfg.layer, file, 'bi.layer');
  const cell = CELL_CLASSES[String(inner.class_name)];
  if (!cell) throw new UserError(file, `layer "bi" wraps a ${String(inner.class_name)}; capture reads LSTM, GRU, SimpleRNN`);
  const rnnCfg = asObject(inner.config, file, 'bi.layer.config');
  if (cell === 'gru' && rnnCfg.reset_after === true) throw new UserError(file, 'GRU with reset_after is not supported');
  const units = Number(rnnCfg.units);
  if (!Number.isInteger(units) || units < 1) throw new UserError(file, 'bi.layer.config.units is not a positive integer');
  const hiddenCfg = asObject(need('hidden').config, file, 'hidden config');
  const outputCfg = asObject(need('output').config, file, 'output config');
  if ((outputCfg.activation ?? 'softmax') !== 'softmax') throw new UserError(file, 'layer "output" must be softmax');

  // Weights: every group's files are concatenated in manifest order; specs follow each other without padding.
  const manifest = root.weightsManifest;
  if (!Array.isArray(manifest)) throw new UserError(file, 'weightsManifest is missing');
  const named = new Map<string, { shape: number[]; data: Float32Array }>();
  let offset = 0;
  for (const group of manifest) {
    const specs = asObject(group, file, 'a weightsManifest group').weights as WeightSpec[];
    if (!Array.isArray(specs)) throw new UserError(file, 'a weightsManifest group has no weights list');
    for (const spec of specs) {
      if (spec.dtype !== 'float32' || spec.quantization)
        throw new UserError(file, `weight ${spec.name}: only unquantised float32 weights are supported (got ${spec.dtype})`);
      const n = spec.shape.reduce((a, b) => a * b, 1);
      const bytes = n * 4;
      if (offset + bytes > weightData.byteLength)
        throw new UserError(file, `weight files are shorter than the manifest says (at ${spec.name})`);
      // Copy: the source buffer may not be 4-byte aligned, and the copy frees the file buffer for GC.
      const data = new Float32Array(n);
      new Uint8Array(data.buffer).set(weightData.subarray(offset, offset + bytes));
      offset += bytes;
      named.set(normaliseName(spec.name), { shape: spec.shape, data });
    }
  }
  if (offset !== weightData.byteLength)
    throw new UserError(file, `weight files hold ${weightData.byteLength} bytes, the manifest describes ${offset}`);

  const find = (suffix: string): [string, { shape: number[]; data: Float32Array }] | null => {
    const hits = [...named.entries()].filter(([k]) => k === suffix || k.endsWith('/' + suffix));
    if (hits.length > 1) throw new UserError(file, `weight "${suffix}" is ambiguous: ${hits.map(([k]) => k).join(', ')}`);
    return hits[0] ?? null;
  };
  const weight = (suffix: string, shape: number[] | null): Float32Array | null => {
    const hit = find(suffix);
    if (!hit) {
      if (shape === null) return null;
      throw new UserError(file, `weight "${suffix}" not found (have: ${[...named.keys()].join(', ')})`);
    }
    const [name, w] = hit;
    if (shape && (w.shape.length !== shape.length || w.shape.some((d, i) => d !== shape[i])))
      throw new UserError(file, `weight "${name}" has shape [${w.shape}], expected [${shape}]`);
    return w.data;
  };

  const gates = GATES_PER_CELL[cell];
  const forwardKernel = find('bi/forward_rnn/kernel');
  if (!forwardKernel) throw new UserError(file, 'weight "bi/forward_rnn/kernel" not found');
  const inputSize = forwardKernel[1].shape[0];
  const readCell = (dir: 'forward' | 'backward'): CellWeights => ({
    kernel: weight(`bi/${dir}_rnn/kernel`, [inputSize, gates * units])!,
    recurrent: weight(`bi/${dir}_rnn/recurrent_kernel`, [units, gates * units])!,
    bias: weight(`bi/${dir}_rnn/bias`, null) ?? new Float32Array(gates * units),
  });
  const hiddenUnits = Number(hiddenCfg.units);
  const seqLen = modelSeqLen(root, file);
  const outputSize = Number(outputCfg.units);
  return {
    cell,
    units,
    inputSize,
    hiddenUnits,
    outputSize,
    activation: activationOf(rnnCfg, 'activation', 'tanh', file),
    // tfjs's default recurrent activation is hardSigmoid (Keras 2's), so a missing key means that.
    recurrentActivation: cell === 'rnn' ? 'linear' : activationOf(rnnCfg, 'recurrent_activation', 'hardSigmoid', file),
    fwd: readCell('forward'),
    bwd: readCell('backward'),
    hiddenKernel: weight('hidden/kernel', [2 * units, hiddenUnits])!,
    hiddenBias: weight('hidden/bias', null) ?? new Float32Array(hiddenUnits),
    hiddenActivation: activationOf(hiddenCfg, 'activation', 'linear', file),
    outputKernel: weight('output/kernel', [hiddenUnits + inputSize, outputSize])!,
    outputBias: weight('output/bias', null) ?? new Float32Array(outputSize),
    seqLen,
  };
}

/** Files of a saved model: model.json and the weight files its manifest names. */
export function modelFiles(dir: string): string[] {
  const json = join(dir, 'model.json');
  if (!existsSync(json)) return [json];
  const root = readJson(json) as { weightsManifest?: { paths?: string[] }[] };
  const paths = (root.weightsManifest ?? []).flatMap((g) => g.paths ?? []);
  return [json, ...paths.map((p) => join(dir, p))];
}

/** Read `dir/model.json` and its weight files. */
export function readModelDir(dir: string): ModelWeights {
  const [json, ...weightFiles] = modelFiles(dir);
  const raw = readJson(json);
  const chunks = weightFiles.map((f) => {
    if (!existsSync(f)) throw new UserError(f, 'weight file named in model.json is missing');
    return readFileSync(f);
  });
  return parseModel(raw, new Uint8Array(Buffer.concat(chunks)), json);
}
