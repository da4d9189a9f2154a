import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeArtifact } from '../lib/artifact.ts';
import { writeFileAtomic } from '../lib/atomic.ts';
import { UserError } from '../lib/errors.ts';
import { log, Progress } from '../lib/progress.ts';
import type { AlignStats, SplitAlignStats } from '../lib/schemas/align.ts';
import type { Stage, StageContext } from '../lib/stage.ts';
import { romanizedFile, SPLITS, type Split } from '../romanize/stage.ts';
import { alignPair, unalign, unrepresentable } from './align.ts';
import { formatAlignedTsv, parseTsvLine, toTsvLine, type Aligned } from './tsv.ts';
import { VocabBuilder } from './vocab.ts';

export function alignedFile(ctx: StageContext, split: Split): string {
  return join(ctx.cache, 'align', `${split}.tsv`);
}

interface RomanizedLine {
  hy: string;
  latin: string;
  seg: [string, string][];
}

function isSegments(x: unknown): x is [string, string][] {
  return (
    Array.isArray(x) &&
    x.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string')
  );
}

/** Parse and check one line of the romanize stage's JSONL; errors name the file and line. */
export function parseRomanizedLine(line: string, file: string, lineNo: number): RomanizedLine {
  const where = `line ${lineNo}`;
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (err) {
    throw new UserError(file, `${where}: not valid JSON (${(err as Error).message})`);
  }
  const o = v as Partial<RomanizedLine> | null;
  if (!o || typeof o !== 'object' || typeof o.hy !== 'string' || typeof o.latin !== 'string' || !isSegments(o.seg))
    throw new UserError(file, `${where}: expected {"hy": string, "latin": string, "seg": [[unit, latin], …]}`);
  if (o.seg.map((p) => p[0]).join('') !== o.hy) throw new UserError(file, `${where}: the units of "seg" do not spell "hy"`);
  if (o.seg.map((p) => p[1]).join('') !== o.latin)
    throw new UserError(file, `${where}: the Latin pieces of "seg" do not spell "latin"`);
  if (o.seg.some((p) => p[1].length === 0)) throw new UserError(file, `${where}: a unit has an empty romanization`);
  return o as RomanizedLine;
}

/** Align every sentence of one romanize JSONL file; sentences the TSV cannot hold are counted and left out. */
export function alignFile(file: string): { aligned: Aligned[]; dropped: number } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(file, `cannot read (${(err as NodeJS.ErrnoException).code ?? err}): run the romanize stage first`);
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const aligned: Aligned[] = [];
  let dropped = 0;
  const progress = new Progress(`align ${file.split('/').at(-1)}`, lines.length, 'sentences');
  lines.forEach((line, i) => {
    const r = parseRomanizedLine(line, file, i + 1);
    if (unrepresentable(r.hy, r.latin)) dropped++;
    else {
      const a = alignPair(r.seg);
      // The alignment is only useful if it is lossless: check the TSV line reads back (equal lengths) and gives
      // back both texts, on every sentence; it costs little.
      const back = parseTsvLine(toTsvLine(a));
      if (!back || back.input.join('') !== r.latin || unalign(back.output) !== r.hy)
        throw new Error(`${file}: line ${i + 1}: alignment does not round-trip (a bug in pipeline/align)`);
      aligned.push(a);
    }
    progress.tick();
  });
  progress.finish();
  return { aligned, dropped };
}

export const stage: Stage = {
  name: 'align',
  sections: [],
  inputs: (ctx) => SPLITS.map((s) => romanizedFile(ctx, s)),
  async run(ctx) {
    const results = {} as Record<Split, { aligned: Aligned[]; dropped: number }>;
    for (const split of SPLITS) results[split] = alignFile(romanizedFile(ctx, split));
    const builder = new VocabBuilder();
    for (const a of results.train.aligned) builder.add(a.input, a.output);
    const vocab = builder.build();
    const inputSet = new Set(vocab.input);
    const outputSet = new Set(vocab.output);

    const written: string[] = [];
    const splits = {} as Record<Split, SplitAlignStats>;
    for (const split of SPLITS) {
      const { aligned, dropped } = results[split];
      const out = alignedFile(ctx, split);
      writeFileAtomic(out, formatAlignedTsv(aligned));
      written.push(out);
      let steps = 0;
      let placeholders = 0;
      let maxLength = 0;
      let unknownInputSteps = 0;
      let unknownOutputSteps = 0;
      for (const a of aligned) {
        steps += a.input.length;
        maxLength = Math.max(maxLength, a.input.length);
        for (const s of a.input) if (!inputSet.has(s)) unknownInputSteps++;
        for (const s of a.output) {
          if (s === '_') placeholders++;
          if (!outputSet.has(s)) unknownOutputSteps++;
        }
      }
      if (dropped) log('align', `${split}: ${dropped} sentence(s) left out (they hold "_", a tab or a line break)`);
      splits[split] = { sentences: aligned.length, dropped, steps, placeholders, maxLength, unknownInputSteps, unknownOutputSteps };
    }
    const vocabPath = join(ctx.artifacts, 'align', 'vocab.json');
    writeArtifact(vocabPath, vocab);
    const statsPath = join(ctx.artifacts, 'align', 'stats.json');
    const stats: Omit<AlignStats, 'schemaVersion'> = { splits };
    writeArtifact(statsPath, stats);
    written.push(vocabPath, statsPath);
    return written;
  },
};
