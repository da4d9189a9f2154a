/** The site's small pure helpers: slugs that stay unique and safe, SVG text that stays text. */
import { describe, expect, it } from 'vitest';
import { pairSlug } from '../../site/src/lib/slug.ts';
import { esc, heatmapSvg, histogramSvg, pairedBarsSvg } from '../../site/src/lib/svg.ts';
import { toCsv } from '../../site/src/lib/vega.ts';
import { windows } from '../../site/src/lib/translit.ts';
import { planWindows } from '../../pipeline/train/windows.ts';

describe('pair slugs', () => {
  it('are ASCII, case-safe and distinct for distinct pairs', () => {
    const inputs = ['t', 'T', 'u', 'ու', '_', ' ', '<', 'sh', 's'];
    const outputs = ['ծ', 'Ծ', 'ու', '_', 't', 'u'];
    const slugs = new Map<string, string>();
    for (const i of inputs)
      for (const o of outputs) {
        const s = pairSlug(i, o);
        expect(s).toMatch(/^[a-z0-9-]+$/);
        expect(slugs.get(s), `${i}→${o} vs ${slugs.get(s)}`).toBeUndefined();
        slugs.set(s, `${i}→${o}`);
      }
    expect(pairSlug('t', 'ծ')).toBe('t--u56e');
  });
});

describe('hand-written SVG', () => {
  it('escapes every text it is given', () => {
    expect(esc(`<script>"&'`)).toBe('&lt;script&gt;&quot;&amp;&#39;');
    const h = { layer: 'bwd.h', neuron: 1, min: -1, max: 1, equal: [1, 2, 3], other: [3, 2, 1] };
    const svg = histogramSvg(h, '<b>', '<script>alert(1)</script>', '/x?a="b"');
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;');
    const heat = heatmapSvg({ rows: ['<i>'], cols: ['</svg>'], values: [[0.5]], cell: 8, label: '"x"' });
    expect(heat).not.toContain('<i>');
    expect(heat.match(/<\/svg>/g)).toHaveLength(1);
  });

  it('draws every heatmap cell once, in a colour that is darker for larger values', () => {
    const svg = heatmapSvg({ rows: ['a', 'b'], cols: ['0', '1', '2'], values: [[0, 0.5, 1], [1, 1, 1]], cell: 4, label: 'h' });
    // One path per colour step; each cell a square `M x y h4v4h-4z` (zero cells are the background).
    const paths = [...svg.matchAll(/<path class="cells" fill="(#[0-9a-f]{6})" d="([^"]+)"/g)].map((m) => ({ fill: m[1], cells: m[2].match(/M(\d+) (\d+)/g)! }));
    const cellAt = (x: number, y: number) => paths.find((p) => p.cells.includes(`M${54 + 4 * x} ${8 + 4 * y}`))?.fill;
    expect(paths.flatMap((p) => p.cells)).toHaveLength(5);
    const lum = (c: string) => parseInt(c.slice(1, 3), 16) + parseInt(c.slice(3, 5), 16) + parseInt(c.slice(5, 7), 16);
    const background = svg.match(/<rect [^>]*fill="(#[0-9a-f]{6})"/)![1];
    expect(cellAt(0, 0)).toBeUndefined();
    expect(lum(background)).toBeGreaterThan(lum(cellAt(1, 0)!));
    expect(lum(cellAt(1, 0)!)).toBeGreaterThan(lum(cellAt(2, 0)!));
    expect(cellAt(2, 0)).toBe(cellAt(0, 1));
  });
});

describe('grouped bars', () => {
  it('draw one bar per value present, taller for larger values, with escaped labels', () => {
    const values: Record<string, number> = { 'best i fwd': 0.8, 'best i bwd': 0.4, 'best h fwd': 0.2 };
    const svg = pairedBarsSvg({
      rows: ['best'], groups: ['i', 'h'], series: [{ name: 'fwd', colour: '#111111' }, { name: 'bwd', colour: '#222222' }],
      value: (r, g, s) => values[`${r} ${g} ${s}`] ?? null, yTitle: '<y>', label: 'x',
    });
    const heights = [...svg.matchAll(/<rect [^>]*height="([\d.]+)"[^>]*><title>/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(3);
    expect(heights[0]).toBeGreaterThan(heights[1]);
    expect(heights[1]).toBeGreaterThan(heights[2]);
    expect(svg).not.toContain('<y>');
  });
});

describe('CSV downloads', () => {
  it('quote what needs quoting', () => {
    expect(toCsv([{ a: 'x,y', b: 'say "hi"', c: 1 }, { a: 'line\nbreak', c: 2 }])).toBe('a,b,c\n"x,y","say ""hi""",1\n"line\nbreak",,2\n');
  });
});

describe('live transliteration windows', () => {
  it('are the pipeline translit windows (window 2·seqLen, margin seqLen/2)', () => {
    for (const seqLen of [8, 40])
      for (let n = 0; n <= 5 * seqLen + 3; n++) expect(windows(n, seqLen), `n=${n}`).toEqual(planWindows(n, 2 * seqLen, seqLen / 2));
    expect(windows(500, null)).toEqual([{ start: 0, length: 500, keepFrom: 0, keepTo: 500 }]);
  });
});
