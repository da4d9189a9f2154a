import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeJsonAtomic } from '../../pipeline/lib/atomic.ts';

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const p = join(dir, 'a.json');
    writeJsonAtomic(p, { v: 1 });
    writeJsonAtomic(p, { v: 2 });
    expect(JSON.parse(readFileSync(p, 'utf8'))).toEqual({ v: 2 });
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('keeps the previous version when the directory is not writable', () => {
    if (process.getuid?.() === 0) {
      // root ignores permission bits; simulate an unwritable target with a path whose parent is a file.
      const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
      writeFileSync(join(dir, 'file'), 'x');
      expect(() => writeFileAtomic(join(dir, 'file', 'a.json'), 'y')).toThrow(/file/);
      expect(readFileSync(join(dir, 'file'), 'utf8')).toBe('x');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const p = join(dir, 'a.json');
    writeFileSync(p, 'old');
    chmodSync(dir, 0o500);
    try {
      expect(() => writeFileAtomic(p, 'new')).toThrow(/not writable/);
      expect(readFileSync(p, 'utf8')).toBe('old');
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});
