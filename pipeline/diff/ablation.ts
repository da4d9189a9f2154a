import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readArtifact } from '../lib/artifact.ts';
import { AblationClaims, AblationIndex, AblationPair } from '../lib/schemas/ablation.ts';

/**
 * Ablation effects of two runs side by side (for `npm run diff` and the site's compare pages): per pair and layer
 * measured in both, the balanced accuracy intact and with the pair's top-k / k random units silenced (k closest to
 * 10), and the causal claims' verdicts and values. Pure apart from `loadAblation`.
 */

export interface RunAblation {
  index: AblationIndex;
  pairs: Map<string, AblationPair>;
  claims: AblationClaims | null;
}

export interface AblationRow {
  pair: string;
  layer: string;
  k: number;
  a: { intact: number; top: number; random: number };
  b: { intact: number; top: number; random: number };
}

export interface AblationClaimRow {
  id: string;
  a: { pass: boolean; value: number | null } | null;
  b: { pass: boolean; value: number | null } | null;
}

export interface AblationDiff {
  rows: AblationRow[];
  claims: AblationClaimRow[];
}

/** artifacts/<run>/ablation/ through the schemas, or null when the ablate stage has not run. */
export function loadAblation(dir: string): RunAblation | null {
  const indexPath = join(dir, 'ablation', 'index.json');
  if (!existsSync(indexPath)) return null;
  const index = readArtifact(indexPath, AblationIndex);
  const pairs = new Map(index.pairs.map((p) => [p.label, readArtifact(join(dir, 'ablation', 'pairs', p.file), AblationPair)]));
  const claimsPath = join(dir, 'ablation', 'claims.json');
  return { index, pairs, claims: existsSync(claimsPath) ? readArtifact(claimsPath, AblationClaims) : null };
}

const K = 10;

function at(p: AblationPair, layer: string) {
  const l = p.layers.find((x) => x.layer === layer);
  if (!l || l.points.length === 0) return null;
  const point = [...l.points].sort((x, y) => Math.abs(x.k - K) - Math.abs(y.k - K) || x.k - y.k)[0];
  return { k: point.k, intact: l.intact.balanced, top: point.top.balanced, random: point.random.mean.balanced };
}

export function compareAblation(a: RunAblation | null, b: RunAblation | null): AblationDiff | null {
  if (!a || !b) return null;
  const rows: AblationRow[] = [];
  for (const [label, pa] of a.pairs) {
    const pb = b.pairs.get(label);
    if (!pb) continue;
    for (const l of pa.layers) {
      const x = at(pa, l.layer);
      const y = at(pb, l.layer);
      if (!x || !y || x.k !== y.k) continue;
      rows.push({ pair: label, layer: l.layer, k: x.k, a: { intact: x.intact, top: x.top, random: x.random }, b: { intact: y.intact, top: y.top, random: y.random } });
    }
  }
  const ids = [...new Set([...(a.claims?.claims ?? []), ...(b.claims?.claims ?? [])].map((c) => c.id))];
  const verdict = (r: RunAblation, id: string) => {
    const c = r.claims?.claims.find((x) => x.id === id);
    return c ? { pass: c.pass, value: c.test.value } : null;
  };
  return { rows, claims: ids.map((id) => ({ id, a: verdict(a, id), b: verdict(b, id) })) };
}

export function formatAblationDiff(d: AblationDiff | null, names: [string, string], maxRows = 20): string {
  if (!d) return 'Ablation: not produced by both runs (run the ablate stage).\n';
  const f = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));
  const out = [`Ablation (balanced accuracy: intact / top-k silenced / k random silenced), ${names[0]} vs ${names[1]}, largest change first:`];
  // Largest change of the top-k drop between the runs first.
  const change = (r: AblationRow) => Math.abs(r.b.intact - r.b.top - (r.a.intact - r.a.top));
  const rows = [...d.rows].sort((x, y) => change(y) - change(x));
  for (const r of rows.slice(0, maxRows))
    out.push(`  ${r.pair} ${r.layer} k=${r.k}: ${f(r.a.intact)} / ${f(r.a.top)} / ${f(r.a.random)}  vs  ${f(r.b.intact)} / ${f(r.b.top)} / ${f(r.b.random)}`);
  if (d.rows.length > maxRows) out.push(`  … ${d.rows.length - maxRows} more (--json for all)`);
  out.push('Causal claims:');
  const v = (c: { pass: boolean; value: number | null } | null) => (c ? `${c.pass ? 'pass' : 'fail'} ${f(c.value)}` : '—');
  for (const c of d.claims) out.push(`  ${c.id}: ${v(c.a)}  vs  ${v(c.b)}`);
  return out.join('\n') + '\n';
}
