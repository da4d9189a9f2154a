import { readFileSync } from 'node:fs';
import { UserError } from '../lib/errors.ts';
import { splitUnits } from '../romanize/romanize.ts';

/**
 * The aligned-TSV format (`.cache/<run>/align/<split>.tsv`, docs/CONTRACTS.md), written by the align stage and read
 * by train, capture and beyond: the one place that says what a valid line is.
 *
 *   one line per sentence: `input<TAB>output`, a single final newline, nothing else (no CR, no blank lines);
 *   input  = the Latin text, one symbol per code point;
 *   output = as many units as input code points, joined without separators: a unit is a code point, or the digraph
 *            ու in any casing (always one unit, as the romanizer splits Armenian), or the placeholder `_`.
 *
 * A sentence's id is its 0-based line index in its split's file.
 */

export const PLACEHOLDER = '_';

/** One aligned sentence, as symbols: input code points and as many output units. */
export interface Aligned {
  input: string[];
  output: string[];
}

/** An aligned sentence read from a file, with its line index (the sentence id). */
export interface AlignedRow extends Aligned {
  line: number;
}

/** Split an aligned output string into its units (the inverse of `output.join('')`). */
export function splitOutputUnits(output: string): string[] {
  return splitUnits(output);
}

/** The units of an aligned output that should hold `n` of them, or null if it does not. */
export function outputUnits(output: string, n: number): string[] | null {
  const units = splitOutputUnits(output);
  return units.length === n ? units : null;
}

/** `input<TAB>output`: both strings are the symbols joined; input code points = output units. */
export function toTsvLine(a: Aligned): string {
  return `${a.input.join('')}\t${a.output.join('')}`;
}

/** A whole split's file: one line per sentence, each ending in a newline. */
export function formatAlignedTsv(rows: readonly Aligned[]): string {
  return rows.map((a) => toTsvLine(a) + '\n').join('');
}

/** Parse one TSV line back into symbols; null if it is not a valid aligned pair. */
export function parseTsvLine(line: string): Aligned | null {
  const tab = line.indexOf('\t');
  if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) return null;
  const input = Array.from(line.slice(0, tab));
  const output = outputUnits(line.slice(tab + 1), input.length);
  return output ? { input, output } : null;
}

/**
 * Parse a split's file. Every line must be a valid aligned pair (a malformed one is an error naming `file:line`);
 * a pair with no symbols holds no step and is left out.
 */
export function parseAlignedTsv(text: string, file: string): AlignedRow[] {
  const rows: AlignedRow[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const pair = parseTsvLine(lines[i]);
    if (!pair)
      throw new UserError(`${file}:${i + 1}`, 'not an aligned pair: expected input<TAB>output with one output unit per input character');
    if (pair.input.length > 0) rows.push({ line: i, ...pair });
  }
  return rows;
}

/** Read and parse a split's file; a missing file says which stage makes it. */
export function readAlignedTsv(file: string): AlignedRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(file, code === 'ENOENT' ? 'missing: run the align stage first' : `cannot read (${code ?? err})`);
  }
  return parseAlignedTsv(text, file);
}
