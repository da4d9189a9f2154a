/**
 * Firing snippets store activations as integers q in [−QUANT, QUANT] of a per-neuron scale (activation =
 * q · scale / QUANT): two digits per character keep a neuron's snippets small enough to ship every neuron to a browser.
 * Its own module, free of zod, because the browser's neuron viewer needs it too.
 */
export const QUANT = 99;
