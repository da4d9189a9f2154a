/**
 * A pair page's "forward vs backward at a glance": per gate, the best corrected selectivity and the mean of the top
 * `top`, in each direction (the pair file's ranking measure). The page draws its pair's rows; the download holds
 * every pair of the run in one CSV (a `pair` column) read by one spec, not a 1 KB CSV and a 2 KB spec per pair.
 */
import type { RunData } from './runs.ts';

// A type, not an interface: chart rows must be assignable to Record<string, unknown>.
export type FwdBwdRow = { gate: string; direction: 'forward' | 'backward'; statistic: string; corrected: number };

/** The gates that have both a ranking in this pair file and a layer in the run, in the run's layer order. */
export function fwdBwdRows(run: RunData, layers: Record<string, { corrected: number }[]>, top: number): FwdBwdRow[] {
  const gates = [...new Set(run.layers.filter((l) => l.gate && layers[l.name]?.length).map((l) => l.gate!))];
  return gates.flatMap((g) =>
    (['fwd', 'bwd'] as const).flatMap((dir) => {
      const ranked = layers[`${dir}.${g}`] ?? [];
      if (!ranked.length) return [];
      const best = ranked.slice(0, top);
      const direction = dir === 'fwd' ? ('forward' as const) : ('backward' as const);
      return [
        { gate: g, direction, statistic: 'best', corrected: ranked[0].corrected },
        { gate: g, direction, statistic: `mean of top ${top}`, corrected: best.reduce((a, b) => a + b.corrected, 0) / best.length },
      ];
    }),
  );
}

const cache = new Map<string, ({ pair: string } & FwdBwdRow)[]>();

/** Every analysed pair's rows, labelled `t→ծ` (memoised per run: each pair page publishes the same download). */
export function runFwdBwdRows(run: RunData, top: number): ({ pair: string } & FwdBwdRow)[] {
  let rows = cache.get(run.name);
  if (!rows) {
    rows = (run.pairs ?? []).flatMap((p) => fwdBwdRows(run, run.pair(p.slug)!.data.layers, top).map((r) => ({ pair: `${p.input}→${p.output}`, ...r })));
    cache.set(run.name, rows);
  }
  return rows;
}
