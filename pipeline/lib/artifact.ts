import { existsSync } from 'node:fs';
import type { z } from 'zod';
import { readJson, writeJsonAtomic } from './atomic.ts';
import { describeIssues, UserError } from './errors.ts';

/**
 * Every JSON artifact carries `schemaVersion`. Bump it when an artifact's shape changes: readers refuse other
 * versions with a message that says to rerun, instead of misreading old data.
 */
export const SCHEMA_VERSION = 1;

export function writeArtifact(path: string, value: object, decimals?: number): void {
  writeJsonAtomic(path, { schemaVersion: SCHEMA_VERSION, ...value }, decimals);
}

/** Read an artifact, check its schema version, and validate it with the given zod schema. */
export function readArtifact<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  if (!existsSync(path)) throw new UserError(path, 'artifact not found: run the stage that writes it first (make report)');
  const raw = readJson(path) as { schemaVersion?: unknown };
  if (raw === null || typeof raw !== 'object') throw new UserError(path, 'artifact is not a JSON object');
  if (raw.schemaVersion !== SCHEMA_VERSION)
    throw new UserError(
      path,
      `artifact has schema version ${JSON.stringify(raw.schemaVersion)}, this code reads version ${SCHEMA_VERSION}: ` +
        'rerun the pipeline (make report FORCE=1) to regenerate it',
    );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new UserError(path, `artifact does not match its schema: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
