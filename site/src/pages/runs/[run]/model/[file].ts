/** The run's saved tf.layers model (model.json + weight shards), copied into the site for the live page. */
import type { APIRoute } from 'astro';
import { readFileSync } from 'node:fs';
import { artifactPath } from '../../../../lib/artifacts.ts';
import { allRuns } from '../../../../lib/runs.ts';

export function getStaticPaths() {
  return allRuns().flatMap((r) => r.modelFiles.map((file) => ({ params: { run: r.name, file } })));
}

export const GET: APIRoute = ({ params }) => {
  const bytes = readFileSync(artifactPath(params.run!, `model/${params.file}`));
  const type = params.file!.endsWith('.json') ? 'application/json' : 'application/octet-stream';
  return new Response(bytes, { headers: { 'Content-Type': type } });
};
