import { describe, expect, it } from 'vitest';
import { planWindows, predictAligned, transliterate, type Predictor } from '../../pipeline/train/translit.ts';
import type { Vocab } from '../../pipeline/train/data.ts';
import { transliterateStream } from '../../pipeline/train/translit-stream.ts';

const vocab: Vocab = {
  input: ['<pad>', '<unk>', ' ', 'a', 'b', 'c', 'h', 'u'],
  output: ['<pad>', '_', ' ', 'ա', 'բ', 'չ', 'հ', 'ու'],
};

/**
 * A stand-in model that needs context on both sides: "c" followed by "h" → չ and the "h" → placeholder; a lone
 * "c" gives <pad> (copied from input). It records the window lengths it is asked for.
 */
function fakeModel(calls: number[]): Predictor {
  const out = (c: string) => ({ ' ': 2, a: 3, b: 4, h: 6, u: 7 })[c] ?? 0;
  return {
    async predictIds(inputs, batch, time) {
      calls.push(time);
      const res = new Int32Array(batch * time);
      for (let b = 0; b < batch; b++)
        for (let t = 0; t < time; t++) {
          const c = vocab.input[inputs[b * time + t]];
          const prev = t > 0 ? vocab.input[inputs[b * time + t - 1]] : '';
          const next = t + 1 < time ? vocab.input[inputs[b * time + t + 1]] : '';
          res[b * time + t] = c === 'c' && next === 'h' ? 5 : c === 'h' && prev === 'c' ? 1 : out(c);
        }
      return res;
    },
  };
}

describe('transliteration windows', () => {
  it('plans windows that keep every position exactly once, with context inside', () => {
    for (const n of [0, 1, 5, 39, 40, 80, 81, 121, 400, 1003])
      for (const [w, m] of [
        [80, 20],
        [40, 10],
        [7, 3],
      ]) {
        const ps = planWindows(n, w, m);
        const kept = new Uint8Array(n);
        for (const p of ps) {
          expect(p.length).toBeLessThanOrEqual(w);
          expect(p.start + p.length).toBeLessThanOrEqual(n);
          for (let i = p.keepFrom; i < p.keepTo; i++) kept[i]++;
          // Inner edges have `m` steps of context.
          if (p.keepFrom > 0) expect(p.keepFrom - p.start).toBeGreaterThanOrEqual(m);
          if (p.keepTo < n) expect(p.start + p.length - p.keepTo).toBeGreaterThanOrEqual(m);
        }
        expect([...kept].every((k) => k === 1)).toBe(true);
      }
  });

  it('transliterates a line longer than 3·seqLen with one output per input unit and no placeholder', async () => {
    const seqLen = 10;
    const unit = 'chabu ';
    const line = unit.repeat(12); // 72 characters > 3·seqLen
    const calls: number[] = [];
    const model = fakeModel(calls);
    const [aligned] = await predictAligned([line], model, vocab, { seqLen });
    expect(aligned.length).toBe(Array.from(line).length);
    const [out] = await transliterate([line], model, vocab, { seqLen });
    expect(out).toBe('չաբու '.repeat(12));
    expect(out).not.toContain('_');
    expect(Math.max(...calls)).toBe(2 * seqLen);
    // A "ch" that straddles a window edge still sees its "h": every window boundary has context.
    const shifted = 'a' + line;
    const [out2] = await transliterate([shifted], model, vocab, { seqLen });
    expect(out2).toBe('ա' + 'չաբու '.repeat(12));
  });

  it('copies unknown characters, keeps empty lines and batches lines of mixed lengths', async () => {
    const model = fakeModel([]);
    const lines = ['', 'ab', 'ch 42!', 'Q', 'abu'.repeat(20)];
    const out = await transliterate(lines, model, vocab, { seqLen: 8, batchSteps: 6 });
    expect(out).toEqual(['', 'աբ', 'չ 42!', 'Q', 'աբու'.repeat(20)]);
  });

  it("runs every window at its exact length (never padded), and a line's output never depends on the other lines", async () => {
    const calls: number[] = [];
    const model = fakeModel(calls);
    const lines = ['chab', 'abuch a', 'b', 'cha'.repeat(9), 'ab c', 'bach'];
    const together = await transliterate(lines, model, vocab, { seqLen: 10, batchSteps: 9 });
    // Window lengths: 4, 7, 1, 20 (27 > 2·seqLen: windows of 20 and 20), 4, 4 — each batch one exact length.
    expect([...new Set(calls)].sort((a, b) => a - b)).toEqual([1, 4, 7, 20]);
    for (const [i, l] of lines.entries()) expect(await transliterate([l], model, vocab, { seqLen: 10 })).toEqual([together[i]]);
    expect(together).toEqual(['չաբ', 'աբուչ ա', 'բ', 'չա'.repeat(9), 'աբ c', 'բաչ']);
  });

  it('a model that reads what follows a word sees the same thing in a batch as alone (the vochxar bug)', async () => {
    // Stand-in for the backward direction: the last character's output depends on whether anything follows it.
    const tailModel: Predictor = {
      async predictIds(inputs, batch, time) {
        const res = new Int32Array(batch * time);
        for (let b = 0; b < batch; b++)
          for (let t = 0; t < time; t++) res[b * time + t] = t === time - 1 ? 3 : 4;
        return res;
      },
    };
    const lines = ['abc', 'abcab', 'a', ''];
    const out = await transliterate(lines, tailModel, vocab, { seqLen: 40 });
    expect(out).toEqual(['բբա', 'բբբբա', 'ա', '']);
  });

  it('gives one output line per input line for many lines, a long line and empty lines', async () => {
    const model = fakeModel([]);
    const lines = ['', ...Array.from({ length: 300 }, (_, i) => 'ab '.repeat(i % 7)), 'chabu '.repeat(500), '', ''];
    const out = await transliterate(lines, model, vocab, { seqLen: 10, batchSteps: 64 });
    expect(out.length).toBe(lines.length);
    out.forEach((o, i) => expect(Array.from(o).length).toBeLessThanOrEqual(Array.from(lines[i]).length));
    expect(out[301]).toBe('չաբու '.repeat(500));
    expect(await transliterate([], model, vocab, { seqLen: 10 })).toEqual([]);
  });

  it('streams a file in chunks of whole lines: one output line per input line, endings kept, empty stays empty', async () => {
    const model = { predictor: fakeModel([]), vocab, seqLen: 10 };
    const run = async (text: string, chunkChars: number, pieces = 7) => {
      let out = '';
      // Fed in odd-sized pieces, to split lines (and a 2-byte character) across reads.
      const bytes = Buffer.from(text, 'utf8');
      const parts = Array.from({ length: Math.ceil(bytes.length / pieces) }, (_, i) => bytes.subarray(i * pieces, (i + 1) * pieces));
      await transliterateStream(parts, (t) => void (out += t), model, chunkChars);
      return out;
    };
    expect(await run('', 4)).toBe('');
    expect(await run('\n', 4)).toBe('\n');
    expect(await run('\n\n\n', 4)).toBe('\n\n\n');
    expect(await run('ab\r\nch', 4)).toBe('աբ\r\nչ');
    const many = Array.from({ length: 500 }, (_, i) => 'abu ch '.repeat(i % 5)).join('\n') + '\n' + 'chabu '.repeat(400) + '\nb';
    const out = await run(many, 64, 13);
    expect(out.split('\n').length).toBe(many.split('\n').length);
    expect(out).toBe(await run(many, 1 << 20, 1000));
    expect(out.endsWith('\nբ')).toBe(true);
  });
});
