import type { CorpusStats } from '../lib/schemas/corpus.ts';
import type { SourceCounts, SplitName } from './collect.ts';
import { isLatinToken } from './normalize.ts';

export interface SourceInfo {
  name: string;
  kind: 'embedded' | 'text' | 'wikipedia' | 'gettext';
  counts: SourceCounts;
  /** Real text, as opposed to pseudo-sentences assembled from word lists. */
  natural: boolean;
  /** Held out as the external split. */
  external: boolean;
}

/** A file a source read, with its package version and hash: a changed download shows as a changed input. */
export type InputFile = NonNullable<CorpusStats['inputs']>[number];

/** Corpus statistics for stats.json: sizes per split and source, letter frequencies, Latin share. */
export function corpusStats(
  splits: Record<SplitName, string[]>,
  sourceOf: Map<string, string>,
  sources: SourceInfo[],
  external: string[] = [],
  inputs: InputFile[] = [],
): Omit<CorpusStats, 'schemaVersion'> {
  const naturalSource = new Map(sources.map((s) => [s.name, s.natural]));
  const natural = { sentences: 0, characters: 0, share: 0 };
  const letters = new Map<string, number>();
  let digraphU = 0;
  let tyun = 0;
  let tokens = 0;
  let latin = 0;
  const kept = new Map<string, { n: number; chars: number }>();
  const sentences = { train: 0, val: 0, test: 0, total: 0 };
  const characters = { train: 0, val: 0, test: 0, total: 0 };
  for (const split of ['train', 'val', 'test'] as const) {
    for (const s of splits[split]) {
      const len = [...s].length;
      sentences[split]++;
      characters[split] += len;
      const src = sourceOf.get(s) ?? '?';
      const k = kept.get(src) ?? { n: 0, chars: 0 };
      k.n++;
      k.chars += len;
      kept.set(src, k);
      if (naturalSource.get(src)) {
        natural.sentences++;
        natural.characters += len;
      }
      const lower = s.toLowerCase();
      for (const ch of lower) if (ch >= '\u0561' && ch <= '\u0588') letters.set(ch, (letters.get(ch) ?? 0) + 1);
      digraphU += lower.split('ու').length - 1;
      tyun += lower.split('թյուն').length - 1;
      for (const tok of s.split(' ')) {
        tokens++;
        if (isLatinToken(tok)) latin++;
      }
    }
    sentences.total += sentences[split];
    characters.total += characters[split];
  }
  natural.share = characters.total ? natural.characters / characters.total : 0;
  let externalChars = 0;
  for (const s of external) {
    const len = [...s].length;
    externalChars += len;
    const src = sourceOf.get(s) ?? '?';
    const k = kept.get(src) ?? { n: 0, chars: 0 };
    k.n++;
    k.chars += len;
    kept.set(src, k);
  }
  const letterTotal = [...letters.values()].reduce((a, b) => a + b, 0);
  return {
    sentences,
    characters,
    meanSentenceChars: sentences.total ? characters.total / sentences.total : 0,
    natural,
    external: {
      sentences: external.length,
      characters: externalChars,
      sources: sources.filter((s) => s.external).map((s) => s.name),
    },
    inputs: [...inputs].sort((a, b) => (a.source + '\0' + a.file < b.source + '\0' + b.file ? -1 : 1)),
    sources: sources.map(({ name, kind, counts, natural, external }) => ({
      name,
      kind,
      natural,
      external,
      lines: counts.lines,
      sentences: counts.sentences,
      kept: kept.get(name)?.n ?? 0,
      keptChars: kept.get(name)?.chars ?? 0,
      dropped: { ...counts.dropped },
    })),
    letters: [...letters.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([letter, count]) => ({ letter, count, share: letterTotal ? count / letterTotal : 0 })),
    digraphU,
    tyun,
    tokens: { total: tokens, latin, latinShare: tokens ? latin / tokens : 0 },
  };
}
