import { existsSync } from 'node:fs';
import type { z } from 'zod';
import { readJson, writeFileAtomic } from './atomic.ts';
import { describeIssues, UserError } from './errors.ts';
import { roundFloat } from './json.ts';

/**
 * Artifacts whose bulk is many similar records (a layer's neurons, a pair's per-layer columns) in a compact canonical
 * layout: sorted keys and rounded floats as canonical JSON (lib/json.ts), but each top-level field on its own line
 * and, inside a list or record field, each element on one line without spaces. The pretty layout of lib/json.ts
 * spends most of such a file on indentation and wrapped arrays; this one keeps a git diff to one line per changed
 * record and is the same bytes for the same value.
 *
 * These files carry their own `schemaVersion` (lib/artifact.ts pins every other artifact at 1): a reader refuses
 * another version with the same "rerun" message, so an old file is never misread as the new shape.
 */

function flat(v: unknown, decimals: number): string {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (typeof v === 'number') return JSON.stringify(roundFloat(v, decimals));
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return flat(Array.from(v as unknown as ArrayLike<number>), decimals);
  if (Array.isArray(v)) return `[${v.map((x) => flat(x, decimals)).join(',')}]`;
  if (typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${flat(obj[k], decimals)}`).join(',')}}`;
  }
  throw new Error(`canonical JSON cannot hold a ${typeof v}`);
}

/** A field's value: a list of records or a record of values one element per line, anything else on its line. */
function field(v: unknown, decimals: number): string {
  if (Array.isArray(v) && v.length > 0 && v.some((x) => x !== null && typeof x === 'object'))
    return `[\n${v.map((x) => `    ${flat(x, decimals)}`).join(',\n')}\n  ]`;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)) {
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    if (keys.length === 0) return '{}';
    return `{\n${keys.map((k) => `    ${JSON.stringify(k)}: ${flat(obj[k], decimals)}`).join(',\n')}\n  }`;
  }
  return flat(v, decimals);
}

/** The compact canonical text of an artifact (with a trailing newline). */
export function compactJson(value: Record<string, unknown>, decimals: number): string {
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return `{\n${keys.map((k) => `  ${JSON.stringify(k)}: ${field(value[k], decimals)}`).join(',\n')}\n}\n`;
}

export function writeCompactArtifact(path: string, version: number, value: object, decimals: number): void {
  writeFileAtomic(path, compactJson({ ...value, schemaVersion: version }, decimals));
}

/** Read a versioned artifact: it must exist, carry `version`, and match `schema` (errors name the file). */
export function readVersionedArtifact<S extends z.ZodType>(path: string, schema: S, version: number): z.infer<S> {
  if (!existsSync(path)) throw new UserError(path, 'artifact not found: run the stage that writes it first (make report)');
  const raw = readJson(path) as { schemaVersion?: unknown } | null;
  if (raw === null || typeof raw !== 'object') throw new UserError(path, 'artifact is not a JSON object');
  if (raw.schemaVersion !== version)
    throw new UserError(
      path,
      `artifact has schema version ${JSON.stringify(raw.schemaVersion)}, this code reads version ${version}: ` +
        'rerun the pipeline (make report FORCE=1) to regenerate it',
    );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new UserError(path, `artifact does not match its schema: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
