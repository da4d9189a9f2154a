/**
 * artifacts/seeds.json (written by `npm run diff -- --seeds …`, pipeline/diff/seeds.ts): which claims and named units
 * survive retraining with other seeds. Null when it has not been written (or does not include the run).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readArtifact } from '../../../pipeline/lib/artifact.ts';
import { SeedsFile } from '../../../pipeline/lib/schemas/stats.ts';
import { artifactsRoot } from './artifacts.ts';

export const SEEDS_FILE = 'seeds.json';

export function seedsSummary(): SeedsFile | null {
  const path = join(artifactsRoot(), SEEDS_FILE);
  return existsSync(path) ? readArtifact(path, SeedsFile) : null;
}
