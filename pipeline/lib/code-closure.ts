import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { UserError } from './errors.ts';
import { hashTree } from './hash.ts';

/**
 * A stage's code is the static RUNTIME import closure of its entry module, computed by esbuild's bundler (its
 * metafile lists every module a bundle pulls in), not a hand-written list that goes stale. Type-only imports are
 * erased, which is right: config values reach a stage through its config sections, hashed separately.
 * npm packages stay external (they are pinned by package-lock.json, and a stage that reads package data lists it
 * as an input). Modules started as workers (`new URL('./x.mjs', import.meta.url)`) are not imports to a bundler,
 * so such URLs are followed here as further entry points; a non-code file named that way is hashed as it is.
 */

const CODE = /\.(ts|mts|js|mjs)$/;
const URL_REF = /new URL\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g;

const cache = new Map<string, string[]>();

function toRel(root: string, abs: string): string {
  return relative(root, abs).split('\\').join('/');
}

/** Files of the project (not node_modules, not outside the root) that esbuild read for these entry points. */
function bundleInputs(root: string, entries: string[]): string[] {
  let result;
  try {
    result = buildSync({
      entryPoints: entries,
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      // A project whose pipeline/ is a symlink (test scratch roots) keeps its own paths, not the link's target.
      preserveSymlinks: true,
      absWorkingDir: root,
      outdir: join(root, '.closure-out'), // never written (write: false), but required for several entry points
      logLevel: 'silent',
    });
  } catch (err) {
    const first = (err as { errors?: { text: string; location?: { file: string; line: number } }[] }).errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}` : toRel(root, entries[0]);
    throw new UserError(where, `cannot resolve the stage's imports: ${first?.text ?? (err as Error).message}`);
  }
  return Object.keys(result.metafile.inputs)
    .filter((p) => !p.includes(':')) // esbuild's virtual namespaces
    .map((p) => resolve(root, p))
    .filter((abs) => {
      const rel = toRel(root, abs);
      return !rel.startsWith('..') && !isAbsolute(rel) && !rel.split('/').includes('node_modules');
    });
}

/** The closure of `entry` (relative to `root`): sorted project-relative paths. Cached per process. */
export function importClosure(root: string, entry: string): string[] {
  const key = `${root}\0${entry}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const first = resolve(root, entry);
  if (!existsSync(first)) throw new UserError(entry, 'stage entry module not found');
  const entries = [first];
  const files = new Set<string>();
  for (;;) {
    const inputs = bundleInputs(root, entries);
    const added: string[] = [];
    for (const abs of inputs) {
      files.add(abs);
      for (const m of readFileSync(abs, 'utf8').matchAll(URL_REF)) {
        const target = resolve(dirname(abs), m[1]);
        if (!existsSync(target) || files.has(target) || entries.includes(target) || added.includes(target)) continue;
        if (CODE.test(target)) added.push(target);
        else files.add(target);
      }
    }
    if (added.length === 0) break;
    entries.push(...added);
  }
  const out = [...files].map((f) => toRel(root, f)).sort();
  if (!out.includes(toRel(root, first))) throw new UserError(entry, 'the stage entry module lies outside the project');
  cache.set(key, out);
  return out;
}

/** Hash of the closure files' paths and contents: a stage's code version. */
export function closureHash(root: string, entry: string): string {
  return hashTree(
    importClosure(root, entry).map((f) => join(root, f)),
    root,
  );
}

/** Forget computed closures (tests that edit imports within one process). */
export function clearClosureCache(): void {
  cache.clear();
}
