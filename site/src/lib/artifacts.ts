/// <reference types="vite/client" />
/**
 * The one door from the site to artifacts/<run>/: every file is read with the pipeline's `readArtifact` and the zod
 * schema its stage declares in pipeline/lib/schemas/<stage>.ts, then with the site's own (looser) view of the fields
 * the pages use. A change of shape therefore fails the build with a message naming the file — never a broken page.
 *
 * A missing file is not an error: it means the stage has not run for this run yet, and the page says so.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { readArtifact } from '../../../pipeline/lib/artifact.ts';
import { UserError } from '../../../pipeline/lib/errors.ts';
import { unpublishableReason } from '../../../pipeline/lib/publishable.ts';

/** Schema modules the pipeline stages export; a glob, so a stage that is not written yet is simply absent. */
const schemaModules = import.meta.glob('../../../pipeline/lib/schemas/*.ts', { eager: true }) as Record<
  string,
  Record<string, unknown>
>;

export function artifactsRoot(): string {
  const dir = process.env.ARTIFACTS_DIR;
  if (!dir) throw new Error('ARTIFACTS_DIR is not set (site/astro.config.mjs sets it)');
  return dir;
}

/** The pipeline schema `name` exported by pipeline/lib/schemas/<stage>.ts, or null when that module is absent. */
export function pipelineSchema(stage: string, name: string): z.ZodType | null {
  const mod = schemaModules[`../../../pipeline/lib/schemas/${stage}.ts`];
  if (!mod) return null;
  const schema = mod[name];
  if (!schema || typeof (schema as z.ZodType).safeParse !== 'function')
    throw new UserError(
      `pipeline/lib/schemas/${stage}.ts`,
      `does not export a zod schema named ${name} (exports: ${Object.keys(mod).join(', ')}); update site/src/lib/runs.ts`,
    );
  return schema as z.ZodType;
}

export interface ArtifactRef {
  /** Path inside artifacts/<run>/. */
  file: string;
  /** The stage whose schema module declares it. */
  stage: string;
  /** The schema's export name in that module. */
  schema: string;
  /** A schema imported directly (the manifest's lives in pipeline/lib/stage.ts). */
  known?: z.ZodType;
}

const warned = new Set<string>();

/**
 * Read one artifact of a run, or null if it does not exist yet. Validated by the pipeline's schema when the stage's
 * schema module exists, and always by `view` (the fields this site reads).
 */
export function loadArtifact<V extends z.ZodType>(run: string, ref: ArtifactRef, view: V): z.infer<V> | null {
  const path = join(artifactsRoot(), run, ref.file);
  if (!existsSync(path)) return null;
  const schema = ref.known ?? pipelineSchema(ref.stage, ref.schema);
  let value: unknown;
  if (schema) value = readArtifact(path, schema);
  else {
    // The stage wrote files before publishing its schema (work in progress): say so loudly, still check the view.
    if (!warned.has(ref.stage)) {
      warned.add(ref.stage);
      console.warn(`[site] pipeline/lib/schemas/${ref.stage}.ts is missing: ${ref.file} is checked only by the site's view`);
    }
    value = readArtifact(path, view);
  }
  const parsed = view.safeParse(value);
  if (!parsed.success)
    throw new UserError(path, `the site cannot read this artifact: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export function artifactPath(run: string, file: string): string {
  return join(artifactsRoot(), run, file);
}

export function artifactExists(run: string, file: string): boolean {
  return existsSync(artifactPath(run, file));
}

/** Files under artifacts/<run>/<dir>/ (non-recursive), sorted; empty when the folder is absent. */
export function listArtifactDir(run: string, dir: string): string[] {
  const abs = artifactPath(run, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .filter((f) => !f.startsWith('.') && statSync(join(abs, f)).isFile())
    .sort();
}

let runsCache: string[] | null = null;

/**
 * Every finished run under the artifacts folder, the default run first, then by name (read once per build). A run
 * whose manifest is missing or records unfinished stages (a failed run) is skipped with a warning, never published.
 */
export function listRuns(): string[] {
  if (runsCache) return runsCache;
  const root = artifactsRoot();
  if (!existsSync(root)) return (runsCache = []);
  const runs = readdirSync(root)
    .filter((d) => !d.startsWith('.') && statSync(join(root, d)).isDirectory())
    .filter((d) => {
      const why = unpublishableReason(join(root, d));
      if (why) console.warn(`[site] warning: skipping ${join(root, d)}: ${why}`);
      return why === null;
    })
    .sort();
  return (runsCache = runs.sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b))));
}
