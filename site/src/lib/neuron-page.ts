/**
 * What a neuron page needs at build time: the report file of its layer and the context the renderer
 * (lib/neuron-view.ts) and the browser's viewer (scripts/neuron-viewer.ts) share.
 */
import type { RunData } from './runs.ts';
import type { NeuronViewContext } from './neuron-view.ts';
import { fileUrl, neuronLayerUrl, neuronUrl, pairUrl, runUrl } from './urls.ts';

/** The serialisable part of the context, handed to the browser as JSON. */
export interface NeuronViewConfig {
  run: string;
  layer: string;
  describe: string;
  units: number;
  hidden: number;
  vocab: { input: string[]; output: string[] } | null;
  /** The layer's report file as served by the site (neurons/<layer>/neurons.json.gz). */
  data: string;
}

export function neuronViewConfig(run: RunData, layer: string): NeuronViewConfig {
  const info = run.analysedLayer(layer)!;
  return {
    run: run.name,
    layer,
    describe: info.describe,
    units: run.manifest?.config.model.units ?? 0,
    hidden: run.manifest?.config.model.hidden ?? 0,
    vocab: run.vocab ? { input: run.vocab.input, output: run.vocab.output } : null,
    data: fileUrl('runs', run.name, 'neurons', layer, 'neurons.json.gz'),
  };
}

/** The context with the build's links: featured neurons link to their own pages, the others to the layer page. */
export function serverContext(cfg: NeuronViewConfig): NeuronViewContext {
  return {
    ...cfg,
    pairHref: (slug) => pairUrl(cfg.run, slug),
    neuronHref: (layer, n) => neuronUrl(cfg.run, layer, n),
    layerHref: runUrl(cfg.run, 'layers', cfg.layer),
  };
}

export { neuronLayerUrl };
