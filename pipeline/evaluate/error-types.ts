import { unalign } from '../align/align.ts';
import { unalignPrediction } from '../train/translit.ts';

/**
 * The most frequent error types of a split: (expected → got) confusions of aligned output units (`_` is the
 * placeholder, i.e. "nothing": `ժ`/`_` read as `զ`/`հ` shows as `_ → հ`), each with its count and the first word
 * of the split where it happens, so the report can show them without computing anything.
 */
export interface ErrorType {
  expected: string;
  got: string;
  count: number;
  /** The first occurrence's word: romanized input, reference and model output. */
  example: { input: string; expected: string; got: string };
}

interface AlignedSentence {
  input: readonly string[];
  truth: readonly string[];
  predicted: readonly string[];
}

/** [from, to) of the whitespace-delimited word around position p of the input. */
function wordSpan(input: readonly string[], p: number): [number, number] {
  let a = p;
  while (a > 0 && !/\s/u.test(input[a - 1])) a--;
  let b = p + 1;
  while (b < input.length && !/\s/u.test(input[b])) b++;
  return [a, b];
}

export function topErrorTypes(sentences: readonly AlignedSentence[], n = 5): ErrorType[] {
  const found = new Map<string, ErrorType>();
  for (const { input, truth, predicted } of sentences)
    for (let p = 0; p < truth.length; p++) {
      if (truth[p] === predicted[p]) continue;
      const key = `${truth[p]}\u0000${predicted[p]}`;
      const known = found.get(key);
      if (known) {
        known.count++;
        continue;
      }
      const [a, b] = wordSpan(input, p);
      found.set(key, {
        expected: truth[p],
        got: predicted[p],
        count: 1,
        example: {
          input: input.slice(a, b).join(''),
          expected: unalign(truth.slice(a, b)),
          got: unalignPrediction(input.slice(a, b), predicted.slice(a, b)),
        },
      });
    }
  return [...found.values()]
    .sort((x, y) => y.count - x.count || cmp(x.expected, y.expected) || cmp(x.got, y.got))
    .slice(0, n);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
