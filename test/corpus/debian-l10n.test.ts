import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOG_PATH, fetchDebianCatalogs, readPackageList } from '../../pipeline/corpus/debian-l10n.ts';

const dir = mkdtempSync(join(tmpdir(), 'debian-l10n-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const list = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('Debian catalog fetch (no network here: list handling and refusals only)', () => {
  it('reads the package list: comments, blanks and duplicates skipped, sorted', () => {
    expect(readPackageList(list('a.txt', '# header\ngedit\n\nanjuta-common  # IDE\ngedit\n'))).toEqual(['anjuta-common', 'gedit']);
    expect(() => readPackageList(list('b.txt', 'gedit\nnot a name\n'))).toThrow(/b\.txt: not a Debian package name: not a name/);
  });

  it('refuses the packages reserved for evaluation', () => {
    for (const name of ['firefox-esr-l10n-hy-am', 'thunderbird-l10n-hy-am'])
      expect(() => readPackageList(list('c.txt', `gedit\n${name}\n`))).toThrow(/reserved for evaluation/);
  });

  it('says in one line what is missing where apt is not installed', () => {
    const path = process.env.PATH;
    process.env.PATH = dir; // no apt-get, no sh: nothing can be found
    try {
      expect(() => fetchDebianCatalogs(list('d.txt', 'gedit\n'), join(dir, 'out'))).toThrow(/^apt-get: not found: .*needs apt-get/);
    } finally {
      process.env.PATH = path;
    }
  });

  it('takes the hy and hy_AM catalogs of a package, wherever they live', () => {
    expect(CATALOG_PATH.test('./usr/share/locale/hy/LC_MESSAGES/gedit.mo')).toBe(true);
    expect(CATALOG_PATH.test('./usr/lib/python3/dist-packages/thonny/locale/hy_AM/LC_MESSAGES/thonny.mo')).toBe(true);
    expect(CATALOG_PATH.test('./usr/share/locale/hy/LC_MESSAGES/gedit.po')).toBe(false);
    expect(CATALOG_PATH.test('./usr/share/locale/hyw/LC_MESSAGES/gedit.mo')).toBe(false);
  });
});
