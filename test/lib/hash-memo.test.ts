import { closeSync, mkdtempSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../pipeline/lib/hash.ts';
import { HashMemo } from '../../pipeline/lib/hash-memo.ts';

describe('HashMemo', () => {
  it('re-hashes a big file after any write to it, and reuses the hash while its fingerprint is unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memo-'));
    const f = join(dir, 'shard.f32');
    const data = Buffer.alloc(4096, 7);
    writeFileSync(f, data);
    const memoFile = join(dir, 'memo.json');
    const m1 = new HashMemo(memoFile, 1024);
    expect(await m1.sha256(f)).toBe(sha256(data));
    m1.save();

    // 400 bytes zeroed in place (size unchanged): the mtime moves, so the next check hashes it again.
    const fd = openSync(f, 'r+');
    writeSync(fd, new Uint8Array(400), 0, 400, 100);
    closeSync(fd);
    const zeroed = Buffer.from(data);
    zeroed.fill(0, 100, 500);
    expect(await new HashMemo(memoFile, 1024).sha256(f)).toBe(sha256(zeroed));

    // What is remembered is the file's exact fingerprint (size, mtime in ns, inode) with its hash.
    const m2 = new HashMemo(memoFile, 1024);
    expect(await m2.sha256(f)).toBe(sha256(zeroed));
    m2.save();
    const st = statSync(f, { bigint: true });
    expect(JSON.parse(readFileSync(memoFile, 'utf8'))[f]).toEqual({ size: 4096, mtimeNs: String(st.mtimeNs), ino: Number(st.ino), sha256: sha256(zeroed) });
  });

  it('always hashes small files, and survives a damaged memo', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memo-'));
    const f = join(dir, 'small.json');
    writeFileSync(f, 'a');
    writeFileSync(join(dir, 'memo.json'), '{"trunc');
    const m = new HashMemo(join(dir, 'memo.json'));
    expect(await m.sha256(f)).toBe(sha256('a'));
    m.save();
  });
});
