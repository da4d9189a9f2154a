import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { openCapture } from '../../pipeline/capture/reader.ts';
import { stage as captureStage } from '../../pipeline/capture/stage.ts';
import { writeJsonAtomic } from '../../pipeline/lib/atomic.ts';
import { executeStage, makeContext } from '../../pipeline/lib/stage.ts';
import { stage as statsStage } from '../../pipeline/stats/stage.ts';
import { saveModel } from '../../pipeline/train/layers-io.ts';
import { buildModel } from './tfjs-fixture.ts';

/**
 * A capture shard corrupted in .cache/ (400 bytes zeroed, size unchanged) is never read as data: the capture stage
 * counts as stale and re-captures, and a reader that meets it (a stats run forced on its own) stops naming the file.
 */
const root = mkdtempSync(join(tmpdir(), 'shard-integrity-'));
symlinkSync(fileURLToPath(new URL('../../pipeline', import.meta.url)), join(root, 'pipeline'), 'dir');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const vocab = { input: ['<pad>', '<unk>', ' ', 'a', 'b'], output: ['<pad>', '_', ' ', 'ա', 'բ'] };
const line = (i: number) => {
  const a = Array.from({ length: 20 + (i % 7) }, (_, t) => ' ab'[(i * 7 + t * 3) % 3]).join('');
  return `${a}\t${a.replaceAll('a', 'ա').replaceAll('b', 'բ')}`;
};

/** Overwrite `n` bytes at `offset` with zeros, keeping the file's size (what a bad sector or a bad copy does). */
function zeroBytes(path: string, offset: number, n: number): void {
  const before = readFileSync(path);
  expect(before.subarray(offset, offset + n).some((b) => b !== 0)).toBe(true);
  const fd = openSync(path, 'r+');
  writeSync(fd, new Uint8Array(n), 0, n, offset);
  closeSync(fd);
}

describe('capture shards are verified', () => {
  it('a zeroed shard is re-captured, and a reader that meets it stops naming the file', async () => {
    await tf.setBackend('cpu');
    writeFileSync(
      join(root, 'cfg.json'),
      JSON.stringify({
        run: 'shards',
        seed: 3,
        corpus: { sources: [{ kind: 'embedded' }] },
        model: { cell: 'lstm', units: 6, hidden: 5 },
        capture: { sentences: 40, splits: ['test'], dtype: 'float32' },
        stats: { bins: 20, minCount: 5, topNeurons: 2, bootstrap: 2, patterns: [{ name: 'ab', output: 'աբ' }] },
      }),
    );
    const ctx = makeContext(join(root, 'cfg.json'), root);
    mkdirSync(join(ctx.cache, 'align'), { recursive: true });
    writeFileSync(join(ctx.cache, 'align', 'test.tsv'), Array.from({ length: 40 }, (_, i) => line(i)).join('\n') + '\n');
    writeJsonAtomic(join(ctx.artifacts, 'align', 'vocab.json'), { schemaVersion: 1, ...vocab });
    const model = buildModel({ cell: 'lstm', inputSize: 5, units: 6, hidden: 5, outputSize: 5, seed: 2 });
    await saveModel(model, join(ctx.artifacts, 'model'), { vocab, seqLen: 8, cell: 'lstm' });
    model.dispose();

    expect((await executeStage(ctx, captureStage)).ran).toBe(true);
    const shard = join(ctx.cache, 'capture', 'fwd.c.f32');
    const good = readFileSync(shard);
    expect(good.length).toBeGreaterThan(2000);

    // The next run: not "cached" but re-captured, and the shard is whole again.
    zeroBytes(shard, 1000, 400);
    const again = await executeStage(ctx, captureStage);
    expect(again).toEqual({ ran: true, reason: 'output .cache/shards/capture/fwd.c.f32 was modified or corrupted' });
    expect(readFileSync(shard).equals(good)).toBe(true);
    expect((await executeStage(ctx, captureStage)).ran).toBe(false);

    // A reader never hands corrupt activations on: the layer read (hashed as it streams) fails naming the file…
    zeroBytes(shard, 1000, 400);
    const reader = openCapture(join(ctx.cache, 'capture'));
    await expect(reader.loadLayer('fwd.c')).rejects.toThrow(`${shard}: capture shard does not match its hash in index.json (corrupted)`);
    await expect(reader.loadLayer('fwd.h')).resolves.toBeInstanceOf(Float32Array);
    // …so stats forced on its own (FORCE=stats without the capture check) stops instead of writing claims from it.
    await expect(executeStage(ctx, statsStage, { force: true })).rejects.toThrow(/fwd\.c\.f32: capture shard does not match its hash/);

    // The step meta and the sentences are checked when the capture is opened.
    writeFileSync(shard, good);
    zeroBytes(join(ctx.cache, 'capture', 'meta.i32'), 40, 400);
    expect(() => openCapture(join(ctx.cache, 'capture'))).toThrow(/meta\.i32: capture shard does not match its hash/);
  });
});
