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
/// <reference types="vite/client" />
import { readArtifact } from '../../../pipeline/lib/artifact.ts';
import { readVersionedArtifact } from '../../../pipeline/lib/compact-artifact.ts';
import { UserError } from '../../../pipeline/lib/errors.ts';
import { unpublishableReason } from '../../../pipeline/lib/publishable.ts';

export function artifactsRoot(): string {
  const dir = process.env.ARTIFACTS_DIR;
  if (!dir) throw new Error('ARTIFACTS_DIR is not set (site/astro.config.mjs sets it)');
  return dir;
}

export interface ArtifactRef<S extends z.ZodType = z.ZodType> {
  /** Path inside artifacts/<run>/. */
  file: string;
  /** The pipeline's schema of the file (pipeline/lib/schemas/<stage>.ts), or its export name in that module. */
  schema: S | string;
  /** The stage that writes it (named when the file is missing; with a schema name, the module that exports it). */
  stage: string;
  /** A compact artifact's own schema version (pipeline/lib/compact-artifact.ts); absent: lib/artifact.ts's. */
  version?: number;
}

/** Schema modules, for refs that name their schema (`{ stage: 'stats', schema: 'PairFile' }`) instead of importing it. */
const schemaModules = import.meta.glob('../../../pipeline/lib/schemas/*.ts', { eager: true }) as Record<string, Record<string, unknown>>;

function schemaOf(ref: ArtifactRef): z.ZodType {
  if (typeof ref.schema !== 'string') return ref.schema;
  const schema = schemaModules[`../../../pipeline/lib/schemas/${ref.stage}.ts`]?.[ref.schema] as z.ZodType | undefined;
  if (!schema || typeof schema.safeParse !== 'function')
    throw new UserError(`pipeline/lib/schemas/${ref.stage}.ts`, `exports no zod schema named ${ref.schema} (site/src/lib/runs.ts refers to it)`);
  return schema;
}

/**
 * Read one artifact of a run with the pipeline's schema, or null if it does not exist yet. A `view` (a narrower
 * schema of the fields a page uses) is checked after the pipeline's schema, when given.
 */
export function loadArtifact<S extends z.ZodType>(run: string, ref: ArtifactRef<S>): z.infer<S> | null;
export function loadArtifact<V extends z.ZodType>(run: string, ref: ArtifactRef, view: V): z.infer<V> | null;
export function loadArtifact(run: string, ref: ArtifactRef, view?: z.ZodType): unknown {
  const path = join(artifactsRoot(), run, ref.file);
  if (!existsSync(path)) return null;
  const value = ref.version === undefined ? readArtifact(path, schemaOf(ref)) : readVersionedArtifact(path, schemaOf(ref), ref.version);
  if (!view) return value;
  const parsed = view.safeParse(value);
  if (!parsed.success) throw new UserError(path, `the site cannot read this artifact: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
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
 * Runs listed first, in this order; the first present one is the home page. The natural-text run leads when it is
 * there (issue 12: it is the one trained on real sentences), then the embedded default that `make report` produces.
 */
export const LEAD_RUNS = ['l10n', 'default'];

/**
 * Every finished run under the artifacts folder, LEAD_RUNS first, then by name (read once per build). A run whose
 * manifest is missing or records unfinished stages (a failed run) is skipped with a warning, never published.
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
  const rank = (r: string) => (LEAD_RUNS.includes(r) ? LEAD_RUNS.indexOf(r) : LEAD_RUNS.length);
  return (runsCache = runs.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)));
}
