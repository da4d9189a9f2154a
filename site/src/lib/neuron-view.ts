/**
 * One neuron's page as an HTML string, from the report stage's file for its layer (artifacts/<run>/report/neurons/
 * <layer>.json): the same function renders the featured neurons' own pages at build time and any other neuron in
 * the browser (scripts/neuron-viewer.ts), so both look the same. Pure, no Node imports; every text goes through `esc`.
 */
import type { CompactHistograms } from '../../../pipeline/lib/schemas/stats.ts';
import type { NeuronPatternFact } from '../../../pipeline/report/neuron-facts.ts';
import { QUANT } from '../../../pipeline/report/quant.ts';
import { activationKeyHtml } from './colours.ts';
import { activationTextHtml } from './strip.ts';
import type { NeuronHistogram } from './histograms.ts';
import { pairSlug, showChar } from './slug.ts';
import { esc, histogramSvg } from './svg.ts';

/** One neuron's page data, joined by lib/neuron-data.ts from the files that hold each part. */
export interface NeuronPageData {
  neuron: number;
  /** Largest |activation| over its snippets: the unit of the snippets' quantized `values`. */
  scale: number;
  /** Its best pairs (by corrected selectivity) with their raw distance and its rank in the layer. */
  pairs: { pair: number; hellinger: number; rank: number }[];
  histograms: { pair: number; hellinger: number; histogram: CompactHistograms }[];
  firing: { sentence: number; start: number; input: string; output: string[]; values: number[]; peak: number }[];
  patterns: NeuronPatternFact[];
}

/** A layer's neurons as the pages draw them (served to the browser as the layer's neurons.json.gz). */
export interface NeuronLayerView {
  layer: string;
  size: number;
  /** The analysed pairs, in index order. */
  pairs: { input: string; output: string }[];
  /** Neurons with a page of their own. */
  featured: number[];
  neurons: NeuronPageData[];
}

export interface NeuronViewContext {
  layer: string;
  /** What the layer is ("backward LSTM hidden state"). */
  describe: string;
  units: number;
  hidden: number;
  vocab: { input: string[]; output: string[] } | null;
  pairHref: (slug: string) => string;
  neuronHref: (layer: string, neuron: number) => string;
  layerHref: string;
}

/** A compact histogram (only its non-empty bins stored) as the chart's input. */
export function fromCompact(layer: string, neuron: number, h: CompactHistograms): NeuronHistogram {
  const width = (h.max - h.min) / h.bins;
  const lo = h.min + h.offset * width;
  return { layer, neuron, min: lo, max: lo + h.eq.length * width, equal: h.eq, other: h.ne };
}

/** What a unit is: for concat, which direction's hidden state; for hidden past the dense units, the one-hot input. */
export function describeNeuron(ctx: NeuronViewContext, n: number): string {
  if (ctx.layer === 'concat') return n < ctx.units ? `forward hidden state, unit ${n}` : `backward hidden state, unit ${n - ctx.units}`;
  if (ctx.layer === 'hidden' && n >= ctx.hidden && ctx.vocab) return `one-hot input “${showChar(ctx.vocab.input[n - ctx.hidden] ?? '?')}”`;
  if (ctx.layer === 'output' && ctx.vocab) return `probability of the output “${showChar(ctx.vocab.output[n] ?? '?')}”`;
  return ctx.describe;
}

