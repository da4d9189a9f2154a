/**
 * The compare pages' "every pair and layer that changed" rows as one string: 100 rows on each of n·(n − 1) pages
 * (56 for 8 runs), so cells carry no classes (site.css aligns `#compare-top` by column) and no template whitespace.
 * Pure: links and labels come from the caller; every text goes through `esc`.
 */
import { esc } from './svg.ts';

export interface CompareRow {
  label: { input: string; output: string };
  layer: string;
  overlap: number;
  bestA: number;
  bestB: number;
  /** Run A's and B's names, their pair pages (null: the run lacks the pair) and shown top neurons' pages. */
  a: { run: string; pair: string | null; neurons: { n: number; href: string }[] };
  b: { run: string; pair: string | null; neurons: { n: number; href: string }[] };
  delta: string;
}

const link = (href: string, text: string | number) => `<a href="${esc(href)}">${esc(text)}</a>`;

export function compareRowsHtml(rows: CompareRow[]): string {
  return rows
    .map(
      (r) =>
        `<tr><td><span class="armenian">${esc(r.label.input)} → ${esc(r.label.output)}</span> ` +
        `${r.a.pair ? link(r.a.pair, r.a.run) : ''} · ${r.b.pair ? link(r.b.pair, r.b.run) : ''}</td>` +
        `<td>${esc(r.layer)}</td><td>${(r.overlap * 100).toFixed(0)}%</td><td>${r.bestA.toFixed(3)}</td><td>${r.bestB.toFixed(3)}</td><td>${esc(r.delta)}</td>` +
        `<td>${r.a.neurons.map((x) => link(x.href, x.n)).join(' ')}</td><td>${r.b.neurons.map((x) => link(x.href, x.n)).join(' ')}</td></tr>`,
    )
    .join('');
}
