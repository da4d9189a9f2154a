/// <reference types="vite/client" />
/**
 * Every internal link goes through here, so the site also works under a base path (`SITE_BASE=/x/ make site`).
 * Pure and free of Node imports: the browser's scripts use it too.
 */
const BASE = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');

export function url(...parts: (string | number)[]): string {
  const path = parts.map((p) => encodeURIComponent(String(p))).join('/');
  return BASE + (path ? `${path}/` : '');
}

export function fileUrl(...parts: (string | number)[]): string {
  return BASE + parts.map((p) => encodeURIComponent(String(p))).join('/');
}

export const runUrl = (run: string, ...rest: (string | number)[]) => url('runs', run, ...rest);
export const pairUrl = (run: string, slug: string) => url('runs', run, 'pairs', slug);

/** A layer's neuron page, which draws any of its neurons in the browser: `#<n>` picks one (the permalink). */
export const neuronLayerUrl = (run: string, layer: string) => url('runs', run, 'neurons', layer);
export const neuronHashUrl = (run: string, layer: string, neuron: number) => `${neuronLayerUrl(run, layer)}#${neuron}`;
/** A neuron's own server-rendered page (only the featured neurons have one, see `neuronUrl`). */
export const neuronPageUrl = (run: string, layer: string, neuron: number) => url('runs', run, 'neurons', layer, neuron);

/** Where a neuron is shown: its own page, its layer's page, or nowhere (the run's statistics skip its layer). */
export type NeuronPlace = 'page' | 'layer' | 'none';
type Place = (run: string, layer: string, neuron: number) => NeuronPlace;
let placeOf: Place = () => 'layer';

/** Told by lib/runs.ts which neurons have a page of their own (the report stage's `featured`). */
export function setNeuronPages(fn: Place): void {
  placeOf = fn;
}

/**
 * The link to a neuron: its own page when it has one (works without JavaScript), else its layer page's permalink;
 * the run's layers overview when its layer is not analysed.
 */
export function neuronUrl(run: string, layer: string, neuron: number): string {
  const place = placeOf(run, layer, neuron);
  return place === 'page' ? neuronPageUrl(run, layer, neuron) : place === 'layer' ? neuronHashUrl(run, layer, neuron) : runUrl(run, 'layers');
}
