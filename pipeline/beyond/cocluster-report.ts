/**
 * The co-clusters artifact from the expected-response matrices: rows are the units of the chosen layers, columns
 * the input characters. Clustering needs a non-negative matrix, so either |response| ("abs": a character belongs
 * with the units it moves, whichever way) or the response split by sign ("split": every character appears as two
 * columns, c+ = max(r, 0) and c− = max(−r, 0), so pushing a unit up and pushing it down are separate links).
 */
import type { BeyondConfig } from '../lib/config.ts';
import { UserError } from '../lib/errors.ts';
import { log } from '../lib/progress.ts';
import type { CoclustersArtifact, ResponseArtifact } from '../lib/schemas/beyond.ts';
import { blockLinks, canonicalLabels, spectralCocluster } from './cocluster.ts';
import { matrix } from './linalg.ts';

type Body<T> = Omit<T, 'schemaVersion'>;
type Sign = 'any' | 'positive' | 'negative';

export function coclusterReport(
  response: Body<ResponseArtifact>,
  cfg: Pick<BeyondConfig, 'coclusterLayers' | 'coclusters' | 'coclusterSigns'>,
  seed: number,
): Body<CoclustersArtifact> {
  const layers = response.layers.filter((l) => (cfg.coclusterLayers as string[]).includes(l.name));
  if (!layers.length)
    throw new UserError('config beyond.coclusterLayers', `none of ${cfg.coclusterLayers.join(', ')} is in the capture`);
  const units = layers.flatMap((l) => l.mean.map((_, unit) => ({ layer: l.name, unit })));
  const rows = layers.flatMap((l) => l.mean);
  // Columns: (character, sign, signed value per unit). In "split" mode the negative column keeps its sign (≤ 0),
  // so link strengths below still read as positive / negative responses.
  const cols: { char: string; sign: Sign; value: (r: number) => number }[] =
    cfg.coclusterSigns === 'split'
      ? response.characters.flatMap((c) => [
          { char: c.char, sign: 'positive' as Sign, value: (r: number) => Math.max(r, 0) },
          { char: c.char, sign: 'negative' as Sign, value: (r: number) => Math.min(r, 0) },
        ])
      : response.characters.map((c) => ({ char: c.char, sign: 'any' as Sign, value: (r: number) => r }));
  const charIndex = new Map(response.characters.map((c, j) => [c.char, j]));
  const signed = matrix(units.length, cols.length);
  rows.forEach((row, i) => cols.forEach((c, j) => (signed.data[i * cols.length + j] = c.value(row[charIndex.get(c.char)!]))));
  const layerNames = layers.map((l) => l.name);
  const k = Math.min(cfg.coclusters, units.length, cols.length);
  if (k < 2) return { k: 1, signs: cfg.coclusterSigns, layers: layerNames, clusters: [], links: [] };

  log('beyond', `co-clustering ${units.length} units × ${cols.length} character columns (${cfg.coclusterSigns}) into ${k}`);
  const abs = matrix(signed.rows, signed.cols, signed.data.map(Math.abs));
  const cc = canonicalLabels(spectralCocluster(abs, k, `${seed}:beyond`), k);
  const at = (i: number, j: number) => signed.data[i * signed.cols + j];
  const links = blockLinks(signed, cc, k);
  const meanOf = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  // Strongest first; Array.prototype.sort is stable, so ties keep unit / column order.
  const byStrength = <T extends { response: number }>(a: T, b: T) => Math.abs(b.response) - Math.abs(a.response);
  const clusters = Array.from({ length: k }, (_, id) => {
    const inRows = [...cc.rowLabels.keys()].filter((i) => cc.rowLabels[i] === id);
    const inCols = [...cc.colLabels.keys()].filter((j) => cc.colLabels[j] === id);
    const link = links[id * k + id];
    return {
      id,
      units: inRows.map((i) => ({ ...units[i], response: meanOf(inCols.map((j) => at(i, j))) })).sort(byStrength),
      characters: inCols
        .map((j) => ({ char: cols[j].char, sign: cols[j].sign, response: meanOf(inRows.map((i) => at(i, j))) }))
        .sort(byStrength),
      positive: link.positive,
      negative: link.negative,
    };
  });
  return {
    k,
    signs: cfg.coclusterSigns,
    layers: layerNames,
    clusters,
    links: links.map((l) => ({ units: l.rowCluster, characters: l.colCluster, positive: l.positive, negative: l.negative })),
  };
}
