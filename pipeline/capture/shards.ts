import { createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SCHEMA_VERSION, readArtifact, writeArtifact } from '../lib/artifact.ts';
import { UserError } from '../lib/errors.ts';
import { CaptureIndex } from '../lib/schemas/capture.ts';
import type { CaptureLayerInfo, CaptureReader, CapturedSentence, StepMeta } from './types.ts';

/**
 * Capture storage: one binary file per layer, appended sentence batch by sentence batch (so memory stays bounded
 * whatever the sample size), plus a step-meta file, a sentences file and `index.json` (schema in
 * pipeline/lib/schemas/capture.ts). Everything is written into a temporary directory that replaces the old
 * capture only when complete: a crash never leaves a half-written capture behind.
 */

export type Dtype = 'float32' | 'float16';
export const META_FIELDS = 5;

// ---- float16 (IEEE half) conversion; Node 20 has no Float16Array ----
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Round-to-nearest-even float32 → half bits. */
export function toHalf(x: number): number {
  f32[0] = x;
  const bits = u32[0];
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  let mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
  return sign | half;
}

export function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 0x1f) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

function encode(values: Float32Array, dtype: Dtype): Uint8Array {
  if (dtype === 'float32') return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = toHalf(values[i]);
  return new Uint8Array(out.buffer);
}

export function layerFileName(name: string, dtype: Dtype): string {
  return `${name}.${dtype === 'float32' ? 'f32' : 'f16'}`;
}

class HashedFile {
  readonly fd: number;
  readonly hash: Hash = createHash('sha256');
  bytes = 0;
  constructor(
    readonly dir: string,
    readonly file: string,
  ) {
    this.fd = openSync(join(dir, file), 'w');
  }
  write(data: Uint8Array): void {
    let off = 0;
    while (off < data.length) off += writeSync(this.fd, data, off, data.length - off);
    this.hash.update(data);
    this.bytes += data.length;
  }
  close(): { file: string; bytes: number; sha256: string } {
    fsyncSync(this.fd);
    closeSync(this.fd);
    return { file: this.file, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

export interface SentenceRecord extends Omit<CapturedSentence, 'start'> {
  /** Per step: input id, true output id, predicted id (same length as the sentence). */
  inputIds: Int32Array;
  targetIds: Int32Array;
  predIds: Int32Array;
}

export class CaptureWriter {
  private readonly tmp: string;
  private readonly layerFiles: HashedFile[];
  private readonly metaFile: HashedFile;
  private readonly sentenceFile: HashedFile;
  private steps = 0;
  private sentences = 0;
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly layers: CaptureLayerInfo[],
    private readonly dtype: Dtype,
    private readonly cell: 'lstm' | 'gru' | 'rnn',
    private readonly vocab: { input: string[]; output: string[] },
  ) {
    // A capture killed mid-way (no chance to abort) leaves its temporary directory: GBs. Captures of one run are
    // serialised by the pipeline lock, so any such leftover is dead and is removed here.
    const prefix = `.${basename(dir)}.tmp-`;
    mkdirSync(dirname(dir), { recursive: true });
    for (const name of readdirSync(dirname(dir))) if (name.startsWith(prefix)) rmSync(join(dirname(dir), name), { recursive: true, force: true });
    this.tmp = join(dirname(dir), `${prefix}${process.pid}-${randomBytes(4).toString('hex')}`);
    mkdirSync(this.tmp, { recursive: true });
    this.layerFiles = layers.map((l) => new HashedFile(this.tmp, layerFileName(l.name, dtype)));
    this.metaFile = new HashedFile(this.tmp, 'meta.i32');
    this.sentenceFile = new HashedFile(this.tmp, 'sentences.jsonl');
  }

  /** Append one sentence: its activations (one step-major array per layer, in `layers` order) and its meta. */
  append(s: SentenceRecord, activations: Float32Array[]): void {
    const T = s.inputIds.length;
    activations.forEach((a, i) => {
      if (a.length !== T * this.layers[i].size) throw new Error(`layer ${this.layers[i].name}: ${a.length} values for ${T} steps`);
      this.layerFiles[i].write(encode(a, this.dtype));
    });
    const meta = new Int32Array(T * META_FIELDS);
    for (let t = 0; t < T; t++) {
      const o = t * META_FIELDS;
      meta[o] = s.inputIds[t];
      meta[o + 1] = s.targetIds[t];
      meta[o + 2] = s.predIds[t];
      meta[o + 3] = this.sentences;
      meta[o + 4] = t;
    }
    this.metaFile.write(new Uint8Array(meta.buffer));
    const record: CapturedSentence = {
      id: s.id,
      split: s.split,
      input: s.input,
      output: s.output,
      predicted: s.predicted,
      start: this.steps,
    };
    this.sentenceFile.write(Buffer.from(JSON.stringify(record) + '\n', 'utf8'));
    this.steps += T;
    this.sentences++;
  }

  /** Close every file, write index.json and move the finished capture into place. Returns the index. */
  finish(): CaptureIndex {
    if (this.closed) throw new Error('capture already finished');
    this.closed = true;
    const index: Omit<CaptureIndex, 'schemaVersion'> = {
      dtype: this.dtype,
      steps: this.steps,
      sentences: this.sentences,
      cell: this.cell,
      layers: this.layers.map((l, i) => ({ name: l.name, size: l.size, ...this.layerFiles[i].close() })),
      meta: this.metaFile.close(),
      sentenceFile: this.sentenceFile.close(),
      vocab: this.vocab,
    };
    writeArtifact(join(this.tmp, 'index.json'), index);
    // Swap directories: the old capture stays whole until the new one is complete.
    const old = `${this.tmp}-old`;
    if (existsSync(this.dir)) renameSync(this.dir, old);
    renameSync(this.tmp, this.dir);
    rmSync(old, { recursive: true, force: true });
    return { schemaVersion: SCHEMA_VERSION, ...index };
  }

  /** Throw the partial capture away (after an error). */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    for (const f of [...this.layerFiles, this.metaFile, this.sentenceFile]) {
      try {
        closeSync(f.fd);
      } catch {
        /* already closed */
      }
    }
    rmSync(this.tmp, { recursive: true, force: true });
  }
}

type ShardEntry = { file: string; bytes: number; sha256: string };

function corrupt(path: string): UserError {
  return new UserError(path, 'capture shard does not match its hash in index.json (corrupted): rerun the capture stage (make report)');
}

/** The shard's size against the index, before reading a byte of it. */
function checkSize(dir: string, entry: ShardEntry, expected = entry.bytes): string {
  const path = join(dir, entry.file);
  if (!existsSync(path)) throw new UserError(path, 'capture shard is missing: rerun the capture stage');
  const size = statSync(path).size;
  if (size !== entry.bytes || size !== expected)
    throw new UserError(path, `capture shard has ${size} bytes, index.json says ${entry.bytes}: rerun the capture stage`);
  return path;
}

/** Read a small shard whole, checking its size and hash against the index. */
function checkedRead(dir: string, entry: ShardEntry): Buffer {
  const path = checkSize(dir, entry);
  const buf = readFileSync(path);
  if (createHash('sha256').update(buf).digest('hex') !== entry.sha256) throw corrupt(path);
  return buf;
}

/**
 * Read a whole shard into `target` (its exact size), checking the file's size against the index first and its
 * hash as the chunks stream in (no second pass over hundreds of MB): a corrupt shard is never handed on.
 */
function readInto(dir: string, entry: ShardEntry, target: Uint8Array): void {
  const path = checkSize(dir, entry, target.length);
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    let off = 0;
    while (off < target.length) {
      const got = readSync(fd, target, off, Math.min(target.length - off, 1 << 26), off);
      if (got === 0) throw new UserError(path, 'capture shard ended early');
      hash.update(target.subarray(off, off + got));
      off += got;
    }
  } finally {
    closeSync(fd);
  }
  if (hash.digest('hex') !== entry.sha256) throw corrupt(path);
}

