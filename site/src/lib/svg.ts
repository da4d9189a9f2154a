/**
 * Hand-written SVG for the figures a run has thousands of (histograms, heatmap cells): built as strings, because
 * rendering each element through an Astro component (or Vega, ~15 ms a chart) would make the build minutes long.
 * Every text that reaches the markup goes through `esc`.
 */
import type { NeuronHistogram } from './histograms.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => ENTITIES[c]);

const FONT = `font-family="'Noto Sans Armenian', system-ui, sans-serif"`;

/** White → deep blue by t in [0, 1]. */
export function blue(t: number): string {
  const x = Math.max(0, Math.min(1, t));
  const c = (a: number, b: number) => Math.round(a + (b - a) * x).toString(16).padStart(2, '0');
  return `#${c(247, 16)}${c(248, 52)}${c(250, 120)}`;
}

/** The post's figure: "output = o" (blue) and "output ≠ o" (orange) histograms, each normalised, overlaid. */
export function histogramSvg(h: NeuronHistogram, o: string, title: string, href?: string): string {
  const W = 300, H = 110, L = 34, B = 18, T = 16;
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0) || 1;
  const se = sum(h.equal), so = sum(h.other);
  const pe = h.equal.map((v) => v / se);
  const po = h.other.map((v) => v / so);
  const ymax = Math.max(1e-9, ...pe, ...po);
  const bw = (W - L) / Math.max(1, pe.length);
  const y = (p: number) => (T + (H - T - B) * (1 - p / ymax)).toFixed(1);
  const path = (p: number[]) => {
    let d = `M${L},${y(0)}`;
    p.forEach((v, i) => (d += `L${(L + i * bw).toFixed(1)},${y(v)}L${(L + (i + 1) * bw).toFixed(1)},${y(v)}`));
    return `${d}L${W},${y(0)}Z`;
  };
  const fmt = (x: number) => (Math.abs(x) >= 10 ? x.toFixed(0) : x.toFixed(2));
  const head = href ? `<a href="${esc(href)}"><text x="${L}" y="10" font-weight="600">${esc(title)}</text></a>` : `<text x="${L}" y="10" font-weight="600">${esc(title)}</text>`;
  return (
    `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}: activation histograms" ${FONT} font-size="10">` +
    head +
    `<path d="${path(po)}" fill="#e0701b" fill-opacity="0.45" stroke="#e0701b" stroke-width="0.8"/>` +
    `<path d="${path(pe)}" fill="#1f5fbf" fill-opacity="0.45" stroke="#1f5fbf" stroke-width="0.8"/>` +
    `<line x1="${L}" x2="${W}" y1="${y(0)}" y2="${y(0)}" stroke="#999"/>` +
    `<text x="${L}" y="${H - 4}" fill="#555">${fmt(h.min)}</text>` +
    `<text x="${W}" y="${H - 4}" fill="#555" text-anchor="end">${fmt(h.max)}</text>` +
    `<text x="${(L + W) / 2}" y="${H - 4}" fill="#555" text-anchor="middle">activation</text>` +
    `<text x="${L - 3}" y="${T + 4}" fill="#555" text-anchor="end">${(ymax * 100).toFixed(0)}%</text>` +
    `<text x="${W - 2}" y="${T + 2}" text-anchor="end" fill="#1f5fbf">= ${esc(o)}</text>` +
    `<text x="${W - 2}" y="${T + 13}" text-anchor="end" fill="#e0701b">≠ ${esc(o)}</text>` +
    `</svg>`
  );
}

export interface HeatmapInput {
  rows: string[];
  cols: string[];
  values: number[][];
  max?: number;
  cell: number;
  rowHref?: (r: number) => string;
  colHref?: (c: number) => string;
  label: string;
}

/** A dense heatmap, one rect per cell with a tooltip; darker = larger. */
export function heatmapSvg({ rows, cols, values, cell, rowHref, colHref, label, ...rest }: HeatmapInput): string {
  const max = rest.max ?? Math.max(1e-9, ...values.map((r) => Math.max(...r)));
  const left = 54, top = 8;
  const W = left + cols.length * cell + 10;
  const H = top + rows.length * cell + 28;
  const fs = Math.min(10, cell + 1);
  const parts: string[] = [`<svg class="heatmap" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(label)}" ${FONT} font-size="10">`];
  rows.forEach((r, ri) => {
    const t = `<text x="${left - 4}" y="${top + ri * cell + cell - 1}" text-anchor="end" font-size="${fs}">${esc(r)}</text>`;
    parts.push(rowHref ? `<a href="${esc(rowHref(ri))}">${t}</a>` : t);
  });
  values.forEach((row, ri) =>
    row.forEach((v, ci) =>
      parts.push(`<rect x="${left + ci * cell}" y="${top + ri * cell}" width="${cell}" height="${cell}" fill="${blue(v / max)}"><title>${esc(rows[ri])} · ${esc(cols[ci])}: ${v.toFixed(3)}</title></rect>`),
    ),
  );
  const every = Math.max(1, Math.ceil(10 / cell) * 2);
  cols.forEach((c, ci) => {
    if (ci % every) return;
    const t = `<text x="${left + ci * cell + cell / 2}" y="${top + rows.length * cell + 12}" text-anchor="middle">${esc(c)}</text>`;
    parts.push(colHref ? `<a href="${esc(colHref(ci))}">${t}</a>` : t);
  });
  parts.push('</svg>');
  return parts.join('');
}
