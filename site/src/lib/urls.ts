/// <reference types="vite/client" />
/** Every internal link goes through here, so the site also works under a base path (astro --base). */
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
export const neuronUrl = (run: string, layer: string, neuron: number) => url('runs', run, 'neurons', layer, neuron);
