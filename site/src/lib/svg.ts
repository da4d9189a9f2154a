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
  // Whole pixels: the figure is 300 × 110, and a tenth of a pixel would cost a third more bytes.
  const r1 = (x: number) => String(Math.round(x));
  const y = (p: number) => r1(T + (H - T - B) * (1 - p / ymax));
  // A step outline in absolute V/H commands, a horizontal run only where the height changes (a bin as high as the
  // one before adds nothing): thousands of these histograms ship in the site, so the path is kept short.
  const path = (p: number[]) => {
    const y0 = y(0);
    let d = `M${L},${y0}`;
    let last = y0;
    p.forEach((v, i) => {
      const yv = y(v);
      if (yv === last) return;
      if (i > 0) d += `H${r1(L + i * bw)}`;
      d += `V${yv}`;
      last = yv;
    });
    return `${d}H${W}V${y0}Z`;
  };
  const fmt = (x: number) => (Math.abs(x) >= 10 ? x.toFixed(0) : x.toFixed(2));
  const title_ = `<text x="${L}" y="10" class="ti">${esc(title)}</text>`;
  // Colours, font and anchors come from classes (site.css, `svg.hist`): thousands of these ship in the site.
  return (
    `<svg class="hist" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img">` +
    (href ? `<a href="${esc(href)}">${title_}</a>` : title_) +
    `<path class="ne" d="${path(po)}"/><path class="eq" d="${path(pe)}"/><path class="ax" d="M${L},${y(0)}H${W}"/>` +
    `<text x="${L}" y="${H - 4}">${fmt(h.min)}</text><text x="${W}" y="${H - 4}" class="e">${fmt(h.max)}</text>` +
    `<text x="${(L + W) / 2}" y="${H - 4}" class="m">activation</text><text x="${L - 3}" y="${T + 4}" class="e">${(ymax * 100).toFixed(0)}%</text>` +
    `<text x="${W - 2}" y="${T + 2}" class="e eq">= ${esc(o)}</text><text x="${W - 2}" y="${T + 13}" class="e ne">≠ ${esc(o)}</text>` +
    `</svg>`
  );
}

