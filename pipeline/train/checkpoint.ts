import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readJson, writeFileAtomic } from '../lib/atomic.ts';
import { sha256 } from '../lib/hash.ts';
import { log } from '../lib/progress.ts';
import type { ModelState, NamedArray } from './model-api.ts';
import { EpochLog } from '../lib/schemas/train.ts';

/**
 * Training checkpoints in .cache/<run>/train/checkpoint/: binary tensors (weights + Adam moments) in
 * `state-<n>.bin`, and `checkpoint.json`, which names the binary files and holds the loop's position (epoch,
 * batch, partial epoch sums, elapsed time, log so far, early-stopping state).
 *
 * Writing order makes a checkpoint atomic as a whole: binaries first (each atomically, under a fresh name), then
 * checkpoint.json (atomically) — the commit point — and only then the binaries it no longer names are deleted.
 * A kill at any moment leaves the previous checkpoint or the new one, never a mix.
 */

const TensorEntry = z.object({
  group: z.enum(['weights', 'optimizer']),
  name: z.string(),
  shape: z.array(z.int().min(0)),
  offset: z.int().min(0),
  length: z.int().min(0),
});

const StateFile = z.object({
  file: z.string(),
  sha256: z.string(),
  step: z.int().min(0),
  tensors: z.array(TensorEntry),
});
type StateFile = z.infer<typeof StateFile>;

export const LoopPosition = z.object({
  /** Epoch in progress (0-based). */
  epoch: z.int().min(0),
  /** Next batch index within the epoch. */
  batch: z.int().min(0),
  /** Running sums of the epoch in progress. */
  lossSum: z.number(),
  lossCount: z.number(),
  chars: z.number(),
  epochSeconds: z.number(),
  /** Training seconds spent so far over all sessions (the wall budget counts them all). */
  elapsedSeconds: z.number(),
  /** Sessions that trained (1 + resumes). */
  sessions: z.int().min(1),
  log: z.array(EpochLog),
  bestEpoch: z.int().nullable(),
  bestValLoss: z.number().nullable(),
  badEpochs: z.int().min(0),
  /** Set once training has ended: a rerun goes straight to export and evaluation. */
  finished: z.boolean(),
  stopReason: z.string().nullable(),
});
export type LoopPosition = z.infer<typeof LoopPosition>;

const CheckpointFile = z.object({
  version: z.literal(1),
  /** Hash of what the training depends on (config sections, seed, input files): a mismatch means start over. */
  key: z.string(),
  position: LoopPosition,
  current: StateFile,
  best: StateFile.nullable(),
});

export interface Checkpoint {
  key: string;
  position: LoopPosition;
  current: ModelState;
  best: ModelState | null;
}

function encodeState(state: ModelState, file: string): { meta: StateFile; data: Uint8Array } {
  const tensors: z.infer<typeof TensorEntry>[] = [];
  const parts: Float32Array[] = [];
  let offset = 0;
  for (const group of ['weights', 'optimizer'] as const) {
    const entries: [string, NamedArray][] = Object.entries(state[group]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, arr] of entries) {
      tensors.push({ group, name, shape: arr.shape, offset, length: arr.data.length });
      parts.push(arr.data);
      offset += arr.data.length;
    }
  }
  const all = new Float32Array(offset);
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  const data = new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
  return { meta: { file, sha256: sha256(data), step: state.step, tensors }, data };
}

function decodeState(dir: string, meta: StateFile): ModelState {
  const path = join(dir, meta.file);
  const bytes = readFileSync(path);
  if (sha256(bytes) !== meta.sha256) throw new Error(`${meta.file} does not match its recorded hash`);
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const state: ModelState = { step: meta.step, weights: {}, optimizer: {} };
  for (const t of meta.tensors) {
    if (t.offset + t.length > all.length) throw new Error(`${meta.file} is too short for ${t.name}`);
    state[t.group][t.name] = { shape: t.shape, data: all.slice(t.offset, t.offset + t.length) };
  }
  return state;
}

export class CheckpointStore {
  private serial = 0;
  /** Binary file already written for the best state (it changes less often than the current state). */
  private bestMeta: StateFile | null = null;
  private bestWritten: ModelState | null = null;

  constructor(readonly dir: string) {}

  get jsonPath(): string {
    return join(this.dir, 'checkpoint.json');
  }

  /** The saved checkpoint if it exists, matches `key` and is intact; otherwise null (with a log line saying why). */
  load(key: string): Checkpoint | null {
    if (!existsSync(this.jsonPath)) return null;
    try {
      const parsed = CheckpointFile.safeParse(readJson(this.jsonPath));
      if (!parsed.success) throw new Error('unreadable checkpoint.json');
      const c = parsed.data;
      if (c.key !== key) {
        log('train', 'checkpoint is from another config or other data: starting over');
        return null;
      }
      const current = decodeState(this.dir, c.current);
      const best = c.best ? decodeState(this.dir, c.best) : null;
      this.bestMeta = c.best;
      this.bestWritten = best;
      this.serial = 1 + Math.max(0, ...this.binFiles().map((f) => Number(/state-(\d+)\.bin/.exec(f)?.[1] ?? 0)));
      return { key, position: c.position, current, best };
    } catch (err) {
      log('train', `ignoring a damaged checkpoint (${(err as Error).message}): starting over`);
      return null;
    }
  }

  private binFiles(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir).filter((f) => /^state-\d+\.bin$/.test(f));
  }

  private writeState(state: ModelState): StateFile {
    const name = `state-${this.serial++}.bin`;
    const { meta, data } = encodeState(state, name);
    writeFileAtomic(join(this.dir, name), data);
    return meta;
  }

  save(c: Checkpoint): void {
    const current = this.writeState(c.current);
    if (c.best !== this.bestWritten) {
      this.bestMeta = c.best ? this.writeState(c.best) : null;
      this.bestWritten = c.best;
    }
    // Plain JSON, not canonical: the running sums must come back bit-exact for a resumed run to match.
    const body = { version: 1, key: c.key, position: c.position, current, best: this.bestMeta };
    writeFileAtomic(this.jsonPath, JSON.stringify(body));
    const keep = new Set([current.file, this.bestMeta?.file]);
    for (const f of this.binFiles()) if (!keep.has(f)) rmSync(join(this.dir, f), { force: true });
  }

  clear(): void {
    rmSync(this.dir, { recursive: true, force: true });
    this.bestMeta = null;
    this.bestWritten = null;
  }
}
