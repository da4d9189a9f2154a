import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWikipediaArticles } from '../../pipeline/corpus/wikipedia-source.ts';
import { isDisambiguation, stripWikiMarkup } from '../../pipeline/corpus/wikitext.ts';

const dir = mkdtempSync(join(tmpdir(), 'wiki-dump-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const page = (id: number, title: string, ns: number, text: string, extra = '') => `  <page>
    <title>${esc(title)}</title>
    <ns>${ns}</ns>
    <id>${id}</id>${extra}
    <revision>
      <id>${1000 + id}</id>
      <timestamp>2026-11-20T10:00:00Z</timestamp>
      <contributor><username>Օգտատեր</username><id>7</id></contributor>
      <model>wikitext</model>
      <format>text/x-wiki</format>
      <text bytes="${Buffer.byteLength(text)}" xml:space="preserve">${esc(text)}</text>
      <sha1>x</sha1>
    </revision>
  </page>`;

/** An article the way hywiki writes one: infobox, refs, files, a table, a gallery, lists, trailing sections. */
const ARTICLE = `{{Տեղեկաքարտ Բնակավայր
| անվանում = Երևան
| երկիր = {{դրոշ|Հայաստան}}
| բնակչություն = 1 092 800<ref>{{cite web|url=https://armstat.am|title=Armstat}}</ref>
}}
[[Պատկեր:Yerevan skyline.jpg|thumb|250px|Երևանի տեսարանը [[Արարատ]]ից]]
'''Երևան''' ({{lang-en|Yerevan}}), [[Հայաստան]]ի [[մայրաքաղաք|մայրաքաղաքը]] և ամենամեծ քաղաքը<ref name="stat">Վիճակագրություն, 2020</ref>։ Քաղաքը հիմնադրվել է մ.թ.ա. 782 թվականին<ref name="stat" />։

== Պատմություն ==
Ըստ [[Էրեբունի|Էրեբունու]] արձանագրության՝ ''Արգիշտի Ա'' թագավորը կառուցել է բերդը ({{convert|5|km}})։<!-- աղբյուր պետք է -->
{| class="wikitable"
! Տարի !! Բնակչություն
|-
| 1926 || 65 000
|}
<gallery>
Պատկեր:A.jpg|Առաջին նկար
</gallery>
Քաղաքում կան բազմաթիվ [[թանգարան]]ներ և [[թատրոն]]ներ։
* [[Մատենադարան]]ը հին ձեռագրերի թանգարան է։

== Ծանոթագրություններ ==
{{ծանցանկ}}

== Արտաքին հղումներ ==
* [https://yerevan.am Երևանի քաղաքապետարան]

[[Կատեգորիա:Հայաստանի քաղաքներ]]
[[Կատեգորիա:Մայրաքաղաքներ]]
[[en:Yerevan]]`;

const DUMP = `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="hy">
  <siteinfo>
    <sitename>Վիքիպեդիա</sitename>
    <dbname>hywiki</dbname>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="10" case="first-letter">Կաղապար</namespace>
      <namespace key="14" case="first-letter">Կատեգորիա</namespace>
    </namespaces>
  </siteinfo>
${page(1, 'Երևան', 0, ARTICLE)}
${page(2, 'Էրեբունի', 0, 'Էրեբունի ամրոցը կառուցվել է [[Ուրարտու|ուրարտական]] թագավոր Արգիշտի Ա-ի օրոք։\n{{Կոորդինատներ|40|08}}\n[[Կատեգորիա:Ամրոցներ]]')}
${page(3, 'Yerevan', 0, '#ՎԵՐԱՀՂՈՒՄ [[Երևան]]', '\n    <redirect title="Երևան" />')}
${page(4, 'Երևան (այլ կիրառումներ)', 0, "'''Երևան''' բառը կարող է նշանակել՝\n* [[Երևան]], Հայաստանի մայրաքաղաքը\n* [[Երևան (ֆիլմ)]]\n{{բազմիմաստություն}}")}
${page(5, 'Մասիս', 0, "'''Մասիս''' անունը կարող է վերաբերել՝\n* [[Մասիս (քաղաք)]]\n{{Disambig}}")}
${page(6, 'Կաղապար:Տեղեկաքարտ Բնակավայր', 10, '{| class="infobox"\n| Սա կաղապարի տեքստ է և ոչ հոդված։\n|}')}
${page(7, 'Կատեգորիա:Հայաստանի քաղաքներ', 14, 'Այս կատեգորիայում են Հայաստանի քաղաքները։')}
</mediawiki>
`;

describe('a realistic hywiki dump', () => {
  it('yields the articles as WikiExtractor would: prose only, links as their text', async () => {
    const path = join(dir, 'hywiki-sample-pages-articles.xml');
    writeFileSync(path, DUMP);
    const articles = [];
    for await (const a of readWikipediaArticles(path)) articles.push(a);
    // Redirect, disambiguation pages (by template or title), templates and categories are not articles.
    expect(articles.map((a) => a.title)).toEqual(['Երևան', 'Էրեբունի']);
    expect(articles[0].text.split('\n')).toEqual([
      'Երևան, Հայաստանի մայրաքաղաքը և ամենամեծ քաղաքը։ Քաղաքը հիմնադրվել է մ.թ.ա. 782 թվականին։',
      'Ըստ Էրեբունու արձանագրության՝ Արգիշտի Ա թագավորը կառուցել է բերդը։',
      'Քաղաքում կան բազմաթիվ թանգարաններ և թատրոններ։',
      'Մատենադարանը հին ձեռագրերի թանգարան է։',
    ]);
    expect(articles[1].text).toBe('Էրեբունի ամրոցը կառուցվել է ուրարտական թագավոր Արգիշտի Ա-ի օրոք։');
  });

  it('recognises disambiguation pages by template, magic word and title', () => {
    expect(isDisambiguation('text {{Բազմիմաստություն}}')).toBe(true);
    expect(isDisambiguation('{{disambig|geo}}')).toBe(true);
    expect(isDisambiguation('__DISAMBIG__')).toBe(true);
    expect(isDisambiguation('text', 'Մասիս (այլ կիրառումներ)')).toBe(true);
    expect(isDisambiguation('{{Բազմիմաստության մասին|Երևան}} Երևանը մայրաքաղաք է։')).toBe(false);
  });

  it('tidies what dropped templates leave, but keeps file extensions and numbers', () => {
    expect(stripWikiMarkup('Բառը ({{lang-en|word}}; {{lang-ru|слово}}) գործածվում է։')).toBe('Բառը գործածվում է։');
    expect(stripWikiMarkup('Նիշքը .ics ձևաչափով է, տարբերակ 3.14 ։')).toBe('Նիշքը .ics ձևաչափով է, տարբերակ 3.14։');
  });
});
