/**
 * Static charts: a Vega-Lite spec compiled and rendered to an SVG string at build time (View.toSVG in Node, no
 * browser), so the page shows its figures without any JavaScript. Fonts are set here once, Armenian included.
 */
import * as vega from 'vega';
import * as vl from 'vega-lite';

export const FONT = "'Noto Sans Armenian', system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

export type VlSpec = Record<string, unknown>;

export const VEGA_CONFIG = {
  font: FONT,
  background: null,
  view: { stroke: null },
  // Labels and legends at 11 px or more: readable on a phone (issue 15 §3).
  axis: { labelFont: FONT, titleFont: FONT, labelFontSize: 11, titleFontSize: 12, labelColor: '#444', titleColor: '#222', gridColor: '#eee', domainColor: '#999', tickColor: '#999' },
  legend: { labelFont: FONT, titleFont: FONT, labelFontSize: 11, titleFontSize: 12, labelLimit: 0, titleLimit: 0 },
  title: { font: FONT, anchor: 'start', fontWeight: 600 },
  header: { labelFont: FONT, titleFont: FONT },
  text: { font: FONT },
};

/** Add the schema and the shared config to a spec (kept in the downloadable spec too, so it renders the same). */
export function withDefaults(spec: VlSpec): VlSpec {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config: VEGA_CONFIG, ...spec };
}

export async function renderSvg(spec: VlSpec): Promise<string> {
  const compiled = vl.compile(withDefaults(spec) as unknown as vl.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // Responsive: keep the intrinsic size as the maximum, let CSS scale it down on narrow screens.
    return withTitles(svg).replace('<svg ', '<svg role="img" preserveAspectRatio="xMinYMin meet" ');
  } finally {
    view.finalize();
  }
}

/**
 * Hover tooltips without JavaScript: Vega writes each mark item's tooltip as its `aria-label`; a child <title> makes
 * the browser show it on hover too (the static SVG stays the whole chart).
 */
export function withTitles(svg: string): string {
  return svg.replace(/<(path|rect|circle|line|text|image)(\s[^>]*?role="graphics-symbol"[^>]*?)\/>/g, (all, tag: string, attrs: string) => {
    const label = /aria-label="([^"]*)"/.exec(attrs)?.[1];
    return label ? `<${tag}${attrs}><title>${label}</title></${tag}>` : all;
  });
}

/** Rows → CSV (RFC 4180 quoting), for the "data" download of every chart. */
export function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown): string => {
    const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

export function dataUrl(mime: string, text: string): string {
  return `data:${mime};charset=utf-8,${encodeURIComponent(text)}`;
}
