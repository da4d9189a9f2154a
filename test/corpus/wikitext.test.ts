import { describe, expect, it } from 'vitest';
import { decodeEntities, isRedirect, removeNested, stripWikiMarkup } from '../../pipeline/corpus/wikitext.ts';

describe('stripWikiMarkup', () => {
  it('removes nested templates and keeps the text around them', () => {
    expect(removeNested('ա {{x|{{y|z}}|w}} բ {{q}}գ', '{{', '}}')).toBe('ա  բ գ');
    expect(stripWikiMarkup('Երևանը {{Տեղեկաքարտ|անուն={{lang|hy|Երևան}}}}մայրաքաղաքն է։')).toBe('Երևանը մայրաքաղաքն է։');
  });

  it('turns links into their text and drops files, categories and interwiki links', () => {
    const src =
      "[[Պատկեր:Yerevan.jpg|thumb|Նկար [[Երևան]]ի]]'''Երևանը''' [[Հայաստան]]ի [[մայրաքաղաք|մայրաքաղաքն]] է։\n" +
      '[[Կատեգորիա:Քաղաքներ]]\n[[File:A.png|200px]]\n[[en:Yerevan]]';
    expect(stripWikiMarkup(src)).toBe('Երևանը Հայաստանի մայրաքաղաքն է։');
  });

  it('removes refs, comments, tables, headings, HTML tags; keeps external link labels; decodes entities', () => {
    const src = [
      '== Պատմություն ==',
      'Քաղաքը հիմնվել է<ref name="a">{{cite web|url=http://x}}</ref> մ.թ.ա. 782 թվականին<ref name=b/>։<!-- comment -->',
      '{| class="wikitable"',
      '|-',
      '| Բնակչություն || 1 000 000',
      '|}',
      "* ''Տես'' [http://example.org կայքը] և <span style=\"x\">այլն</span>&nbsp;&amp;&#1329;",
      '<math>x^2</math>Վերջ։',
      '__TOC__',
    ].join('\n');
    expect(stripWikiMarkup(src).split('\n')).toEqual([
      'Քաղաքը հիմնվել է մ.թ.ա. 782 թվականին։',
      'Տես կայքը և այլն &Ա',
      'Վերջ։',
    ]);
  });

  it('decodes entities and detects redirects', () => {
    expect(decodeEntities('&lt;a&gt; &#x531; &quot;')).toBe('<a> Ա "');
    expect(isRedirect('#REDIRECT [[Երևան]]')).toBe(true);
    expect(isRedirect('#ՎԵՐԱՀՂՈՒՄ [[Երևան]]')).toBe(true);
    expect(isRedirect('Երևան')).toBe(false);
  });
});
