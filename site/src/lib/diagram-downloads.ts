/**
 * Every pair's neuron-diagram nodes and edges as two CSVs per run (an `input` and `output` column name the pair),
 * not two per pair: the per-pair files were 1–4 KB each, so ~110 files and ~0.45 MB of `du` (4 KB blocks) a run.
 * Published once per run and memoised: each pair page links the same two files.
 */
import { publishDownload } from './downloads.ts';
import { getRun } from './runs.ts';
import { toCsv } from './vega.ts';

const cache = new Map<string, { nodes: string; edges: string }>();

export function diagramDownloads(run: string): { nodes: string; edges: string } {
  let urls = cache.get(run);
  if (!urls) {
    const diagrams = getRun(run).diagrams ?? [];
    const tag = <T extends object>(d: { input: string; output: string }, rows: T[]) => rows.map((r) => ({ input: d.input, output: d.output, ...r }));
    urls = {
      nodes: publishDownload(`${run}/pairs/diagram-nodes.csv`, toCsv(diagrams.flatMap((d) => tag(d, Object.values(d.nodes).flat())))),
      edges: publishDownload(`${run}/pairs/diagram-edges.csv`, toCsv(diagrams.flatMap((d) => tag(d, d.edges)))),
    };
    cache.set(run, urls);
  }
  return urls;
}