/** A histogram as the figure the pages show it in (the build's components and the browser's scripts alike). */
export function histogramFigure(h: NeuronHistogram, o: string, title: string, href?: string): string {
  return `<figure class="chart histogram">${histogramSvg(h, o, title, href)}</figure>`;
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

/** Colour steps of a heatmap: each step is drawn as one path, so a 58 × 456 heatmap stays ~200 KB instead of ~3 MB. */
export const HEAT_LEVELS = 24;

/** A heatmap cell's colour step: 0 (white, the background) to HEAT_LEVELS − 1 (darkest, at `max` and above). */
export function heatLevel(v: number, max: number): number {
  return Math.round(Math.max(0, Math.min(1, v / max)) * (HEAT_LEVELS - 1));
}

/** Where the cells go: left, top and size of the grid, in the SVG's units. */
export interface CellBox { left: number; top: number; cell: number }

/** The cells as one path of squares per colour step (no element per cell: a layer's heatmap has tens of thousands). */
export function cellPaths(values: number[][], max: number, { left, top, cell }: CellBox): string {
  const paths: string[] = new Array(HEAT_LEVELS).fill('');
  values.forEach((row, ri) =>
    row.forEach((v, ci) => {
      const level = heatLevel(v, max);
      if (level > 0) paths[level] += `M${left + ci * cell} ${top + ri * cell}h${cell}v${cell}h-${cell}z`;
    }),
  );
  return paths.map((d, level) => (d ? `<path class="cells" fill="${blue(level / (HEAT_LEVELS - 1))}" d="${d}"/>` : '')).join('');
}

/**
 * A dense heatmap; darker = larger. The cells are quantized to HEAT_LEVELS colours and drawn by `drawCells` (by
 * default `cellPaths`; big heatmaps pass a raster image, lib/heatmap-raster.ts); the exact values are the page's CSV.
 */
export function heatmapSvg({ rows, cols, values, cell, rowHref, colHref, label, ...rest }: HeatmapInput, drawCells = cellPaths): string {
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
  parts.push(`<rect x="${left}" y="${top}" width="${cols.length * cell}" height="${rows.length * cell}" fill="${blue(0)}"/>`);
  parts.push(drawCells(values, max, { left, top, cell }));
  const every = Math.max(1, Math.ceil(10 / cell) * 2);
  cols.forEach((c, ci) => {
    if (ci % every) return;
    const t = `<text x="${left + ci * cell + cell / 2}" y="${top + rows.length * cell + 12}" text-anchor="middle">${esc(c)}</text>`;
    parts.push(colHref ? `<a href="${esc(colHref(ci))}">${t}</a>` : t);
  });
  parts.push('</svg>');
  return parts.join('');
}

export interface PairedBarsInput {
  /** One panel per row (e.g. "best", "mean of top 10"), one group of bars per column (gate), one bar per series. */
  rows: string[];
  groups: string[];
  series: { name: string; colour: string }[];
  /** The value of (row, group, series), or null when there is none. */
  value: (row: string, group: string, series: string) => number | null;
  yTitle: string;
  label: string;
}

/**
 * Grouped bars as hand-written SVG, for a chart every pair page has: Vega takes ~60 ms of CPU per chart, which
 * over ~300 pair pages was a third of the site's build. Panels share the y scale (0 to the largest value).
 */
export function pairedBarsSvg({ rows, groups, series, value, yTitle, label }: PairedBarsInput): string {
  const bar = 14, gap = 10, left = 46, top = 18, panelH = 110, panelGap = 34;
  const groupW = series.length * bar + gap;
  const W = left + groups.length * groupW + 10;
  const H = top + rows.length * (panelH + panelGap);
  const max = Math.max(1e-9, ...rows.flatMap((r) => groups.flatMap((g) => series.map((s) => value(r, g, s.name) ?? 0))));
  const r1 = (x: number) => String(Math.round(x * 10) / 10);
  const parts = [`<svg class="bars" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(label)}" ${FONT} font-size="10">`];
  parts.push(
    series
      .map((s, i) => `<rect x="${left + i * 90}" y="2" width="10" height="10" fill="${s.colour}"/><text x="${left + i * 90 + 14}" y="11">${esc(s.name)}</text>`)
      .join(''),
  );
  rows.forEach((row, ri) => {
    const y0 = top + ri * (panelH + panelGap) + 14;
    const base = y0 + panelH - 16;
    const scale = (panelH - 24) / max;
    parts.push(`<text x="${left}" y="${y0 - 2}" font-weight="600">${esc(row)}</text>`);
    for (const t of [0, max / 2, max])
      parts.push(`<text x="${left - 4}" y="${r1(base - t * scale + 3)}" text-anchor="end" fill="#555">${t.toFixed(2)}</text><path d="M${left},${r1(base - t * scale)}H${W - 10}" stroke="#eee"/>`);
    parts.push(`<text x="10" y="${r1(base - (panelH - 24) / 2)}" fill="#555" transform="rotate(-90 10 ${r1(base - (panelH - 24) / 2)})" text-anchor="middle">${esc(yTitle)}</text>`);
    groups.forEach((g, gi) => {
      const x0 = left + gi * groupW + gap / 2;
      series.forEach((s, si) => {
        const v = value(row, g, s.name);
        if (v === null) return;
        const h = v * scale;
        parts.push(`<rect x="${x0 + si * bar}" y="${r1(base - h)}" width="${bar - 1}" height="${r1(h)}" fill="${s.colour}"><title>${esc(`${row} · ${g} · ${s.name}: ${v.toFixed(3)}`)}</title></rect>`);
      });
      parts.push(`<text x="${x0 + (series.length * bar) / 2}" y="${base + 12}" text-anchor="middle">${esc(g)}</text>`);
    });
    parts.push(`<path d="M${left},${base}H${W - 10}" stroke="#999"/>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
