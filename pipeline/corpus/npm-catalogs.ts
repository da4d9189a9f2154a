import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../lib/errors.ts';
import { sha256 } from '../lib/hash.ts';
import { catalogStringLines, jsonStringValues, jsStringLiterals } from './catalog-text.ts';
import { hasArmenian } from './normalize.ts';

/**
 * The Armenian translation catalogs that npm packages ship: natural UI text (editors, date pickers, widgets,
 * validation messages, country names) and, in scratch-l10n, whole web pages (FAQ, guidelines, annual reports).
 * Every package here is a dependency in package.json, so the default corpus still needs nothing beyond `npm ci`.
 * Found by searching the registry for locale files named hy / hy-AM / hy_AM (see pipeline/corpus/README.md);
 * packages whose only Armenian file is tiny but that pull a large framework (antd, element-plus, ckeditor5) are left out.
 */
export const NPM_CATALOGS: readonly { pkg: string; files: readonly string[] }[] = [
  { pkg: 'blockly', files: ['msg/hy.js'] },
  { pkg: 'bootstrap-datepicker', files: ['js/locales/bootstrap-datepicker.hy.js'] },
  { pkg: 'datatables.net-plugins', files: ['i18n/hy.json'] },
  { pkg: 'date-fns', files: ['locale/hy/_lib/*.js'] },
  { pkg: 'dayjs', files: ['locale/hy-am.js'] },
  { pkg: 'flatpickr', files: ['dist/l10n/hy.js'] },
  { pkg: 'i18n-iso-countries', files: ['langs/hy.json'] },
  { pkg: 'jquery-ui', files: ['ui/i18n/datepicker-hy.js'] },
  { pkg: 'jquery-validation', files: ['dist/localization/messages_hy_AM.js'] },
  { pkg: 'moment', files: ['locale/hy-am.js'] },
  { pkg: 'scratch-l10n', files: ['editor/*/hy.json', 'www/*/hy.json'] },
  { pkg: 'select2', files: ['dist/js/i18n/hy.js'] },
  { pkg: 'tinymce-i18n', files: ['langs*/hy.js'] },
];

/** Files under `dir` matching a relative pattern whose segments may hold `*` (within one segment). Sorted. */
export function matchFiles(dir: string, pattern: string): string[] {
  let found = [dir];
  for (const seg of pattern.split('/')) {
    const re = new RegExp('^' + seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*') + '$');
    found = found.flatMap((d) =>
      existsSync(d) && statSync(d).isDirectory()
        ? readdirSync(d)
            .filter((n) => re.test(n))
            .sort()
            .map((n) => join(d, n))
        : [],
    );
  }
  return found.filter((f) => statSync(f).isFile());
}

export interface CatalogFile {
  /** Source name in the statistics: `npm:<package>`. */
  source: string;
  pkg: string;
  version: string;
  /** Path relative to the package folder. */
  file: string;
  path: string;
  sha256: string;
}

/** The catalog files of one package (an error when the package ships none: its layout changed). */
export function npmCatalogFiles(pkg: string, dir: string): CatalogFile[] {
  const spec = NPM_CATALOGS.find((c) => c.pkg === pkg);
  if (!spec) throw new Error(`unknown npm catalog package ${pkg}`);
  let version = '?';
  try {
    version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    throw new UserError(join(dir, 'package.json'), 'cannot read the package version: run npm ci');
  }
  const files = spec.files.flatMap((p) => matchFiles(dir, p));
  if (files.length === 0)
    throw new UserError(dir, `the ${pkg} package has no Armenian catalog (${spec.files.join(', ')}): its layout changed`);
  return files.map((path) => ({
    source: `npm:${pkg}`,
    pkg,
    version,
    file: path.slice(dir.length + 1).split('\\').join('/'),
    path,
    sha256: sha256(readFileSync(path)),
  }));
}

/** The Armenian lines of one catalog file (JSON values, or a JS file's string literals). */
export function catalogFileLines(path: string): string[] {
  const src = readFileSync(path, 'utf8');
  let strings: Iterable<string>;
  if (path.endsWith('.json')) {
    try {
      strings = jsonStringValues(JSON.parse(src));
    } catch (err) {
      throw new UserError(path, `not valid JSON (${(err as Error).message})`);
    }
  } else strings = jsStringLiterals(src);
  const out: string[] = [];
  for (const s of strings) if (hasArmenian(s)) for (const line of catalogStringLines(s, { accelerators: false })) if (hasArmenian(line)) out.push(line);
  return out;
}
