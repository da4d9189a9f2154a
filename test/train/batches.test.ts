import { describe, expect, it } from 'vitest';
import { batchesOf, buildStream, cutWindows, epochOrder, fixedSubset, makeBatch } from '../../pipeline/train/batches.ts';
import { makeCodec, PLACEHOLDER } from '../../pipeline/train/data.ts';
import { alignPair } from '../../pipeline/align/align.ts';
import { VocabBuilder } from '../../pipeline/align/vocab.ts';

function corpus() {
  // "ch" → չ_, "sh" → շ_, "u" → ու: letters with placeholders and a digraph unit.
  const seg = (s: string) =>
    s.split(' ').flatMap((w, i) => [
      ...(i ? [[' ', ' '] as const] : []),
      ...w.split('|').map((u) => u.split(':') as unknown as readonly [string, string]),
    ]);
  const sents = [
    'չ:ch|ու:u|շ:sh ա:a|ր:r|ու:u',
    'բ:b|ա:a|ր:r|և:ev ձ:dz|ե:e|զ:z',
    'շ:sh|ն:n|ո:o|ր:r|հ:h|ա:a|կ:k|ա:a|լ:l|ու:u|թ:t|յ:y|ու:u|ն:n',
  ];
  const pairs = Array.from({ length: 30 }, (_, i) => alignPair(seg(sents[i % 3])));
  const vb = new VocabBuilder();
  for (const p of pairs) vb.add(p.input, p.output);
  return { pairs, codec: makeCodec(vb.build()) };
}

describe('training windows', () => {
  const { pairs, codec } = corpus();
  const stream = buildStream(pairs, codec);
  const phId = codec.outputId.get(PLACEHOLDER)!;

  it('concatenates sentences with a space that maps to itself', () => {
    const n = pairs.reduce((s, p) => s + p.input.length, 0) + pairs.length - 1;
    expect(stream.inputs.length).toBe(n);
    const sp = pairs[0].input.length;
    expect(codec.vocab.input[stream.inputs[sp]]).toBe(' ');
    expect(codec.vocab.output[stream.targets[sp]]).toBe(' ');
  });

  for (const seqLen of [5, 7, 16, 40]) {
    it(`cuts windows of exactly ${seqLen} steps, scoring every step once and never starting inside a letter`, () => {
      const ws = cutWindows(stream, seqLen);
      const scored = new Uint8Array(stream.inputs.length);
      for (const w of ws) {
        expect(w.start).toBeGreaterThanOrEqual(0);
        expect(w.start + seqLen).toBeLessThanOrEqual(stream.inputs.length);
        for (let t = w.from; t < w.to; t++) scored[w.start + t]++;
        // The first scored step of a window is never a placeholder (its letter is in view).
        expect(stream.targets[w.start + w.from]).not.toBe(phId);
      }
      expect([...scored].every((c) => c === 1)).toBe(true);
      const b = makeBatch(stream, ws, seqLen);
      expect(b.time).toBe(seqLen);
      expect(b.inputs.length).toBe(ws.length * seqLen);
      expect(b.mask.reduce((a, x) => a + x, 0)).toBe(stream.inputs.length);
    });
  }

  it('masks the tail of a window whose cut fell inside a letter, and no window starts on a placeholder', () => {
    const ws = cutWindows(stream, 6);
    for (const w of ws.slice(0, -1)) expect(stream.targets[w.start]).not.toBe(phId);
    expect(ws.some((w) => w.to < 6)).toBe(true);
  });

  it('shuffles deterministically per (seed, epoch) and limits characters per epoch', () => {
    const a = epochOrder(100, 3, 0, 10, 0);
    expect(epochOrder(100, 3, 0, 10, 0)).toEqual(a);
    expect(epochOrder(100, 3, 1, 10, 0)).not.toEqual(a);
    expect(epochOrder(100, 4, 0, 10, 0)).not.toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    // Short epochs walk through the passes: 4 epochs of 25 windows cover all 100 once, then pass 2 begins.
    const short = [0, 1, 2, 3].flatMap((e) => epochOrder(100, 3, e, 10, 250));
    expect(short).toEqual(a);
    expect(epochOrder(100, 3, 4, 10, 250)).toEqual(epochOrder(100, 3, 1, 10, 0).slice(0, 25));
    const straddle = epochOrder(100, 3, 2, 10, 400); // windows 80..119 of the passes
    expect(straddle).toEqual([...a.slice(80), ...epochOrder(100, 3, 1, 10, 0).slice(0, 20)]);
    const bs = batchesOf(a, 32);
    expect(bs.map((b) => b.length)).toEqual([32, 32, 32, 4]);
    expect(fixedSubset(100, 3, 'v', 10)).toEqual(fixedSubset(100, 3, 'v', 10));
    expect(fixedSubset(5, 3, 'v', 10)).toEqual([0, 1, 2, 3, 4]);
  });

  it('gives one short window for a stream shorter than seqLen', () => {
    const short = buildStream(pairs.slice(0, 1), codec);
    expect(cutWindows(short, 100)).toEqual([{ start: 0, from: 0, to: short.inputs.length }]);
  });
});
