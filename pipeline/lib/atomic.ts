import { mkdirSync, openSync, writeSync, fsyncSync, closeSync, renameSync, rmSync, readFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { canonicalJson } from './json.ts';
import { UserError } from './errors.ts';

/** Temp file beside the target, so rename() stays on one filesystem and is atomic. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * Write a file atomically: write a temp file, fsync, rename over the target. A crash (or a full disk) at any moment
 * leaves either the old file or the new one, never half of one.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (err) {
    throw new UserError(dirname(path), `cannot create directory (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  const tmp = tempPathFor(path);
  try {
    const fd = openSync(tmp, 'w');
    try {
      const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new UserError(path, 'disk full while writing; the previous version is intact');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new UserError(path, `not writable (${code}); the previous version is intact`);
    throw err;
  }
}

export function writeJsonAtomic(path: string, value: unknown, decimals?: number): string {
  const text = canonicalJson(value, decimals);
  writeFileAtomic(path, text);
  return text;
}

/** Read and parse a JSON file, with errors that name the file. */
export function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(path, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? err})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UserError(path, `not valid JSON (${(err as Error).message})`);
  }
}
