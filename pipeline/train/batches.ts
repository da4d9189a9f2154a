import type { Batch } from './model-api.ts';
import { PLACEHOLDER, type AlignedPair, type Codec } from './data.ts';
import { Rng } from '../lib/rng.ts';

/**
 * Training windows without wasted padding. The aligned sentences of a split are concatenated (joined by a space,
 * which transliterates to itself) into one long stream and cut into windows of exactly `seqLen` steps, so every
 * step of every batch is real text.
 *
 * A window never starts inside a letter: a cut must fall where the output is not a placeholder (the `_` after
 * `չ` for "ch"), otherwise the next window would have to predict a placeholder whose letter it never saw. When the
 * ideal cut (start + seqLen) falls inside a letter, the next window starts a little earlier, at the letter, and the
 * overlapping tail of the previous window is masked out of the loss: each step is scored exactly once, and always
 * with its whole letter in view.
 */

export interface Stream {
  inputs: Int32Array;
  targets: Int32Array;
  /** 1 where a window may start (not inside a letter). */
  boundary: Uint8Array;
}

/** Encode the concatenated split. Output characters unknown to the vocabulary get target 0 and are masked. */
export function buildStream(pairs: readonly AlignedPair[], codec: Codec): Stream {
  const ins: number[] = [];
  const outs: number[] = [];
  const bound: number[] = [];
  const space = ' ';
  pairs.forEach((p, k) => {
    const a = p.input;
    const b = p.output;
    if (k > 0) {
      ins.push(codec.inputId.get(space) ?? 1);
      outs.push(codec.outputId.get(space) ?? 0);
      bound.push(1);
    }
    for (let i = 0; i < a.length; i++) {
      ins.push(codec.inputId.get(a[i]) ?? 1);
      outs.push(codec.outputId.get(b[i]) ?? 0);
      bound.push(b[i] === PLACEHOLDER && a[i] !== PLACEHOLDER ? 0 : 1);
    }
  });
  return { inputs: Int32Array.from(ins), targets: Int32Array.from(outs), boundary: Uint8Array.from(bound) };
}

export interface Window {
  start: number;
  /** Steps [from, to) of the window count in the loss; the rest is scored by a neighbouring window. */
  from: number;
  to: number;
}

/** Cut the stream into windows of exactly seqLen steps (a stream shorter than that gives one short window). */
export function cutWindows(stream: Stream, seqLen: number): Window[] {
  const n = stream.inputs.length;
  if (n === 0) return [];
  if (n <= seqLen) return [{ start: 0, from: 0, to: n }];
  const out: Window[] = [];
  let start = 0;
  while (start < n) {
    if (start + seqLen >= n) {
      // The last window is moved back to end at the stream's end, so it stays seqLen long; the steps before
      // `start` are context only (already scored by the previous window).
      const s = n - seqLen;
      out.push({ start: s, from: start - s, to: seqLen });
      break;
    }
    let next = start + seqLen;
    while (next > start + 1 && !stream.boundary[next]) next--;
    if (!stream.boundary[next]) next = start + seqLen; // one letter longer than a window: cut it anyway
    out.push({ start, from: 0, to: next - start });
    start = next;
  }
  return out;
}

/** Assemble a batch from windows of one stream. */
export function makeBatch(stream: Stream, windows: readonly Window[], seqLen: number): Batch {
  const time = Math.min(seqLen, stream.inputs.length);
  const batch = windows.length;
  const inputs = new Int32Array(batch * time);
  const targets = new Int32Array(batch * time);
  const mask = new Float32Array(batch * time);
  windows.forEach((w, b) => {
    const { from, to } = w;
    inputs.set(stream.inputs.subarray(w.start, w.start + time), b * time);
    targets.set(stream.targets.subarray(w.start, w.start + time), b * time);
    for (let t = from; t < to; t++) if (stream.targets[w.start + t] !== 0) mask[b * time + t] = 1;
  });
  return { inputs, targets, mask, batch, time };
}

/** Number of scored steps (characters) in a batch. */
export function maskedCount(b: Batch): number {
  let n = 0;
  for (let i = 0; i < b.mask.length; i++) n += b.mask[i];
  return n;
}

/** The seeded permutation of all windows for one pass over the data. */
function passOrder(windowCount: number, seed: number, pass: number): number[] {
  const order = Array.from({ length: windowCount }, (_, i) => i);
  return new Rng(seed, `train/epoch/${pass}`).shuffle(order);
}

/**
 * The window order of one epoch, depending only on (seed, epoch), so a resumed run replays exactly the batches the
 * killed one would have seen. An epoch is one pass over a seeded permutation of the windows; with `maxChars` > 0
 * it is the next ⌈maxChars/seqLen⌉ windows of the concatenated passes instead, so short epochs still cover every
 * window once before any window comes back.
 */
export function epochOrder(windowCount: number, seed: number, epoch: number, seqLen: number, maxChars: number): number[] {
  const per = maxChars > 0 ? Math.max(1, Math.ceil(maxChars / seqLen)) : windowCount;
  if (per >= windowCount) return passOrder(windowCount, seed, epoch);
  const out: number[] = [];
  let g = epoch * per;
  while (out.length < per) {
    const pass = Math.floor(g / windowCount);
    const from = g % windowCount;
    const take = Math.min(per - out.length, windowCount - from);
    out.push(...passOrder(windowCount, seed, pass).slice(from, from + take));
    g += take;
  }
  return out;
}

/** Split an order into batches of batchSize window indices (the last one may be smaller). */
export function batchesOf(order: readonly number[], batchSize: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) out.push(order.slice(i, i + batchSize));
  return out;
}

/** A fixed, seeded subset of windows (validation, train-accuracy probe), in a stable order. */
export function fixedSubset(windowCount: number, seed: number, label: string, n: number): number[] {
  const order = Array.from({ length: windowCount }, (_, i) => i);
  new Rng(seed, label).shuffle(order);
  return order.slice(0, Math.min(n, windowCount)).sort((a, b) => a - b);
}
