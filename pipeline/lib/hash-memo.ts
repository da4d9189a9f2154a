import { existsSync, readFileSync, statSync } from 'node:fs';
import { writeFileAtomic } from './atomic.ts';
import { sha256File } from './hash.ts';

/**
 * File hashes remembered with the file's stat fingerprint (size, mtime in ns, inode), like git's index: a big
 * file whose fingerprint is unchanged since it was hashed is not read again. Without it, checking that a run is up
 * to date re-reads every capture shard (4 GB, about a minute) on every `make report`. Any write to a file (a zeroed
 * block, a truncation, a copy over it) changes its mtime, so it is re-hashed and a corruption is found; damage that
 * bypasses the file system is caught by the shard readers, which hash as they read. Small files are always hashed.
 */
const MIN_BYTES = 16 << 20;

interface Entry {
  size: number;
  mtimeNs: string;
  ino: number;
  sha256: string;
}

export class HashMemo {
  private entries: Record<string, Entry> = {};
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly minBytes = MIN_BYTES,
  ) {
    try {
      if (existsSync(file)) this.entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Entry>;
    } catch {
      this.entries = {}; // a damaged memo only costs re-hashing
    }
  }

  async sha256(path: string): Promise<string> {
    const st = statSync(path, { bigint: true });
    const e = this.entries[path];
    const fp = { size: Number(st.size), mtimeNs: String(st.mtimeNs), ino: Number(st.ino) };
    if (e && e.size === fp.size && e.mtimeNs === fp.mtimeNs && e.ino === fp.ino && typeof e.sha256 === 'string') return e.sha256;
    const sha = await sha256File(path);
    if (fp.size >= this.minBytes) {
      this.entries[path] = { ...fp, sha256: sha };
      this.dirty = true;
    }
    return sha;
  }

  save(): void {
    if (!this.dirty) return;
    writeFileAtomic(this.file, JSON.stringify(this.entries));
    this.dirty = false;
  }
}