/** Every binary/text shard a capture index names (the layers, meta, sentences), as paths. */
export function shardPaths(dir: string, index: Pick<CaptureIndex, 'layers' | 'meta' | 'sentenceFile'>): string[] {
  return [...index.layers, index.meta, index.sentenceFile].map((e) => join(dir, e.file));
}

/** Open a capture directory (`.cache/<run>/capture`). Meta and sentences are loaded now, layers on demand. */
export function openCapture(dir: string): CaptureReader & { index: CaptureIndex } {
  const index = readArtifact(join(dir, 'index.json'), CaptureIndex);
  const metaBuf = checkedRead(dir, index.meta);
  if (metaBuf.length !== index.steps * META_FIELDS * 4)
    throw new UserError(join(dir, index.meta.file), `holds ${metaBuf.length} bytes for ${index.steps} steps`);
  const raw = new Int32Array(metaBuf.buffer.slice(metaBuf.byteOffset, metaBuf.byteOffset + metaBuf.length));
  const n = index.steps;
  const meta: StepMeta = {
    inputId: new Int32Array(n),
    targetId: new Int32Array(n),
    predId: new Int32Array(n),
    sentence: new Int32Array(n),
    position: new Int32Array(n),
  };
  for (let s = 0; s < n; s++) {
    const o = s * META_FIELDS;
    meta.inputId[s] = raw[o];
    meta.targetId[s] = raw[o + 1];
    meta.predId[s] = raw[o + 2];
    meta.sentence[s] = raw[o + 3];
    meta.position[s] = raw[o + 4];
  }
  const sentences = checkedRead(dir, index.sentenceFile)
    .toString('utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as CapturedSentence);
  if (sentences.length !== index.sentences)
    throw new UserError(join(dir, index.sentenceFile.file), `holds ${sentences.length} sentences, index.json says ${index.sentences}`);
  const byName = new Map(index.layers.map((l) => [l.name, l]));
  return {
    index,
    steps: n,
    layers: index.layers.map((l) => ({ name: l.name, size: l.size })),
    sentences,
    vocab: index.vocab,
    meta,
    async loadLayer(name: string): Promise<Float32Array> {
      const entry = byName.get(name);
      if (!entry) throw new UserError(join(dir, 'index.json'), `no captured layer "${name}" (have ${[...byName.keys()].join(', ')})`);
      const count = n * entry.size;
      const bytesPerValue = index.dtype === 'float32' ? 4 : 2;
      if (entry.bytes !== count * bytesPerValue)
        throw new UserError(join(dir, entry.file), `index.json gives ${entry.bytes} bytes for ${n}×${entry.size} values`);
      if (index.dtype === 'float32') {
        // Read straight into the result: no second copy of a layer that may be hundreds of MB.
        const out = new Float32Array(count);
        readInto(dir, entry, new Uint8Array(out.buffer));
        return out;
      }
      const half = new Uint16Array(count);
      readInto(dir, entry, new Uint8Array(half.buffer));
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = fromHalf(half[i]);
      return out;
    },
  };
}
