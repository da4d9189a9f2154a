/**
 * The one door from the site to artifacts/<run>/: every file is read with the pipeline's `readArtifact` and the zod
 * schema its stage declares in pipeline/lib/schemas/<stage>.ts. A change of shape therefore fails the build with a
 * message naming the file — never a broken page.
 *
 * A missing file is not an error: it means the stage has not run for this run yet, and the page says so.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { readArtifact } from '../../../pipeline/lib/artifact.ts';

export function artifactsRoot(): string {
  const dir = process.env.ARTIFACTS_DIR;
  if (!dir) throw new Error('ARTIFACTS_DIR is not set (site/astro.config.mjs sets it)');
  return dir;
}

export interface ArtifactRef<S extends z.ZodType = z.ZodType> {
  /** Path inside artifacts/<run>/. */
  file: string;
  /** The pipeline's schema of the file (pipeline/lib/schemas/<stage>.ts). */
  schema: S;
  /** The stage that writes it (named when the file is missing). */
  stage: string;
}

/** Read one artifact of a run with the pipeline's schema, or null if it does not exist yet. */
export function loadArtifact<S extends z.ZodType>(run: string, ref: ArtifactRef<S>): z.infer<S> | null {
  const path = join(artifactsRoot(), run, ref.file);
  if (!existsSync(path)) return null;
  return readArtifact(path, ref.schema);
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

/** Every run found under the artifacts folder, the default run first, then by name (read once per build). */
export function listRuns(): string[] {
  if (runsCache) return runsCache;
  const root = artifactsRoot();
  if (!existsSync(root)) return (runsCache = []);
  const runs = readdirSync(root)
    .filter((d) => !d.startsWith('.') && statSync(join(root, d)).isDirectory())
    .sort();
  return (runsCache = runs.sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b))));
}
