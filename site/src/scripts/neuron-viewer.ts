/**
 * The layer page's neuron viewer: reads `#<n>` from the address, fetches the layer's neurons.json.gz once (the report
 * stage's file) and draws that neuron with the same renderer the build uses for the featured neurons' pages.
 */
import type { NeuronViewConfig } from '../lib/neuron-page.ts';
import { neuronHtml, type NeuronLayerView } from '../lib/neuron-view.ts';
import { neuronHashUrl, pairUrl, runUrl } from '../lib/urls.ts';
import { fetchJson } from './fetch-json.ts';

export async function startNeuronViewer(root: HTMLElement): Promise<void> {
  const cfg = JSON.parse(root.dataset.config!) as NeuronViewConfig;
  const ctx = {
    ...cfg,
    pairHref: (slug: string) => pairUrl(cfg.run, slug),
    neuronHref: (layer: string, n: number) => neuronHashUrl(cfg.run, layer, n),
    layerHref: runUrl(cfg.run, 'layers', cfg.layer),
  };
  let file: NeuronLayerView | null = null;
  const picker = document.getElementById('neuron-number') as HTMLInputElement | null;
  const wanted = (): number | null => {
    const m = /^#(\d+)$/.exec(location.hash);
    return m ? Number(m[1]) : null;
  };
  const show = async (): Promise<void> => {
    const n = wanted();
    if (n === null) return;
    try {
      file ??= await fetchJson<NeuronLayerView>(cfg.data);
    } catch (err) {
      root.innerHTML = `<p class="missing">The layer's data (${cfg.data}) could not be loaded: ${String(err).replace(/[<&]/g, '')}</p>`;
      return;
    }
    root.innerHTML = neuronHtml(file, n, ctx);
    if (picker) picker.value = String(n);
    document.title = document.title.replace(/neuron \d+|neurons/, `neuron ${n}`);
  };
  document.getElementById('neuron-pick')?.addEventListener('submit', (e) => {
    e.preventDefault();
    if (picker) location.hash = `#${Math.max(0, Math.min(Number(picker.max), Number(picker.value) || 0))}`;
  });
  addEventListener('hashchange', () => void show());
  await show();
}
