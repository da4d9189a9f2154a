import { Rng } from '../lib/rng.ts';

/**
 * Which held-out sentences the capture runs, and how an aligned TSV line becomes vocabulary ids.
 * Pure functions: the stage reads the files and hands the lines over.
 */

export type Split = 'train' | 'val' | 'test';

export interface AlignedLine {
  split: Split;
  /** Line index within its split's TSV (the sentence id). */
  line: number;
  input: string;
  output: string;
}

/** Parse one split's TSV text (`input<TAB>output` per line). Returns the lines or a problem description. */
export function parseAlignedTsv(text: string, split: Split): AlignedLine[] | { problem: string } {
  const out: AlignedLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].replace(/\r$/, '');
    if (l.length === 0) continue;
    const tab = l.indexOf('\t');
    if (tab < 0 || l.indexOf('\t', tab + 1) >= 0) return { problem: `line ${i + 1} is not "input<TAB>output"` };
    out.push({ split, line: i, input: l.slice(0, tab), output: l.slice(tab + 1) });
  }
  return out;
}

/**
 * Choose `count` sentences deterministically: all of them when there are fewer, otherwise a seeded random subset
 * (so the sample is not biased toward the start of a split), returned in split order then line order.
 */
export function chooseSentences(lines: AlignedLine[], count: number, seed: number, splitOrder: Split[]): AlignedLine[] {
  let picked = lines;
  if (lines.length > count) {
    const idx = new Rng(seed, 'capture.sample').shuffle(lines.map((_, i) => i)).slice(0, count);
    picked = idx.map((i) => lines[i]);
  }
  return [...picked].sort((a, b) => splitOrder.indexOf(a.split) - splitOrder.indexOf(b.split) || a.line - b.line);
}

const DIGRAPH = /^[Ոո][Ււ]$/u;

/**
 * Split an aligned output into exactly `n` units: code points, except that the digraph ու (any casing) may be one
 * unit (the align stage's output vocabulary holds it). Prefers digraphs where both splits fit. Null if impossible.
 */
export function outputUnits(output: string, n: number): string[] | null {
  const cps = [...output];
  if (cps.length === n) {
    // Most lines: no digraph unit in this line.
    const hasDigraph = cps.some((c, i) => i + 1 < cps.length && DIGRAPH.test(c + cps[i + 1]));
    if (!hasDigraph) return cps;
  }
  // Units still to make from position i, with memo of dead ends; digraph first.
  const dead = new Set<string>();
  const units: string[] = [];
  const go = (i: number, left: number): boolean => {
    if (i === cps.length) return left === 0;
    if (left <= 0 || cps.length - i < left || dead.has(`${i},${left}`)) return false;
    if (i + 1 < cps.length && DIGRAPH.test(cps[i] + cps[i + 1])) {
      units.push(cps[i] + cps[i + 1]);
      if (go(i + 2, left - 1)) return true;
      units.pop();
    }
    units.push(cps[i]);
    if (go(i + 1, left - 1)) return true;
    units.pop();
    dead.add(`${i},${left}`);
    return false;
  };
  return go(0, n) ? units : null;
}

export interface EncodedLine {
  inputIds: Int32Array;
  targetIds: Int32Array;
  inputChars: string[];
  outputUnits: string[];
}

/**
 * Vocabulary ids of one aligned line. An input character outside the vocabulary is `<unk>` (1); an output unit
 * outside the output vocabulary gets id 0 (`<pad>`), which no prediction can match.
 */
export function encodeLine(
  line: AlignedLine,
  inputIndex: Map<string, number>,
  outputIndex: Map<string, number>,
): EncodedLine | null {
  const inputChars = [...line.input];
  const units = outputUnits(line.output, inputChars.length);
  if (!units) return null;
  return {
    inputIds: Int32Array.from(inputChars, (c) => inputIndex.get(c) ?? 1),
    targetIds: Int32Array.from(units, (u) => outputIndex.get(u) ?? 0),
    inputChars,
    outputUnits: units,
  };
}

/**
 * The model's aligned output as text: the predicted unit, except that an unknown input character is copied
 * (docs/CONTRACTS.md), and so is the input character where the model predicts `<pad>` (as pipeline/train/translit.ts).
 */
export function predictedUnits(enc: EncodedLine, predIds: Int32Array, outputVocab: string[]): string[] {
  return Array.from(predIds, (id, t) => {
    if (enc.inputIds[t] === 1) return enc.inputChars[t];
    return id <= 0 || id >= outputVocab.length ? enc.inputChars[t] : outputVocab[id];
  });
}
