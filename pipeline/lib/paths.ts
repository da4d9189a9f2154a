import { join } from 'node:path';
import type { RunConfig } from './config.ts';

/** Committed, small, diffable JSON: the contract between pipeline and site. */
export function artifactDir(cfg: Pick<RunConfig, 'run'>, root = process.cwd()): string {
  return join(root, 'artifacts', cfg.run);
}

/** Git-ignored bulky data (datasets, checkpoints, activations), referenced from the manifest by hash. */
export function cacheDir(cfg: Pick<RunConfig, 'run'>, root = process.cwd()): string {
  return join(root, '.cache', cfg.run);
}
