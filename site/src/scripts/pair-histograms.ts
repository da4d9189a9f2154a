/**
 * The pair page draws each layer's first STATIC_HISTOGRAMS histograms at build time (they work without JavaScript);
 * this draws the rest in the browser from the page's `histograms.json.gz` download, with the build's own renderer, so
 * a pair page ships ~150 histograms as one data file instead of ~150 KB of SVG markup.
 */
import { fromRecord, STATIC_HISTOGRAMS, type HistogramRecord } from '../lib/histogram-records.ts';
import { histogramFigure } from '../lib/svg.ts';
import { neuronHashUrl } from '../lib/urls.ts';
import { fetchJson } from './fetch-json.ts';

export async function drawPairHistograms(root: HTMLElement): Promise<void> {
  const { src, run, output } = root.dataset as { src: string; run: string; output: string };
  let records: HistogramRecord[];
  try {
    records = await fetchJson<HistogramRecord[]>(src);
  } catch (err) {
    root.insertAdjacentHTML('beforeend', `<p class="missing">The other histograms (${src}) could not be loaded: ${String(err).replace(/[<&]/g, '')}</p>`);
    return;
  }
  for (const grid of root.querySelectorAll<HTMLElement>('[data-layer]')) {
    const rest = records.filter((r) => r.layer === grid.dataset.layer).slice(STATIC_HISTOGRAMS);
    // Links go to the layer page's permalink of the neuron, which draws any neuron (featured or not).
    grid.insertAdjacentHTML('beforeend', rest.map((r) => histogramFigure(fromRecord(r), output, `${r.layer} #${r.neuron}`, neuronHashUrl(run, r.layer, r.neuron))).join(''));
    grid.parentElement?.querySelector('.histos-more')?.remove();
  }
}
