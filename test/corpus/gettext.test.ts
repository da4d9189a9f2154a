import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../../pipeline/corpus/build.ts';
import { catalogLines, catalogName, gettextCatalogFiles, gettextFiles, readCatalog } from '../../pipeline/corpus/gettext-source.ts';
import { parseMo, parsePo } from '../../pipeline/corpus/gettext.ts';
import { CorpusConfig } from '../../pipeline/lib/config.ts';
import { UserError } from '../../pipeline/lib/errors.ts';

process.env.TRANSLIT_QUIET = '1';
const dir = mkdtempSync(join(tmpdir(), 'gettext-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A .mo file built by hand from the format's description (GNU gettext manual), in either byte order. */
function moBytes(pairs: [string, string][], littleEndian = true): Buffer {
  const enc = (s: string) => Buffer.from(s, 'utf8');
  const sorted = pairs.map(([o, t]) => [enc(o), enc(t)] as const).sort((a, b) => Buffer.compare(a[0], b[0]));
  const n = sorted.length;
  const header = Buffer.alloc(28 + 16 * n);
  const w = (v: number, off: number) => (littleEndian ? header.writeUInt32LE(v, off) : header.writeUInt32BE(v, off));
  w(0x950412de, 0);
  w(0, 4);
  w(n, 8);
  w(28, 12);
  w(28 + 8 * n, 16);
  const strings: Buffer[] = [];
  let offset = header.length;
  for (const col of [0, 1] as const)
    sorted.forEach((p, i) => {
      w(p[col].length, 28 + (col ? 8 * n : 0) + 8 * i);
      w(offset, 28 + (col ? 8 * n : 0) + 8 * i + 4);
      strings.push(p[col], Buffer.from([0]));
      offset += p[col].length + 1;
    });
  return Buffer.concat([header, ...strings]);
}

const HEADER = 'Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\nLanguage: hy\n';

const PO = `# Armenian translation
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: hy\\n"

#: src/main.c:10
msgid "_File"
msgstr "_Ֆայլ"

#, c-format
msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d ֆայլ է ջնջվել"
msgstr[1] "%d ֆայլեր են ջնջվել"

msgctxt "menu"
msgid "Open"
msgstr "&Բացել փաստաթուղթը"

#, fuzzy
msgid "Close"
msgstr "Փակել (կասկածելի)"

msgid "Long"
msgstr ""
"Առաջին մաս, "
"\\"երկրորդ\\" մաս:\\n"
"<b>Նոր</b> տող %s"

msgid "Untranslated"
msgstr ""

#~ msgid "Old"
#~ msgstr "Հին տող"
`;

describe('.po parsing', () => {
  const cat = parsePo(PO);
  it('reads header, context, plural forms, multi-line strings and escapes; flags fuzzy; skips obsolete', () => {
    expect(cat.header.Language).toBe('hy');
    expect(cat.entries.map((e) => e.msgid)).toEqual(['_File', '%d file', 'Open', 'Close', 'Long', 'Untranslated']);
    expect(cat.entries[1]).toMatchObject({ msgidPlural: '%d files', msgstr: ['%d ֆայլ է ջնջվել', '%d ֆայլեր են ջնջվել'] });
    expect(cat.entries[2].context).toBe('menu');
    expect(cat.entries.find((e) => e.msgid === 'Close')!.fuzzy).toBe(true);
    expect(cat.entries[4].msgstr[0]).toBe('Առաջին մաս, "երկրորդ" մաս:\n<b>Նոր</b> տող %s');
  });

  it('gives the text: every plural form, placeholders, accelerators and markup handled, fuzzy/untranslated skipped', () => {
    expect(catalogLines(cat)).toEqual([
      'Ֆայլ',
      '2 ֆայլ է ջնջվել',
      '2 ֆայլեր են ջնջվել',
      'Բացել փաստաթուղթը',
      'Առաջին մաս, "երկրորդ" մաս:',
      'Նոր տող',
    ]);
  });

  it('names the line of a broken file', () => {
    expect(() => parsePo('msgid "a"\nmsgstr "b"\ngarbage here\n')).toThrow(/line 3: not a \.po line/);
  });
});

describe('.mo parsing', () => {
  const pairs: [string, string][] = [
    ['', HEADER],
    ['Save', 'Պահպանել'],
    ['menu\x04Quit', '_Ելք ծրագրից'],
    ['%d day\0%d days', '%d օր\0%d օրեր'],
  ];
  for (const little of [true, false])
    it(`reads a ${little ? 'little' : 'big'}-endian file: header, context, plural forms`, () => {
      const cat = parseMo(moBytes(pairs, little));
      expect(cat.header['Plural-Forms']).toMatch(/nplurals=2/);
      expect(cat.entries).toContainEqual({ context: 'menu', msgid: 'Quit', msgstr: ['_Ելք ծրագրից'], fuzzy: false });
      expect(cat.entries).toContainEqual({ msgid: '%d day', msgidPlural: '%d days', msgstr: ['%d օր', '%d օրեր'], fuzzy: false });
      expect(catalogLines(cat).sort()).toEqual(['2 օր', '2 օրեր', 'Ելք ծրագրից', 'Պահպանել'].sort());
    });

  it('rejects a file that is not a .mo, and a truncated one', () => {
    expect(() => parseMo(Buffer.from('not a catalog at all, just text'))).toThrow(/bad magic/);
    expect(() => parseMo(moBytes(pairs).subarray(0, 60))).toThrow(/truncated/);
  });
});

describe('gettext source', () => {
  const root = join(dir, 'l10n');
  const put = (rel: string, data: string | Buffer) => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), data);
  };
  put('gedit/usr/share/locale/hy/LC_MESSAGES/gedit.mo', moBytes([['', HEADER], ['Save', 'Պահպանել ֆայլը'], ['Cut', 'Կտրել ընտրվածը']]));
  put('nano/usr/share/locale/hy/LC_MESSAGES/nano.mo', moBytes([['', HEADER], ['Save', 'Պահպանել ֆայլը'], ['Exit', 'Դուրս գալ խմբագրիչից']]));
  put('nano/usr/share/locale/ru/LC_MESSAGES/nano.mo', moBytes([['', HEADER], ['Exit', 'Выход из редактора']]));
  put('po/hy.po', PO);
  put('po/de.po', PO.replace(/Language: hy/, 'Language: de'));
  put('manifest.json', JSON.stringify({ packages: [{ package: 'gedit', version: '44.2-1' }, { package: 'nano', version: '7.2-1' }] }));

  it('finds the locale catalogs only, names them and records package versions', () => {
    expect(gettextCatalogFiles(root, 'hy').map((f) => f.slice(root.length + 1))).toEqual([
      'gedit/usr/share/locale/hy/LC_MESSAGES/gedit.mo',
      'nano/usr/share/locale/hy/LC_MESSAGES/nano.mo',
      'po/hy.po',
    ]);
    expect(catalogName(root, join(root, 'gedit/usr/share/locale/hy/LC_MESSAGES/gedit.mo'))).toBe('gettext:gedit/hy/gedit.mo');
    const files = gettextFiles(root, 'hy');
    expect(files.map((f) => [f.source, f.package, f.version])).toEqual([
      ['gettext:gedit/hy/gedit.mo', 'gedit', '44.2-1'],
      ['gettext:nano/hy/nano.mo', 'nano', '7.2-1'],
      ['gettext:po/hy.po', '', ''],
    ]);
  });

  it('builds a corpus: duplicates across catalogs counted once, whole catalogs held out', async () => {
    const config = CorpusConfig.parse({
      sources: [{ kind: 'gettext', path: 'l10n' }],
      external: { sources: ['gettext:nano/hy/nano.mo'], share: 0 },
    });
    const { splits, external, stats } = await buildCorpus(config, 1, dir);
    const training = [...splits.train, ...splits.val, ...splits.test].sort();
    expect(external.sort()).toEqual(['Դուրս գալ խմբագրիչից', 'Պահպանել ֆայլը']);
    expect(training).toContain('Կտրել ընտրվածը');
    expect(training).not.toContain('Պահպանել ֆայլը'); // in a held-out catalog: never trained on
    expect(stats.sources.find((s) => s.name === 'gettext:gedit/hy/gedit.mo')!.dropped.external).toBe(1);
    const inputs = stats.inputs!.filter((f) => f.package === 'gedit');
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({ version: '44.2-1', file: 'gedit/usr/share/locale/hy/LC_MESSAGES/gedit.mo' });
    expect(inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the catalog that cannot be read, and a missing folder', async () => {
    put('bad/hy.mo', 'garbage');
    expect(() => readCatalog(join(root, 'bad/hy.mo'))).toThrow(UserError);
    expect(() => readCatalog(join(root, 'bad/hy.mo'))).toThrow(/bad\/hy\.mo: cannot read catalog \(too short/);
    rmSync(join(root, 'bad'), { recursive: true });
    const config = CorpusConfig.parse({ sources: [{ kind: 'gettext', path: 'nowhere' }] });
    await expect(buildCorpus(config, 1, dir)).rejects.toThrow(/nowhere: gettext source folder not found/);
  });
});
