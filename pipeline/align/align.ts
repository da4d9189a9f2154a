import { PLACEHOLDER, splitOutputUnits, type Aligned } from './tsv.ts';

/**
 * Alignment of a romanized sentence with its Armenian original, one output symbol per input character, so that a
 * bidirectional RNN can emit one symbol per step:
 *
 *   input   d z i   u   b a r e v     (code points of the Latin text)
 *   output  ձ _ ի   ու  բ ա ր և _
 *
 * Each Armenian unit is aligned with the first code point of the Latin it became; the remaining code points of a
 * multi-letter romanization get the placeholder `_`. Output symbols are *units*: a code point, or the digraph ու
 * (Latin "u" is one step whose output is the two letters ու). Because ո followed by ւ is always one unit — the
 * romanizer splits text the same way — the output string splits back into units without separators
 * (`splitOutputUnits`), and `unalign` (drop `_`, join) gives back the Armenian exactly. The file format is tsv.ts.
 */

/** Align one sentence from its segmentation: pairs [Armenian unit, the Latin it became]. */
export function alignPair(segments: readonly (readonly [string, string])[]): Aligned {
  const input: string[] = [];
  const output: string[] = [];
  for (const [hy, latin] of segments) {
    const cps = Array.from(latin);
    if (cps.length === 0) throw new Error(`alignPair: unit ${JSON.stringify(hy)} has an empty romanization`);
    input.push(...cps);
    // Even a digraph that passed through unchanged stays one unit ("ու" → ու _): splitting the joined output
    // must give back these very units.
    output.push(hy);
    for (let i = 1; i < cps.length; i++) output.push(PLACEHOLDER);
  }
  return { input, output };
}

/** The Armenian text of an aligned output: drop the placeholders and join the units. */
export function unalign(output: string | readonly string[]): string {
  const units = typeof output === 'string' ? splitOutputUnits(output) : output;
  return units.filter((u) => u !== PLACEHOLDER).join('');
}

/** Why a sentence cannot be written as one TSV line, or null. */
export function unrepresentable(hy: string, latin: string): string | null {
  if (hy.includes(PLACEHOLDER) || latin.includes(PLACEHOLDER)) return 'contains the placeholder "_"';
  if (/[\t\n\r]/.test(hy) || /[\t\n\r]/.test(latin)) return 'contains a tab or a line break';
  return null;
}
