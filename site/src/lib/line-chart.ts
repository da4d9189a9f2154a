/**
 * Lines with points and an optional band (min–max) per series, on a log or linear x axis, as hand-written SVG: the
 * pair pages' ablation curves. Vega drew them in ~60 ms of CPU and ~25 KB of markup each, and a default-size run has
 * hundreds (a chart per pair and layer); this is ~3 KB and well under a millisecond. Styling comes from site.css
 * (`svg.lines`); each point carries a <title>, so hovering shows its value without JavaScript.
 */
import { esc } from './svg.ts';

export interface LinePoint {
  x: number;
  y: number;
  /** The band around the line at this x (e.g. the range over random draws); absent: no band. */
  lo?: number;
  hi?: number;
  /** Hover text of the point. */
  title: string;
}

export interface LineSeries {
  name: string;
  colour: string;
  points: LinePoint[];
}

export interface LineChartInput {
  series: LineSeries[];
  xTitle: string;
  yTitle: string;
  /** Fixed y range (the data is clamped into it). */
  yDomain: [number, number];
  xLog?: boolean;
  label: string;
}

const W = 300, L = 40, R = 10, T = 8, PLOT_H = 150;
const round = (v: number) => String(Math.round(v * 10) / 10);

/** Nice ticks: the data's own x values on a log axis (few, e.g. k = 1, 3, 10, 30), 5 steps otherwise. */
function ticks(lo: number, hi: number, n = 5): number[] {
  const step = (hi - lo) / n;
  return Array.from({ length: n + 1 }, (_, i) => lo + i * step);
}

export function lineChartSvg({ series, xTitle, yTitle, yDomain, xLog = false, label }: LineChartInput): string {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const tx = (v: number) => (xLog ? Math.log(Math.max(v, 1e-9)) : v);
  const [x0, x1] = [tx(xs[0] ?? 0), tx(xs[xs.length - 1] ?? 1)];
  const px = (v: number) => L + ((tx(v) - x0) / (x1 - x0 || 1)) * (W - L - R);
  const [y0, y1] = yDomain;
  const py = (v: number) => T + PLOT_H * (1 - (Math.max(y0, Math.min(y1, v)) - y0) / (y1 - y0 || 1));
  const base = T + PLOT_H;
  const H = base + 36 + series.length * 13;
  const parts = [`<svg class="lines" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(label)}">`];
  // Grid and axes: one path each.
  const yt = ticks(y0, y1, 6);
  parts.push(`<path class="grid" d="${yt.map((v) => `M${L},${round(py(v))}H${W - R}`).join('')}${xs.map((v) => `M${round(px(v))},${T}V${base}`).join('')}"/>`);
  parts.push(`<path class="ax" d="M${L},${T}V${base}H${W - R}"/>`);
  for (const v of yt) parts.push(`<text x="${L - 4}" y="${round(py(v) + 3)}" class="e">${Number(v.toFixed(2))}</text>`);
  for (const v of xs) parts.push(`<text x="${round(px(v))}" y="${base + 13}" class="m">${v}</text>`);
  parts.push(`<text x="${(L + W - R) / 2}" y="${base + 27}" class="m t">${esc(xTitle)}</text>`);
  parts.push(`<text x="10" y="${T + PLOT_H / 2}" class="m t" transform="rotate(-90 10 ${T + PLOT_H / 2})">${esc(yTitle)}</text>`);
  for (const s of series) {
    const banded = s.points.filter((p) => p.lo !== undefined && p.hi !== undefined && p.hi > p.lo);
    if (banded.length > 1) {
      const upper = banded.map((p) => `${round(px(p.x))},${round(py(p.hi!))}`);
      const lower = [...banded].reverse().map((p) => `${round(px(p.x))},${round(py(p.lo!))}`);
      parts.push(`<path class="band" fill="${s.colour}" d="M${[...upper, ...lower].join('L')}Z"/>`);
    }
    parts.push(`<path class="line" stroke="${s.colour}" d="M${s.points.map((p) => `${round(px(p.x))},${round(py(p.y))}`).join('L')}"/>`);
    for (const p of s.points) parts.push(`<circle cx="${round(px(p.x))}" cy="${round(py(p.y))}" r="2.5" fill="${s.colour}"><title>${esc(p.title)}</title></circle>`);
  }
  // Legend under the axis title, one entry a line (names are long: "top-k of t → թ").
  series.forEach((s, i) => {
    const y = base + 42 + i * 13;
    parts.push(`<rect x="${L}" y="${y - 8}" width="10" height="10" fill="${s.colour}"/><text x="${L + 14}" y="${y + 1}">${esc(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
