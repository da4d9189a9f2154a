import { z } from 'zod';
import { readJson } from '../lib/atomic.ts';
import { describeIssues, UserError } from '../lib/errors.ts';
import { PLACEHOLDER, splitOutputUnits, type Aligned } from '../align/tsv.ts';

/**
 * The align stage's outputs as the training loop sees them: aligned sentence pairs (equal length in code points,
 * `_` placeholders in the output) and the two vocabularies. See docs/CONTRACTS.md.
 */

export { PLACEHOLDER };
export const PAD = '<pad>';
export const UNK = '<unk>';

/** One aligned sentence, as symbols: input code points and as many output units (ու is one unit). */
export type AlignedPair = Aligned;

export interface Vocab {
  input: string[];
  output: string[];
}

const VocabFile = z.object({ input: z.array(z.string()).min(2), output: z.array(z.string()).min(2) });

export function checkVocab(raw: unknown, file: string): Vocab {
  const parsed = VocabFile.safeParse(raw);
  if (!parsed.success) throw new UserError(file, `not a vocabulary: ${describeIssues(parsed.error)}`);
  const v = parsed.data;
  if (v.input[0] !== PAD || v.input[1] !== UNK)
    throw new UserError(file, `input vocabulary must start with "${PAD}", "${UNK}" (got ${JSON.stringify(v.input.slice(0, 2))})`);
  if (v.output[0] !== PAD) throw new UserError(file, `output vocabulary must start with "${PAD}"`);
  for (const [side, list] of [['input', v.input], ['output', v.output]] as const) {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      const ok = side === 'input' ? Array.from(c).length === 1 : splitOutputUnits(c).length === 1;
      if (i >= (side === 'input' ? 2 : 1) && !ok)
        throw new UserError(file, `${side}[${i}] = ${JSON.stringify(c)} is not a single ${side === 'input' ? 'character' : 'unit'}`);
      if (seen.has(c)) throw new UserError(file, `${side} vocabulary lists ${JSON.stringify(c)} twice`);
      seen.add(c);
    });
  }
  return { input: v.input, output: v.output };
}

export function readVocab(file: string): Vocab {
  return checkVocab(readJson(file), file);
}

/** Lookup tables from symbols to ids. */
export interface Codec {
  vocab: Vocab;
  inputId: Map<string, number>;
  outputId: Map<string, number>;
}

export function makeCodec(vocab: Vocab): Codec {
  const inputId = new Map(vocab.input.map((c, i) => [c, i] as const));
  const outputId = new Map(vocab.output.map((c, i) => [c, i] as const));
  return { vocab, inputId, outputId };
}
