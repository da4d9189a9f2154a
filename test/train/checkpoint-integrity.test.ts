import { closeSync, mkdtempSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointStore, type LoopPosition } from '../../pipeline/train/checkpoint.ts';
import type { ModelState } from '../../pipeline/train/model-api.ts';

const position: LoopPosition = {
  epoch: 0, batch: 3, lossSum: 1.5, lossCount: 3, chars: 90, epochSeconds: 1, elapsedSeconds: 1, sessions: 1, log: [],
  bestEpoch: null, bestValLoss: null, badEpochs: 0, finished: false, stopReason: null,
};
const state = (v: number): ModelState => ({
  step: 3,
  weights: { w: { shape: [40, 10], data: new Float32Array(400).fill(v) } },
  optimizer: { m: { shape: [400], data: new Float32Array(400).fill(v / 2) } },
});

describe('training checkpoints are verified', () => {
  it('a checkpoint whose state file was corrupted (size unchanged) is ignored, never resumed from', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ckpt-')), 'checkpoint');
    new CheckpointStore(dir).save({ key: 'k', position, current: state(0.25), best: null });
    expect(new CheckpointStore(dir).load('k')?.current.weights.w.data[5]).toBe(0.25);
    const bin = readdirSync(dir).find((f) => f.endsWith('.bin'))!;
    const fd = openSync(join(dir, bin), 'r+');
    writeSync(fd, new Uint8Array(400), 0, 400, 100);
    closeSync(fd);
    expect(new CheckpointStore(dir).load('k')).toBeNull();
  });

  it('a truncated checkpoint.json is ignored', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ckpt-')), 'checkpoint');
    const store = new CheckpointStore(dir);
    store.save({ key: 'k', position, current: state(1), best: null });
    writeFileSync(store.jsonPath, '{"version": 1, "key": "k", "posi');
    expect(new CheckpointStore(dir).load('k')).toBeNull();
  });
});
