import { describe, expect, it } from 'vitest';
import {
  catalogStringLines,
  jsStringLiterals,
  replacePlaceholders,
  stripAccelerators,
  stripMarkup,
} from '../../pipeline/corpus/catalog-text.ts';

describe('catalog strings → plain text', () => {
  it('turns numeric placeholders into numbers, named ones into Latin tokens, drops string ones', () => {
    expect(replacePlaceholders('հաշվել %1-ով %2-ից')).toBe('հաշվել 2-ով 3-ից');
    expect(replacePlaceholders('%d ֆայլ, %1$d թղթապանակ')).toBe('2 ֆայլ, 3 թղթապանակ');
    expect(replacePlaceholders('Ֆայլը %s չի գտնվել')).toBe('Ֆայլը  չի գտնվել');
    expect(replacePlaceholders('%1$s-ը պահպանված է')).toBe('-ը պահպանված է');
    expect(replacePlaceholders('մոտ {{count}} ժամ, {0} նիշ')).toBe('մոտ 2 ժամ, 3 նիշ');
    expect(replacePlaceholders('այցելեք {aboutScratchLink} էջը')).toBe('այցելեք aboutScratchLink էջը');
    expect(replacePlaceholders('%(name)s-ի %(count)d նամակ')).toBe('name-ի 2 նամակ');
    expect(replacePlaceholders('100%% պատրաստ')).toBe('100% պատրաստ');
    expect(replacePlaceholders('{}-րդ տողը %r')).toBe('2-րդ տողը ');
  });

  it('removes accelerators (&File, _File, inside a word) but keeps entities and && as &', () => {
    expect(stripAccelerators('_Ֆայլ')).toBe('Ֆայլ');
    expect(stripAccelerators('_24-ժամյա')).toBe('24-ժամյա');
    expect(stripAccelerators('&Բացել')).toBe('Բացել');
    expect(stripAccelerators('Խմբա_գրել')).toBe('Խմբագրել');
    expect(stripAccelerators('Տպել && պահպանել')).toBe('Տպել & պահպանել');
    expect(stripAccelerators('a &amp; b')).toBe('a &amp; b');
    expect(stripAccelerators('file_name')).toBe('filename'); // documented: gettext catalogs only
  });

  it('strips markup, splits lines, decodes entities', () => {
    expect(stripMarkup('<b>Զգուշացում</b>. <a href="x">Այստեղ</a>')).toBe('Զգուշացում. Այստեղ');
    expect(catalogStringLines('Առաջին տող\\nԵրկրորդ &quot;տող&quot;<br/>Երրորդ')).toEqual([
      'Առաջին տող',
      'Երկրորդ "տող"',
      'Երրորդ',
    ]);
  });

  it('splits _-joined word lists of JS locale files when accelerators are off', () => {
    expect(catalogStringLines('հունվար_փետրվար_մարտ', { accelerators: false })).toEqual(['հունվար', 'փետրվար', 'մարտ']);
    expect(catalogStringLines('հունվար_փետրվար_մարտ')).toEqual(['հունվարփետրվարմարտ']);
  });

  it('reads JS string literals with escapes, skipping comments', () => {
    const src = [
      '// "not this"',
      '/* "nor this" */',
      'tinymce.addI18n("hy", {"Action": "\\u0533\\u0578\\u0580\\u056e", \'k\': \'Ա\\\'Բ\', t: `x ${y} Գ`});',
    ].join('\n');
    expect(jsStringLiterals(src)).toEqual(['hy', 'Action', 'Գործ', 'k', "Ա'Բ", 'x   Գ']);
  });
});
