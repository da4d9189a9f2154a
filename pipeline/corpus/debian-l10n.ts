import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { canonicalJson } from '../lib/json.ts';
import { UserError } from '../lib/errors.ts';
import { log } from '../lib/progress.ts';
import { MANIFEST, type Manifest } from './gettext-source.ts';

/**
 * Fetch the Armenian gettext catalogs that Debian packages ship, for a `gettext` corpus source with
 * `debianPackages`: `apt-get download` the listed packages into a scratch folder, extract only their
 * `…/hy/LC_MESSAGES/*.mo` (and hy_AM) files with dpkg-deb + tar into `<out>/<package>/…`, then write
 * `<out>/manifest.json` (package versions) last, as the mark of a complete fetch. Nothing is installed.
 *
 *   npx tsx pipeline/corpus/debian-l10n.ts [--list config/l10n/debian-hy-packages.txt] [--out .cache/l10n/debian-hy]
 *   npx tsx pipeline/corpus/debian-l10n.ts --discover [--list …]   (rewrite the list from apt-file's index)
 */

/** Reserved for independent evaluation (project rule): never fetched, whatever the list says. */
export const EXCLUDED = /^(firefox-esr-l10n-|thunderbird-l10n-)/;
/** The catalogs taken from a package. */
export const CATALOG_PATH = /(^|\/)(hy|hy_AM)\/LC_MESSAGES\/[^/]+\.mo$/;

function need(tool: string): void {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  if (r.status !== 0)
    throw new UserError(tool, 'not found: fetching Debian catalogs needs apt-get, apt-cache and dpkg-deb (a Debian or Ubuntu system)');
}

/** Package names of a list file: one a line, `#` comments; the reserved ones refused. */
export function readPackageList(path: string): string[] {
  if (!existsSync(path)) throw new UserError(path, 'Debian package list not found');
  const names = readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
  const bad = names.find((n) => !/^[a-z0-9][a-z0-9+.-]+$/.test(n));
  if (bad) throw new UserError(path, `not a Debian package name: ${bad}`);
  const reserved = names.filter((n) => EXCLUDED.test(n));
  if (reserved.length) throw new UserError(path, `lists ${reserved[0]}: firefox-esr-l10n-* / thunderbird-l10n-* are reserved for evaluation`);
  return [...new Set(names)].sort();
}

/** Which of the packages apt can download here (a candidate version), and which not. */
function available(names: string[]): { ok: string[]; missing: string[] } {
  const out = execFileSync('apt-cache', ['policy', ...names], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ok = new Set<string>();
  let current = '';
  for (const line of out.split('\n')) {
    const head = /^(\S+):$/.exec(line);
    if (head) current = head[1];
    else if (/^\s+Candidate: (?!\(none\))/.test(line)) ok.add(current);
  }
  return { ok: names.filter((n) => ok.has(n)), missing: names.filter((n) => !ok.has(n)) };
}

/** Download and extract; returns the manifest written. Synchronous: the corpus stage calls it before hashing inputs. */
export function fetchDebianCatalogs(listPath: string, outDir: string): Manifest {
  for (const t of ['apt-get', 'apt-cache', 'dpkg-deb', 'tar']) need(t);
  const names = readPackageList(listPath);
  const { ok, missing } = available(names);
  if (ok.length === 0) throw new UserError(listPath, 'apt knows none of these packages: run apt-get update (Debian bookworm or later)');
  if (missing.length) log('corpus', `debian-l10n: ${missing.length} listed package(s) not available here: ${missing.join(' ')}`);
  const debs = join(outDir, '.debs');
  rmSync(debs, { recursive: true, force: true });
  mkdirSync(debs, { recursive: true });
  log('corpus', `debian-l10n: apt-get download of ${ok.length} packages into ${debs}`);
  const dl = spawnSync('apt-get', ['download', '-q', ...ok], { cwd: debs, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (dl.status !== 0) throw new UserError(listPath, `apt-get download failed: ${(dl.stderr || dl.stdout).trim().split('\n').pop()}`);
  const packages: Manifest['packages'] = [];
  for (const deb of readdirSync(debs).filter((f) => f.endsWith('.deb')).sort()) {
    const path = join(debs, deb);
    const [pkg, version] = execFileSync('dpkg-deb', ['-f', path, 'Package', 'Version'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => l.replace(/^\w+:\s*/, ''));
    if (EXCLUDED.test(pkg)) continue;
    const dest = join(outDir, pkg);
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(dest, { recursive: true });
    // One decompression pass, piped in the shell (a package can be hundreds of MB). tar exits 2 when a pattern
    // matches nothing (a package with hy but no hy_AM catalogs): what was extracted is checked instead.
    const x = spawnSync(
      'sh',
      ['-c', `dpkg-deb --fsys-tarfile "$0" | tar -x -C "$1" --wildcards --no-anchored '*/hy/LC_MESSAGES/*.mo' '*/hy_AM/LC_MESSAGES/*.mo'`, path, dest],
      { encoding: 'utf8' },
    );
    if (x.status !== 0 && x.status !== 2) throw new UserError(path, `cannot extract (${x.stderr.trim().split('\n').pop()})`);
    if (!hasCatalog(dest)) {
      rmSync(dest, { recursive: true, force: true });
      continue;
    }
    packages.push({ package: pkg, version });
  }
  rmSync(debs, { recursive: true, force: true });
  const manifest: Manifest & { list: string; missing: string[] } = { packages, list: relative(process.cwd(), listPath).split('\\').join('/'), missing };
  writeFileSync(join(outDir, MANIFEST), canonicalJson(manifest) + '\n');
  log('corpus', `debian-l10n: ${packages.length} packages with Armenian catalogs in ${outDir}`);
  return manifest;
}

function hasCatalog(dir: string): boolean {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((f) => CATALOG_PATH.test(f.split('\\').join('/')));
}

/** Fetch unless the folder already holds a complete fetch (its manifest). */
export function ensureDebianCatalogs(listPath: string, outDir: string): void {
  if (!existsSync(join(outDir, MANIFEST))) fetchDebianCatalogs(listPath, outDir);
}

/** Rewrite the package list from apt-file's Contents index (apt-get install apt-file && apt-file update). */
export function discoverPackages(listPath: string): string[] {
  need('apt-file');
  const r = spawnSync('apt-file', ['search', '-x', '/hy(_AM)?/LC_MESSAGES/.*\\.mo$'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0 && r.status !== 1) throw new UserError('apt-file', `search failed: ${r.stderr.trim()} (run apt-file update)`);
  const names = [...new Set(r.stdout.split('\n').map((l) => l.split(':')[0].trim()).filter(Boolean))]
    .filter((n) => !EXCLUDED.test(n))
    .sort();
  const header = [
    '# Debian packages that ship Armenian gettext catalogs (*/hy/LC_MESSAGES/*.mo, */hy_AM/LC_MESSAGES/*.mo).',
    '# Regenerate: npx tsx pipeline/corpus/debian-l10n.ts --discover   (needs apt-file).',
    '# firefox-esr-l10n-* and thunderbird-l10n-* are reserved for independent evaluation and never fetched.',
  ];
  writeFileSync(listPath, [...header, ...names].join('\n') + '\n');
  return names;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const opt = (name: string, def: string) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : def;
  };
  const list = resolve(opt('--list', 'config/l10n/debian-hy-packages.txt'));
  try {
    if (args.includes('--discover')) console.log(`${discoverPackages(list).length} packages written to ${list}`);
    else fetchDebianCatalogs(list, resolve(opt('--out', '.cache/l10n/debian-hy')));
  } catch (err) {
    if (err instanceof UserError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