export function neuronHtml(file: NeuronLayerView, n: number, ctx: NeuronViewContext): string {
  const entry = file.neurons.find((x) => x.neuron === n);
  if (!entry) return `<p class="missing">The layer ${esc(ctx.layer)} has no neuron ${esc(n)} (it has ${file.size}: 0 to ${file.size - 1}).</p>`;
  const pair = (k: number) => file.pairs[k] ?? { input: '?', output: '?' };
  const link = (k: number, text: string) => `<a href="${esc(ctx.pairHref(pairSlug(pair(k).input, pair(k).output)))}">${esc(text)}</a>`;
  const out: string[] = [];
  const same =
    ctx.layer === 'concat'
      ? n < ctx.units
        ? ` The same unit as a recurrent state: <a href="${esc(ctx.neuronHref('fwd.h', n))}">fwd.h ${n}</a>.`
        : ` The same unit as a recurrent state: <a href="${esc(ctx.neuronHref('bwd.h', n - ctx.units))}">bwd.h ${n - ctx.units}</a>.`
      : '';
  out.push(
    `<p class="lede" data-neuron="${n}">Neuron ${n} of <code>${esc(ctx.layer)}</code> (${esc(describeNeuron(ctx, n))}). The table lists the ` +
      '(input → output) choices it separates best: for each, the Hellinger distance between its activations when the input ' +
      'became that output and when it became something else; a neuron with one very high entry is a detector for that choice. ' +
      `Use ← and → to step through the layer's neurons.${same}</p>`,
  );
  const prev = n > 0 ? `<a id="prev" rel="prev" href="${esc(ctx.neuronHref(ctx.layer, n - 1))}">← neuron ${n - 1}</a>` : '';
  const next = n < file.size - 1 ? `<a id="next" rel="next" href="${esc(ctx.neuronHref(ctx.layer, n + 1))}">neuron ${n + 1} →</a>` : '';
  out.push(`<nav class="prevnext" aria-label="Neighbouring neurons"><span>${prev}</span><span><a href="${esc(ctx.layerHref)}">all of ${esc(ctx.layer)}</a></span><span>${next}</span></nav>`);

  out.push('<h2>The pairs it is most selective for</h2>');
  if (entry.pairs.length) {
    const maxH = Math.max(1e-9, ...entry.pairs.map((s) => s.hellinger));
    out.push(
      `<div class="table-scroll"><table class="neuron-pairs"><thead><tr><th>input</th><th>output</th><th class="num">Hellinger</th><th class="num">rank in ${esc(ctx.layer)}</th></tr></thead><tbody>` +
        entry.pairs
          .map(
            (s) =>
              `<tr><td>${link(s.pair, showChar(pair(s.pair).input))}</td><td class="armenian">${link(s.pair, showChar(pair(s.pair).output))}</td>` +
              `<td class="num"><span class="bar" style="width:${((80 * s.hellinger) / maxH).toFixed(0)}px"></span>${s.hellinger.toFixed(3)}</td><td class="num">${s.rank}</td></tr>`,
          )
          .join('') +
        '</tbody></table></div>',
    );
  } else out.push('<p class="na">No pair statistics list this neuron.</p>');

  out.push('<h2>Histograms</h2>');
  if (entry.histograms.length) {
    out.push('<p class="na">Its activations on the steps with the pair\'s input letter: blue when the output was o, orange when it was another letter (each normalised).</p>');
    out.push(
      '<div class="grid">' +
        entry.histograms
          .map((h) => {
            const p = pair(h.pair);
            const title = `${showChar(p.input)} → ${showChar(p.output)} (${h.hellinger.toFixed(3)})`;
            return `<figure class="chart histogram">${histogramSvg(fromCompact(ctx.layer, n, h.histogram), showChar(p.output), title, ctx.pairHref(pairSlug(p.input, p.output)))}</figure>`;
          })
          .join('') +
        '</div>',
    );
  } else out.push('<p class="na">No analysed pair has steps for this neuron.</p>');

  out.push('<h2>Where it fires</h2>');
  for (const p of entry.patterns)
    out.push(
      `<p>Inside the pattern <span class="armenian">${esc(p.pattern)}</span> (${esc(p.name)}) its mean activation is ${p.meanInside.toFixed(3)}, outside ${p.meanOutside.toFixed(3)} (Hellinger ${p.distance.toFixed(3)}).</p>`,
    );
  if (entry.firing.length) {
    out.push(
      `<p class="na">The captured sentences where this neuron reaches its highest activations (one snippet per sentence, the peak in the middle), found by the report stage over the whole capture. ${activationKeyHtml(entry.scale)}</p>`,
    );
    for (const f of entry.firing) {
      const chars = [...f.input];
      const below = f.output.map((u) => u || '_');
      const values = f.values.map((q) => (q * entry.scale) / QUANT);
      out.push(
        `<div class="snippet"><span class="pill">peak ${values[f.peak]?.toFixed(3) ?? '—'}</span> <span class="na">sentence ${f.sentence}, from character ${f.start}</span>` +
          activationTextHtml(chars, values, below, entry.scale) +
          '</div>',
      );
    }
  } else out.push('<p class="na">No captured sentences.</p>');
  return out.join('\n');
}
