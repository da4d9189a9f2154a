import { availableParallelism } from 'node:os';
import { readModelDir } from '../capture/model-file.ts';
import type { Vocab } from './data.ts';
import { fileLoadHandler, loadModel, readTranslitMetadata } from './layers-io.ts';
import { checkVocabShapes } from './model-check.ts';
import type { NamedArray } from './model-api.ts';
import { createModel } from './model.ts';
import { PARAM_NAMES, paramShapes } from './model-params.ts';
import { layersPredictor, type Predictor } from './translit.ts';

/**
 * A saved model (artifacts/<run>/model/) opened for transliteration. The one way the evaluate stage and the
 * `translit` command run a model, so they cannot disagree: the weights go into the training code's fast model
 * (batch prediction sharded over `workers` threads, each with its own wasm instance); a model with activations
 * that code does not compute (not written by this pipeline) falls back to tfjs's own `predict`, one thread.
 */
export interface SavedModel {
  predictor: Predictor;
  vocab: Vocab;
  seqLen: number;
  /** 'fast' (the training code, `workers` threads) or 'tfjs' (tf.layers predict). */
  engine: 'fast' | 'tfjs';
  dispose(): void;
}

/** Default worker count for inference: the cores there are, at most 4 (a batch is split into that many shards). */
export function inferenceWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export async function openSavedModel(dir: string, opts: { workers?: number } = {}): Promise<SavedModel> {
  const meta = readTranslitMetadata(dir);
  // The checks every load runs (model-check.ts): weights.bin's size and recorded hash, finite weights, and a
  // vocabulary that fits the weight shapes — the fast path below reads the weights itself, so run them first.
  const specs = (await fileLoadHandler(dir).load!()).weightSpecs ?? [];
  checkVocabShapes(dir, specs, meta.vocab);
  const w = readModelDir(dir);
  const fastCompatible =
    w.activation === 'tanh' &&
    w.hiddenActivation === 'tanh' &&
    (w.cell === 'rnn' || w.recurrentActivation === 'sigmoid') &&
    w.inputSize === meta.vocab.input.length &&
    w.outputSize === meta.vocab.output.length;
  if (!fastCompatible) {
    const { model } = await loadModel(dir);
    return {
      predictor: layersPredictor(model, meta.vocab.input.length),
      vocab: meta.vocab,
      seqLen: meta.seqLen,
      engine: 'tfjs',
      dispose: () => model.dispose(),
    };
  }
  const shapes = { kind: w.cell, inputSize: w.inputSize, outputSize: w.outputSize, units: w.units, hidden: w.hiddenUnits };
  const model = await createModel({
    model: { cell: w.cell, units: w.units, hidden: w.hiddenUnits },
    inputSize: w.inputSize,
    outputSize: w.outputSize,
    seed: 0,
    learningRate: 0,
    workers: opts.workers ?? inferenceWorkers(),
  });
  const data: Record<(typeof PARAM_NAMES)[number], Float32Array> = {
    'bi/forward_rnn/kernel': w.fwd.kernel,
    'bi/forward_rnn/recurrent_kernel': w.fwd.recurrent,
    'bi/forward_rnn/bias': w.fwd.bias,
    'bi/backward_rnn/kernel': w.bwd.kernel,
    'bi/backward_rnn/recurrent_kernel': w.bwd.recurrent,
    'bi/backward_rnn/bias': w.bwd.bias,
    'hidden/kernel': w.hiddenKernel,
    'hidden/bias': w.hiddenBias,
    'output/kernel': w.outputKernel,
    'output/bias': w.outputBias,
  };
  const pshapes = paramShapes(shapes);
  const weights: Record<string, NamedArray> = {};
  const optimizer: Record<string, NamedArray> = {};
  for (const name of PARAM_NAMES) {
    weights[name] = { shape: pshapes[name], data: data[name] };
    // No training happens here: the optimizer moments are only there because setState restores a whole state.
    optimizer[`${name}/m`] = { shape: pshapes[name], data: new Float32Array(data[name].length) };
    optimizer[`${name}/v`] = { shape: pshapes[name], data: new Float32Array(data[name].length) };
  }
  model.setState({ step: 0, weights, optimizer });
  return { predictor: model, vocab: meta.vocab, seqLen: meta.seqLen, engine: 'fast', dispose: () => model.dispose() };
}
