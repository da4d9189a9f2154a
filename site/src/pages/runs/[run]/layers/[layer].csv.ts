/** The pairs × neurons distance matrix of one layer as CSV (the layer page's heatmap data). */
import type { APIRoute } from 'astro';
import { allRuns, getRun } from '../../../../lib/runs.ts';
import { toCsv } from '../../../../lib/vega.ts';

export function getStaticPaths() {
  return allRuns().flatMap((r) => r.analysedLayers.map((l) => ({ params: { run: r.name, layer: l.name } })));
}

export const GET: APIRoute = ({ params }) => {
  const run = getRun(params.run!);
  const rows = (run.pairs ?? []).flatMap((p) =>
    (run.pair(p.slug)!.data.layers[params.layer!] ?? []).map((r) => ({ input: p.input, output: p.output, neuron: r.neuron, hellinger: r.hellinger, corrected: r.corrected ?? null, auroc: r.auroc ?? null })),
  );
  return new Response(toCsv(rows), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
