/**
 * The live page's client code. Only tfjs-core, tfjs-layers and the CPU backend are bundled (not the whole tfjs
 * package): the model is tiny per character, and this keeps the page's JavaScript small.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { transliterate, withLayerOutputs, type Vocabulary } from '../lib/translit.ts';
import { activationKeyHtml } from '../lib/colours.ts';
import { activationTextHtml } from '../lib/strip.ts';
import { esc } from '../lib/svg.ts';

interface Watch {
  input: string;
  output: string;
  href: string;
  units: { layer: string; neuron: number; hellinger: number }[];
}

interface LiveConfig {
  model: string;
  vocab: Vocabulary;
  units: number;
  hidden: number;
  neuronBase: string;
  /** Training window of the model (its long-line windows), null if unknown. */
  seqLen: number | null;
  /** Per analysed pair: the units worth watching (built from the pair files). */
  watch: Watch[];
}

const LAYERS = ['concat', 'hidden'];

/** Capture layer + index → the neuron's permalink (concat units are the fwd.h / bwd.h units). */
function neuronHref(cfg: LiveConfig, layer: string, n: number): string {
  if (layer === 'concat') return n < cfg.units ? `${cfg.neuronBase}fwd.h/#${n}` : `${cfg.neuronBase}bwd.h/#${n - cfg.units}`;
  return `${cfg.neuronBase}${layer}/#${n}`;
}

/** The unit's name as the post writes it: concat units by direction. */
function unitName(cfg: LiveConfig, layer: string, n: number): string {
  if (layer === 'concat') return n < cfg.units ? `fwd.h ${n}` : `bwd.h ${n - cfg.units}`;
  return `${layer} ${n}`;
}

/** Suggestions for the letters typed: each analysed pair of those letters with its top units, as buttons. */
function suggestionsHtml(cfg: LiveConfig, text: string): string {
  const letters = [...new Set([...text])].filter((c) => cfg.watch.some((w) => w.input === c)).slice(0, 10);
  if (!letters.length) return '<p class="na">None of the letters typed is an analysed input letter.</p>';
  return letters
    .map((c) => {
      const rows = cfg.watch
        .filter((w) => w.input === c)
        .map(
          (w) =>
            `<li><a href="${esc(w.href)}"><strong>${esc(c)}</strong> → <span class="armenian">${esc(w.output)}</span></a>: ` +
            w.units
              .map((u) => `<button type="button" class="pill unit" data-layer="${esc(u.layer)}" data-neuron="${u.neuron}" title="Hellinger ${u.hellinger.toFixed(3)}">${esc(unitName(cfg, u.layer, u.neuron))}</button>`)
              .join(' ') +
            '</li>',
        )
        .join('');
      return `<ul class="watch" data-letter="${esc(c)}">${rows}</ul>`;
    })
    .join('');
}

export async function startLive(root: HTMLElement): Promise<void> {
  const cfg = JSON.parse(root.dataset.config!) as LiveConfig;
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const text = $<HTMLTextAreaElement>('text');
  const out = $('out');
  const acts = $('acts');
  const key = $('key');
  const suggest = $('suggest');
  const layerSel = $<HTMLSelectElement>('layer');
  const neuronIn = $<HTMLInputElement>('neuron');
  const link = $<HTMLAnchorElement>('neuron-link');
  const status = $('status');
  suggest.innerHTML = suggestionsHtml(cfg, text.value);
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
      link.textContent = `${unitName(cfg, layer, n)}: its page`;
      const input = text.value.slice(0, 500);
      const res = transliterate(model, LAYERS, input, cfg.vocab, cfg.seqLen);
      out.textContent = res.text;
      out.dataset.ready = '1';
      suggest.innerHTML = suggestionsHtml(cfg, input);
      const values = (res.activations[layer] ?? []).map((row) => row[n] ?? 0);
      const max = Math.max(1e-9, ...values.map(Math.abs));
      // The Latin input, each character coloured by the unit's activation, with the Armenian the model wrote under it.
      acts.innerHTML = activationTextHtml(
        res.perChar.map((c) => c.input),
        values,
        res.perChar.map((c) => c.output || '_'),
        max,
      );
      key.innerHTML = activationKeyHtml(max);
      status.textContent = `${unitName(cfg, layer, n)} (${layer} ${n}): activations from ${(-max).toFixed(2)} to ${max.toFixed(2)}; “_” is a placeholder the model writes for the second letter of a digraph.`;
    };
    suggest.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button.unit');
      if (!b) return;
      layerSel.value = b.dataset.layer!;
      neuronIn.value = b.dataset.neuron!;
      update();
      acts.scrollIntoView({ block: 'nearest' });
    });
    for (const el of [text, layerSel, neuronIn]) el.addEventListener('input', update);
    update();
  } catch (err) {
    out.textContent = '';
    status.textContent = `The model could not be loaded: ${(err as Error).message}`;
    throw err;
  }
}
