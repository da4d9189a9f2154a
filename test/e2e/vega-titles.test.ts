import { describe, expect, it } from 'vitest';
import { renderSvg, withTitles } from '../../site/src/lib/vega.ts';

describe('static charts carry hover titles', () => {
  it('gives every mark item with a tooltip a <title> holding it', async () => {
    const svg = await renderSvg({
      data: { values: [{ a: 1, b: 2 }, { a: 2, b: 3 }] },
      mark: 'point',
      encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' }, tooltip: [{ field: 'a' }, { field: 'b' }] },
    });
    const titles = svg.match(/<title>[^<]*<\/title>/g) ?? [];
    expect(titles).toHaveLength(2);
    expect(titles[0]).toMatch(/a: 1.*b: 2/);
  });
  it('leaves items without a label alone', () => {
    expect(withTitles('<path d="M0,0" role="graphics-symbol"/>')).toBe('<path d="M0,0" role="graphics-symbol"/>');
    expect(withTitles('<rect role="graphics-symbol" aria-label="x: 1"/>')).toBe('<rect role="graphics-symbol" aria-label="x: 1"><title>x: 1</title></rect>');
  });
});
