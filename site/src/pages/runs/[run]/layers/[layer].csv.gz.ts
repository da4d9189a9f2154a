/**
 * The pairs × neurons selectivity matrix of one layer as CSV (the layer page's heatmap data: the bias-corrected
 * selectivity, the one measure the pair files keep for every neuron): one row per pair, one column per neuron — a
 * quarter of the size of one row per (pair, neuron). Gzipped: a 228-unit layer's matrix is ~90 KB of 4-digit numbers
 * (1.4 MB a default run), a third of that packed; it is a download, never read by a page.
 */
import type { APIRoute } from 'astro';
import { gzipSync } from 'node:zlib';
import { allRuns, getRun } from '../../../../lib/runs.ts';
import { toCsv } from '../../../../lib/vega.ts';

export function getStaticPaths() {
  return allRuns().flatMap((r) => r.analysedLayers.map((l) => ({ params: { run: r.name, layer: l.name } })));
}

export const GET: APIRoute = ({ params }) => {
  const run = getRun(params.run!);
  const size = run.analysedLayer(params.layer!)?.size ?? 0;
  const rows = (run.pairs ?? []).map((p) => {
    const row: Record<string, string | number> = { input: p.input, output: p.output };
    const byNeuron = new Map((run.pair(p.slug)!.data.layers[params.layer!] ?? []).map((r) => [r.neuron, r.corrected]));
    for (let n = 0; n < size; n++) row[`n${n}`] = byNeuron.get(n) ?? '';
    return row;
  });
  return new Response(gzipSync(toCsv(rows), { level: 9 }), { headers: { 'Content-Type': 'application/gzip' } });
};
