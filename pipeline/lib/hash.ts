import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compactCanonicalJson } from './json.ts';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hash of a value's compact canonical JSON: equal configs hash equal whatever their key order or layout. */
export function hashJson(value: unknown): string {
  return sha256(compactCanonicalJson(value));
}

/** Streamed file hash: never holds the whole file. */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => h.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

/** Hash of every file under the given directories/files (sorted by path): the "code version" of a stage. */
export function hashTree(roots: string[], base = process.cwd()): string {
  const files: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name));
    else if (st.isFile()) files.push(p);
  };
  for (const r of roots) walk(r);
  const h = createHash('sha256');
  for (const f of files.sort()) {
    h.update(relative(base, f) + '\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex');
}
