import { PLACEHOLDER } from './tsv.ts';

export const PAD = '<pad>';
export const UNK = '<unk>';

/** Order strings by code points (JS `<` compares UTF-16 units, which misorders astral characters). */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Collects the symbols of the training split; the vocabularies are sorted, so they do not depend on data order. */
export class VocabBuilder {
  private readonly input = new Set<string>();
  private readonly output = new Set<string>();

  add(input: readonly string[], output: readonly string[]): void {
    for (const s of input) this.input.add(s);
    for (const s of output) if (s !== PLACEHOLDER) this.output.add(s);
  }

  build(): { input: string[]; output: string[] } {
    return {
      input: [PAD, UNK, ...[...this.input].sort(compareCodePoints)],
      output: [PAD, PLACEHOLDER, ...[...this.output].sort(compareCodePoints)],
    };
  }
}
