/**
 * The live page's client code. Only tfjs-core, tfjs-layers and the CPU backend are bundled (not the whole tfjs
 * package): the model is tiny per character, and this keeps the page's JavaScript small.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { transliterate, withLayerOutputs, type Vocabulary } from '../lib/translit.ts';

interface LiveConfig {
  model: string;
  vocab: Vocabulary;
  units: number;
  hidden: number;
  neuronBase: string;
  /** Training window of the model (its long-line windows), null if unknown. */
  seqLen: number | null;
}

const LAYERS = ['concat', 'hidden'];

function colour(v: number, max: number): string {
  const a = Math.min(1, Math.abs(v) / (max || 1)).toFixed(2);
  return v >= 0 ? `rgba(224,112,27,${a})` : `rgba(42,157,85,${a})`;
}

/** Capture layer + index → the neuron page it has (concat units are the fwd.h / bwd.h units). */
function neuronHref(cfg: LiveConfig, layer: string, n: number): string {
  if (layer === 'concat') return n < cfg.units ? `${cfg.neuronBase}fwd.h/${n}/` : `${cfg.neuronBase}bwd.h/${n - cfg.units}/`;
  return `${cfg.neuronBase}${layer}/${n}/`;
}

export async function startLive(root: HTMLElement): Promise<void> {
  const cfg = JSON.parse(root.dataset.config!) as LiveConfig;
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const text = $<HTMLTextAreaElement>('text');
  const out = $('out');
  const acts = $('acts');
  const layerSel = $<HTMLSelectElement>('layer');
  const neuronIn = $<HTMLInputElement>('neuron');
  const link = $<HTMLAnchorElement>('neuron-link');
  const status = $('status');
  try {
    await tf.setBackend('cpu');
    const base = await tfl.loadLayersModel(new URL(cfg.model, location.href).href);
    const model = withLayerOutputs(base, LAYERS);
    const update = () => {
      const layer = layerSel.value;
      const size = layer === 'concat' ? 2 * cfg.units : cfg.hidden + cfg.vocab.input.length;
      neuronIn.max = String(size - 1);
      const n = Math.max(0, Math.min(size - 1, Number(neuronIn.value) || 0));
      link.href = neuronHref(cfg, layer, n);
      const input = text.value.slice(0, 500);
      const res = transliterate(model, LAYERS, input, cfg.vocab, cfg.seqLen);
      out.textContent = res.text;
      out.dataset.ready = '1';
      const values = (res.activations[layer] ?? []).map((row) => row[n] ?? 0);
      const max = Math.max(1e-9, ...values.map(Math.abs));
      acts.replaceChildren(
        ...res.perChar.map((c, t) => {
          const span = document.createElement('span');
          span.textContent = c.input === ' ' ? '\u00a0' : c.input;
          span.style.background = colour(values[t] ?? 0, max);
          span.title = `${c.input} → ${c.output || '(placeholder)'}: ${(values[t] ?? 0).toFixed(3)}`;
          return span;
        }),
      );
      status.textContent = `${layer} neuron ${n}: activations from ${(-max).toFixed(2)} (green) to ${max.toFixed(2)} (orange).`;
    };
    for (const el of [text, layerSel, neuronIn]) el.addEventListener('input', update);
    update();
  } catch (err) {
    out.textContent = '';
    status.textContent = `The model could not be loaded: ${(err as Error).message}`;
    throw err;
  }
}
