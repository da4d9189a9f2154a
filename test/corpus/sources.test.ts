import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../pipeline/lib/errors.ts';
import { readTextLines } from '../../pipeline/corpus/text-source.ts';
import { readWikipediaArticles } from '../../pipeline/corpus/wikipedia-source.ts';

const dir = mkdtempSync(join(tmpdir(), 'corpus-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function hasBzip2(): boolean {
  try {
    execFileSync('bzip2', ['--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A MediaWiki export in the real dump format (namespace 0 articles, a redirect, a talk page). */
function wikiDump(pages: { title: string; ns?: number; text: string; redirect?: string }[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="hy">
  <siteinfo>
    <sitename>Վիքիպեդիա</sitename>
    <dbname>hywiki</dbname>
    <namespaces><namespace key="0" case="first-letter" /></namespaces>
  </siteinfo>
${pages
  .map(
    (p, i) => `  <page>
    <title>${esc(p.title)}</title>
    <ns>${p.ns ?? 0}</ns>
    <id>${i + 1}</id>${p.redirect ? `\n    <redirect title="${esc(p.redirect)}" />` : ''}
    <revision>
      <id>${100 + i}</id>
      <timestamp>2024-01-01T00:00:00Z</timestamp>
      <model>wikitext</model>
      <format>text/x-wiki</format>
      <text bytes="${Buffer.byteLength(p.text)}" xml:space="preserve">${esc(p.text)}</text>
    </revision>
  </page>`,
  )
  .join('\n')}
</mediawiki>
`;
}

describe('text source', () => {
  it('streams lines, including a last line without a newline', async () => {
    const f = join(dir, 'a.txt');
    writeFileSync(f, 'Բարև։\r\nԵս սիրում եմ։\n\nՎերջ');
    const lines = (await collect(readTextLines(f))).map((l) => l.replace(/\r$/, ''));
    expect(lines).toEqual(['Բարև։', 'Ես սիրում եմ։', '', 'Վերջ']);
  });

  it('rejects a file that is not UTF-8, naming it', async () => {
    const f = join(dir, 'latin1.txt');
    writeFileSync(f, Buffer.from([0x42, 0x61, 0x72, 0xe9, 0x76, 0x0a])); // "Barév" in Latin-1
    const err = await collect(readTextLines(f)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).file).toBe(f);
    expect((err as UserError).message).toMatch(/not valid UTF-8 \(at byte 3\)/);
  });

  it('cuts a 10 MB single line into bounded pieces at sentence ends', async () => {
    const f = join(dir, 'long.txt');
    const sentence = 'Ես սիրում եմ իմ հայրենիքը։ ';
    const line = sentence.repeat(Math.ceil(10_000_000 / Buffer.byteLength(sentence)));
    writeFileSync(f, line);
    let pieces = 0;
    let chars = 0;
    for await (const p of readTextLines(f)) {
      expect(p.length).toBeLessThanOrEqual(1 << 16);
      pieces++;
      chars += p.length;
    }
    expect(pieces).toBeGreaterThan(50);
    expect(chars).toBe(line.length);
  });

  it('names a missing file', async () => {
    await expect(collect(readTextLines(join(dir, 'nope.txt')))).rejects.toThrow(/nope\.txt: text source not found/);
  });
});

describe('wikipedia source', () => {
  const pages = [
    { title: 'Երևան', text: "'''Երևանը''' [[Հայաստան]]ի մայրաքաղաքն է։{{Ծանոթագրություններ}}\n== Պատմություն ==\nՔաղաքը հին է։" },
    { title: 'Երեվան', text: '#ՎԵՐԱՀՂՈՒՄ [[Երևան]]', redirect: 'Երևան' },
    { title: 'Քննարկում:Երևան', ns: 1, text: 'Քննարկման էջ է։' },
    { title: 'Գյումրի', text: 'Գյումրին [[Շիրակի մարզ|Շիրակի մարզի]] կենտրոնն է։ <ref>աղբյուր</ref>' },
  ];

  it('streams namespace-0 articles as plain text, skipping redirects and other namespaces', async () => {
    const f = join(dir, 'dump.xml');
    writeFileSync(f, wikiDump(pages));
    const articles = await collect(readWikipediaArticles(f));
    expect(articles).toEqual([
      { title: 'Երևան', text: 'Երևանը Հայաստանի մայրաքաղաքն է։\nՔաղաքը հին է։' },
      { title: 'Գյումրի', text: 'Գյումրին Շիրակի մարզի կենտրոնն է։' },
    ]);
    expect(await collect(readWikipediaArticles(f, 1))).toHaveLength(1);
  });

  it.skipIf(!hasBzip2())('reads a .xml.bz2 dump (skipped when the bzip2 command is absent)', async () => {
    const f = join(dir, 'dump2.xml');
    writeFileSync(f, wikiDump(pages));
    execFileSync('bzip2', ['-k', f]);
    const articles = await collect(readWikipediaArticles(`${f}.bz2`));
    expect(articles.map((a) => a.title)).toEqual(['Երևան', 'Գյումրի']);
  });

  it('rejects a corrupt .bz2 and a file that is not a dump', async () => {
    const bad = join(dir, 'bad.xml.bz2');
    writeFileSync(bad, 'BZh9 this is not bzip2 data at all');
    await expect(collect(readWikipediaArticles(bad))).rejects.toThrow(/bad\.xml\.bz2/);
    const notDump = join(dir, 'other.xml');
    writeFileSync(notDump, '<html><body>Բարև</body></html>');
    await expect(collect(readWikipediaArticles(notDump))).rejects.toThrow(/not a MediaWiki XML dump/);
    const broken = join(dir, 'broken.xml');
    writeFileSync(broken, '<mediawiki><page><title>x</title></mediawiki>');
    await expect(collect(readWikipediaArticles(broken))).rejects.toThrow(/broken\.xml/);
  });
});
