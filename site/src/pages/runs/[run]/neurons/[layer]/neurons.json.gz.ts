/**
 * A layer's neurons as the pages draw them (lib/neuron-data.ts joins the report stage's files), served gzipped for
 * the browser's viewer (scripts/fetch-json.ts unpacks it): the layer data is most of a run's weight (≈ 8 MB per
 * 228-unit run as JSON, a fifth of that gzipped), and static hosts serve it as an opaque file either way.
 */
import type { APIRoute } from 'astro';
import { gzipSync } from 'node:zlib';
import { allRuns, getRun } from '../../../../../lib/runs.ts';

export function getStaticPaths() {
  return allRuns().flatMap((r) => r.analysedLayers.filter((l) => r.neuronReport(l.name)).map((l) => ({ params: { run: r.name, layer: l.name } })));
}

export const GET: APIRoute = ({ params }) => {
  const body = gzipSync(JSON.stringify(getRun(params.run!).neuronReport(params.layer!)), { level: 9 });
  return new Response(body, { headers: { 'Content-Type': 'application/gzip' } });
};
