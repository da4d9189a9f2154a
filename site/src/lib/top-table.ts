/**
 * A pair page's top-neuron table of one layer, as one string: 15 tables × TOP rows on each of a run's ~60 pair pages,
 * so the cells carry no classes (site.css aligns `table.top` by column, `td i` is the bar) and a link names only the
 * neuron (the table's heading names the layer). Pure; every text is a number or goes through `esc`.
 */
import { esc } from './svg.ts';

interface TopRow { neuron: number; hellinger: number; corrected?: number; auroc?: number }

const f3 = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(3));

export function topTableHtml(rows: TopRow[], top: number, href: (neuron: number) => string): string {
  return (
    '<thead><tr><th>#</th><th>neuron</th><th>Hellinger (post)</th><th>corrected</th><th>AUROC</th></tr></thead><tbody>' +
    rows
      .slice(0, top)
      .map(
        (r, k) =>
          `<tr><td>${k + 1}</td><td><a href="${esc(href(r.neuron))}">${r.neuron}</a></td>` +
          `<td><i style="width:${(r.hellinger * 80).toFixed(0)}px"></i>${f3(r.hellinger)}</td><td>${f3(r.corrected)}</td><td>${f3(r.auroc)}</td></tr>`,
      )
      .join('') +
    '</tbody>'
  );
}
