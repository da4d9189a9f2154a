import { createHash } from 'node:crypto';
import { fitLength, hasArmenian, normalizeText, splitSentences } from './normalize.ts';

/**
 * Sentence selection: normalise, split, length-limit, filter, dedupe and (optionally) cap. The cap keeps the
 * `maxSentences` sentences with the smallest content hash, so the kept set depends only on the candidate set,
 * never on source order or chunking; a bounded heap keeps memory at O(maxSentences).
 */

/** Without a cap, refuse to hold more than this many distinct sentences rather than run out of memory. */
export const UNCAPPED_LIMIT = 5_000_000;

export interface SourceCounts {
  /** Lines (paragraphs, pseudo-sentences, articles' lines) read. */
  lines: number;
  /** Sentences after splitting and length fitting, before filters. */
  sentences: number;
  /** Did any input line hold an Armenian letter? */
  sawArmenian: boolean;
  /**
   * `external`: sentences of a training source that also occur in a held-out (external) source, removed from
   * training so that the external split stays unseen.
   */
  dropped: { tooShort: number; tooLong: number; noArmenian: number; duplicate: number; overCap: number; external: number };
}

export interface Kept {
  sentence: string;
  source: string;
  /** 16 hex digits of sha256(sentence): identity, dedupe and cap order. */
  key: string;
}

export function contentKey(sentence: string): string {
  return createHash('sha256').update(sentence).digest('hex').slice(0, 16);
}

export class SentenceCollector {
  private readonly kept = new Map<string, Kept>();
  /** Max-heap of kept keys (only maintained with a cap). */
  private readonly heap: string[] = [];
  readonly sources = new Map<string, SourceCounts>();

  constructor(
    private readonly opts: { minChars: number; maxChars: number; maxSentences: number },
    private readonly uncappedLimit = UNCAPPED_LIMIT,
  ) {}

  counts(source: string): SourceCounts {
    let c = this.sources.get(source);
    if (!c) {
      c = { lines: 0, sentences: 0, sawArmenian: false, dropped: { tooShort: 0, tooLong: 0, noArmenian: 0, duplicate: 0, overCap: 0, external: 0 } };
      this.sources.set(source, c);
    }
    return c;
  }

  get size(): number {
    return this.kept.size;
  }

  /**
   * Add one line of raw text from a source. Throws (plain Error) past the uncapped limit; the caller names the
   * source. `minChars` overrides the configured minimum for this line (catalog labels are short but real).
   */
  add(source: string, raw: string, minChars = this.opts.minChars): void {
    const c = this.counts(source);
    c.lines++;
    const text = normalizeText(raw);
    if (!text) return;
    if (hasArmenian(text)) c.sawArmenian = true;
    for (const s of splitSentences(text)) {
      const pieces = fitLength(s, this.opts.maxChars);
      if (pieces.length === 0) {
        c.sentences++;
        c.dropped.tooLong++;
        continue;
      }
      for (const p of pieces) {
        c.sentences++;
        if ([...p].length < minChars) c.dropped.tooShort++;
        else if (!hasArmenian(p)) c.dropped.noArmenian++;
        else this.offer(p, source, c);
      }
    }
  }

  private offer(sentence: string, source: string, c: SourceCounts): void {
    const key = contentKey(sentence);
    if (this.kept.has(key)) {
      c.dropped.duplicate++;
      return;
    }
    const cap = this.opts.maxSentences;
    if (cap === 0) {
      if (this.kept.size >= this.uncappedLimit)
        throw new Error(`more than ${this.uncappedLimit} distinct sentences: set corpus.maxSentences (or maxPages) to cap the corpus`);
      this.kept.set(key, { sentence, source, key });
      return;
    }
    if (this.heap.length < cap) {
      this.kept.set(key, { sentence, source, key });
      this.push(key);
      return;
    }
    if (key >= this.heap[0]) {
      c.dropped.overCap++;
      return;
    }
    // Evict the largest key; its sentence counts as over the cap for the source that contributed it.
    const evicted = this.heap[0];
    const gone = this.kept.get(evicted)!;
    this.kept.delete(evicted);
    this.counts(gone.source).dropped.overCap++;
    this.heap[0] = key;
    this.siftDown(0);
    this.kept.set(key, { sentence, source, key });
  }

  private push(key: string): void {
    const h = this.heap;
    h.push(key);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent] >= h[i]) break;
      [h[parent], h[i]] = [h[i], h[parent]];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l] > h[m]) m = l;
      if (r < h.length && h[r] > h[m]) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i], h[m]];
      i = m;
    }
  }

  /** The kept sentences in key order: a deterministic order that mixes sources and is independent of input order. */
  result(): Kept[] {
    return [...this.kept.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

export type SplitName = 'train' | 'val' | 'test';

/** Is a source held out as the external split? Listed by name, or (catalog sources only) chosen by a name hash. */
export function externalPredicate(external: { sources: readonly string[]; share: number }): (source: string) => boolean {
  const listed = new Set(external.sources);
  return (source) => {
    if (listed.has(source)) return true;
    if (external.share <= 0 || !/^(npm|gettext):/.test(source)) return false;
    const u = createHash('sha256').update('external\0').update(source).digest().readUInt32BE(0) / 4294967296;
    return u < external.share;
  };
}

/**
 * Which split a sentence belongs to, from its content alone (a salted hash, independent of the cap order): the
 * same sentence lands in the same split in every run and config, so test sentences never leak into training.
 */
export function splitOf(sentence: string, fractions: { train: number; val: number; test: number }): SplitName {
  const u = createHash('sha256').update('split\0').update(sentence).digest().readUInt32BE(0) / 4294967296;
  if (u < fractions.train) return 'train';
  if (u < fractions.train + fractions.val) return 'val';
  return 'test';
}
