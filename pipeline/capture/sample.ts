import { outputUnits, type AlignedRow } from '../align/tsv.ts';
import { Rng } from '../lib/rng.ts';

/**
 * Which held-out sentences the capture runs, and how an aligned TSV line (align/tsv.ts) becomes vocabulary ids.
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

/** A split's parsed rows as the capture's sentences (input and output as text, as the capture stores them). */
export function alignedLines(rows: readonly AlignedRow[], split: Split): AlignedLine[] {
  return rows.map((r) => ({ split, line: r.line, input: r.input.join(''), output: r.output.join('') }));
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
