import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError } from '../lib/errors.ts';
import { sha256 } from '../lib/hash.ts';
import { catalogStringLines } from './catalog-text.ts';
import { CatalogError, headerCharset, parseMo, parsePo, type Catalog } from './gettext.ts';
import { hasArmenian } from './normalize.ts';

/**
 * A `gettext` corpus source: every .po / .mo catalog of one locale under a folder (a tree of extracted packages,
 * a translation project's po/ folder). Each catalog is its own source in the statistics (`gettext:<path>`), so
 * whole catalogs can be held out as the external split, and duplicate strings across catalogs count once.
 */

/** Written by the fetch script beside the catalogs: which package (and version) each top-level folder is. */
export const MANIFEST = 'manifest.json';
export interface Manifest {
  packages: { package: string; version: string }[];
}

/** Is this path segment (or file stem) the locale, e.g. `hy`, `hy_AM`, `hy-AM`, `hy_AM.UTF-8`, `hy@latin`? */
function isLocale(segment: string, locale: string): boolean {
  return new RegExp(`^${locale.replace(/[^A-Za-z]/g, '')}([_-][A-Za-z]{2})?(\\.[\\w-]+)?(@\\w+)?$`, 'i').test(segment);
}

/** The catalogs of a locale under `dir`, sorted: .mo/.po files whose name or a folder on their path is the locale. */
export function gettextCatalogFiles(dir: string, locale: string): string[] {
  if (!existsSync(dir)) throw new UserError(dir, 'gettext source folder not found');
  if (!statSync(dir).isDirectory()) throw new UserError(dir, 'gettext source is not a folder');
  const out: string[] = [];
  const walk = (d: string, inLocale: boolean) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p, inLocale || isLocale(name, locale));
      else if (/\.(po|mo|gmo)$/.test(name) && (inLocale || isLocale(name.replace(/\.(po|mo|gmo)$/, ''), locale))) out.push(p);
    }
  };
  walk(dir, false);
  return out;
}

/**
 * Source name of a catalog: its path under the folder, `usr/share/locale/<l>/LC_MESSAGES/` shortened to `<l>/`
 * (a package may ship both hy and hy_AM catalogs of one domain).
 */
export function catalogName(dir: string, file: string): string {
  const rel = relative(dir, file).split('\\').join('/');
  return 'gettext:' + rel.replace(/(^|\/)(?:usr\/share\/)?locale\/([^/]+)\/LC_MESSAGES\//, '$1$2/');
}

export function readCatalog(file: string): Catalog {
  try {
    const bytes = readFileSync(file);
    if (file.endsWith('.po')) {
      // The header names the charset; read as UTF-8 first (nearly all are), re-decode when it says otherwise.
      const text = new TextDecoder('utf-8').decode(bytes);
      const cs = headerCharset(parsePo(text).header);
      if (cs === 'utf-8' || cs === 'utf8') {
        const strict = new TextDecoder('utf-8', { fatal: true });
        return parsePo(strict.decode(bytes));
      }
      let decoder: TextDecoder;
      try {
        decoder = new TextDecoder(cs, { fatal: true });
      } catch {
        throw new CatalogError(`unsupported charset ${cs}`);
      }
      return parsePo(decoder.decode(bytes));
    }
    return parseMo(bytes);
  } catch (err) {
    if (err instanceof CatalogError || err instanceof TypeError) throw new UserError(file, `cannot read catalog (${err.message})`);
    throw err;
  }
}

/** The translated strings of a catalog as lines of text: fuzzy and untranslated entries skipped, every plural form. */
export function catalogLines(catalog: Catalog): string[] {
  const out: string[] = [];
  for (const e of catalog.entries) {
    if (e.fuzzy) continue;
    for (const s of e.msgstr) if (s && hasArmenian(s)) for (const line of catalogStringLines(s)) if (hasArmenian(line)) out.push(line);
  }
  return out;
}

export interface GettextFile {
  source: string;
  path: string;
  /** Package and version from the folder's manifest (the first path segment), else ''. */
  package: string;
  version: string;
  file: string;
  sha256: string;
}

/** Every catalog of the source with its name, package version (from manifest.json, if any) and hash. */
export function gettextFiles(dir: string, locale: string): GettextFile[] {
  const versions = new Map<string, string>();
  const manifestPath = join(dir, MANIFEST);
  if (existsSync(manifestPath)) {
    try {
      for (const p of (JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest).packages) versions.set(p.package, p.version);
    } catch (err) {
      throw new UserError(manifestPath, `not a valid manifest (${(err as Error).message})`);
    }
  }
  return gettextCatalogFiles(dir, locale).map((path) => {
    const file = relative(dir, path).split('\\').join('/');
    const top = file.split('/')[0];
    return {
      source: catalogName(dir, path),
      path,
      package: versions.has(top) ? top : '',
      version: versions.get(top) ?? '',
      file,
      sha256: sha256(readFileSync(path)),
    };
  });
}
