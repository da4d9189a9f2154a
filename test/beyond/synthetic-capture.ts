/**
 * A synthetic CaptureReader with planted behaviour, built in memory: toy romanized sentences, and layers where
 * chosen units are known detectors (a saturated forget gate, a position-in-word cell, a Latin-word cell, state
 * units with fixed per-character increments).
 */
import type { CaptureReader, CapturedSentence, StepMeta } from '../../pipeline/capture/types.ts';
import { Rng } from '../../pipeline/lib/rng.ts';
import { sentenceFeatures } from '../../pipeline/beyond/text-features.ts';

const MAP: Record<string, string> = { a: 'ա', b: 'բ', c: 'ց', h: 'հ', s: 'ս', u: 'ու' };
const DIGRAPHS: Record<string, string> = { sh: 'շ', ch: 'չ' };

/** Toy romanized → aligned output units. Words starting with x are Latin tokens and stay as they are. */
export function toyAlign(input: string): string[] {
  const out: string[] = [];
  for (const word of input.split(/( )/)) {
    if (word === ' ' || word.startsWith('x')) {
      out.push(...word);
      continue;
    }
    for (let i = 0; i < word.length; i++) {
      const d = DIGRAPHS[word.slice(i, i + 2)];
      if (d) (out.push(d, '_'), i++);
      else out.push(MAP[word[i]]);
    }
  }
  return out;
}

export function toySentence(rng: Rng): string {
  const words = Array.from({ length: 2 + rng.int(5) }, () => {
    const w = Array.from({ length: 1 + rng.int(6) }, () => rng.pick(['a', 'b', 'c', 'h', 's', 's', 'h', 'u'])).join('');
    return rng.next() < 0.15 ? 'x' + w : w;
  });
  return words.join(' ');
}

export const INPUT_VOCAB = ['<pad>', '<unk>', ' ', 'a', 'b', 'c', 'h', 's', 'u', 'x'];
export const OUTPUT_VOCAB = ['<pad>', '_', ' ', 'ա', 'բ', 'ց', 'հ', 'ս', 'ու', 'շ', 'չ', 'a', 'b', 'c', 'h', 's', 'u', 'x'];
/** State units 0–2 of each direction move on GROUP_A characters, units 3–5 on the others. */
export const GROUP_A = new Set([' ', 'a', 'b', 'u']);
export const SIZE = 6;

export function syntheticCapture(sentenceCount: number, seed = 1): CaptureReader {
  const rng = new Rng(seed, 'synthetic-capture');
  const sentences: CapturedSentence[] = [];
  const rows: { s: number; p: number; input: string; target: string }[] = [];
  for (let s = 0; s < sentenceCount; s++) {
    const input = toySentence(rng);
    const units = toyAlign(input);
    sentences.push({ id: 100 + s, split: 'test', input, output: units.join(''), predicted: '', start: rows.length });
    [...input].forEach((c, p) => rows.push({ s, p, input: c, target: units[p] }));
  }
  const n = rows.length;
  const meta: StepMeta = {
    inputId: Int32Array.from(rows, (r) => INPUT_VOCAB.indexOf(r.input)),
    targetId: Int32Array.from(rows, (r) => OUTPUT_VOCAB.indexOf(r.target)),
    predId: new Int32Array(n),
    sentence: Int32Array.from(rows, (r) => r.s),
    position: Int32Array.from(rows, (r) => r.p),
  };
  // The "network" is wrong on every 10th step.
  meta.predId.set(meta.targetId);
  for (let t = 0; t < n; t += 10) meta.predId[t] = meta.targetId[t] === 3 ? 4 : 3;
  for (const sent of sentences) {
    const ids = meta.predId.subarray(sent.start, sent.start + [...sent.input].length);
    sent.predicted = Array.from(ids, (id) => OUTPUT_VOCAB[id]).join('');
  }
  const feats = sentences.map((s) => sentenceFeatures(s.input, s.output));

  const layerNames = ['i', 'f', 'o', 'g', 'c', 'h'].flatMap((g) => [`fwd.${g}`, `bwd.${g}`]);
  const build = (name: string): Float32Array => {
    const r = new Rng(seed, name);
    const v = new Float32Array(n * SIZE);
    const [dir, g] = name.split('.');
    if (g === 'h') {
      // Accumulators with fixed increments: Δ = +1 (units 0–2) on group A characters, −1 (units 3–5) on the others.
      const order = dir === 'fwd' ? [...Array(n).keys()] : [...Array(n).keys()].reverse();
      for (const t of order) {
        const prev = dir === 'fwd' ? t - 1 : t + 1;
        const continues = prev >= 0 && prev < n && meta.sentence[prev] === meta.sentence[t];
        const a = GROUP_A.has(rows[t].input);
        for (let u = 0; u < SIZE; u++) {
          const inc = u < 3 ? (a ? 1 : 0) : a ? 0 : -1;
          v[t * SIZE + u] = (continues ? v[prev * SIZE + u] : 0) + inc + 0.01 * r.normal();
        }
      }
      return v;
    }
    for (let t = 0; t < n; t++)
      for (let u = 0; u < SIZE; u++) {
        const f = feats[rows[t].s];
        const p = rows[t].p;
        let x = r.next();
        if (name === 'fwd.f' && u === 0) x = 0.95 + 0.04 * r.next(); // a long memory
        if (name === 'bwd.i' && u === 1) x = 0.05 * r.next(); // always closed
        if (name === 'fwd.c' && u === 2) x = (Number.isNaN(f.positionInWord[p]) ? 0 : f.positionInWord[p]) + 0.1 * r.normal();
        if (name === 'bwd.c' && u === 4) x = -2 * (Number.isNaN(f.latinWord[p]) ? 0 : f.latinWord[p]) + 0.2 * r.normal();
        v[t * SIZE + u] = x;
      }
    return v;
  };
  return {
    steps: n,
    layers: layerNames.map((name) => ({ name, size: SIZE })),
    sentences,
    vocab: { input: INPUT_VOCAB, output: OUTPUT_VOCAB },
    meta,
    loadLayer: async (name) => build(name),
  };
}
