import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { STAGE_NAMES } from '../stages.ts';
import { readArtifact } from './artifact.ts';
import { UserError } from './errors.ts';
import { Manifest } from './stage.ts';

/**
 * Whether a run folder may be published by the site: only a run whose manifest records every stage as finished.
 * A failed or interrupted run (no manifest, an unreadable one, or stages that never finished) leaves files behind
 * that would read as results; the site skips it with a warning instead. Returns why not, or null when it may.
 */
export function unpublishableReason(runDir: string): string | null {
  const path = join(runDir, 'manifest.json');
  if (!existsSync(path)) return 'no manifest.json: the pipeline never finished a stage of this run';
  let manifest: Manifest;
  try {
    manifest = readArtifact(path, Manifest);
  } catch (err) {
    if (err instanceof UserError) return `manifest.json unusable (${err.problem})`;
    throw err;
  }
  const missing = STAGE_NAMES.filter((s) => !(s in manifest.stages));
  if (missing.length > 0) return `incomplete run: ${missing.join(', ')} never finished (run make report)`;
  return null;
}
