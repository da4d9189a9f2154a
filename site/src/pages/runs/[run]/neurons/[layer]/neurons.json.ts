/** A layer's neurons as the report stage wrote them (report/neurons/<layer>.json), served for the browser's viewer. */
import type { APIRoute } from 'astro';
import { allRuns, getRun } from '../../../../../lib/runs.ts';

export function getStaticPaths() {
  return allRuns().flatMap((r) => r.analysedLayers.filter((l) => r.neuronReport(l.name)).map((l) => ({ params: { run: r.name, layer: l.name } })));
}

export const GET: APIRoute = ({ params }) => {
  // Compact JSON (the artifact is pretty-printed for diffs); the content is the artifact's, unchanged.
  const body = JSON.stringify(getRun(params.run!).neuronReport(params.layer!));
  return new Response(body, { headers: { 'Content-Type': 'application/json' } });
};
