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
  axis: { labelFont: FONT, titleFont: FONT, labelColor: '#444', titleColor: '#222', gridColor: '#eee', domainColor: '#999', tickColor: '#999' },
  legend: { labelFont: FONT, titleFont: FONT },
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
    return svg.replace('<svg ', '<svg role="img" preserveAspectRatio="xMinYMin meet" ');
  } finally {
    view.finalize();
  }
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
