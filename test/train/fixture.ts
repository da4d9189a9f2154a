/**
 * A self-contained project for train-stage tests, made by the test itself: aligned TSV splits produced by the real
 * romanizer and aligner from seeded Armenian sentences, the vocabulary, romanize stats and a run config. The
 * project's `pipeline/` is a symlink to this repository's, so the stage's code hash and the CLIs work in it.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeArtifact } from '../../pipeline/lib/artifact.ts';
import { Rng } from '../../pipeline/lib/rng.ts';
import { alignPair } from '../../pipeline/align/align.ts';
import { toTsvLine } from '../../pipeline/align/tsv.ts';
import { VocabBuilder } from '../../pipeline/align/vocab.ts';
import { romanizeSentence } from '../../pipeline/romanize/romanize.ts';
import { loadRules } from '../../pipeline/romanize/rules.ts';

export const REPO = resolve(import.meta.dirname, '../..');
export const RULES = join(REPO, 'config/romanization/hy-AM.json');

const WORDS = (
  'բարև ձեզ ես սիրում եմ այդպես ավելի սիրուն է հայաստան երևան քաղաք գիրք տուն մայր հայր ջուր հաց շնորհակալություն ' +
  'լավ օր գիշեր ճանապարհ ծով սար խոսք ժամ ուրախ չէ ոչ թե փոքր մեծ ծաղիկ ընկեր դպրոց աշխարհ ձյուն ցուրտ'
).split(' ');

export function sentences(n: number, rng: Rng): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = 2 + rng.int(6);
    const ws = Array.from({ length: k }, () => rng.pick(WORDS));
    if (rng.next() < 0.3) ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
    if (rng.next() < 0.1) ws.splice(1 + rng.int(k - 1), 0, 'Deep', 'Learning');
    out.push(ws.join(' ') + (rng.next() < 0.3 ? '.' : ''));
  }
  return out;
}

export interface FixtureOptions {
  sentences?: { train: number; val: number; test: number };
  train?: Record<string, unknown>;
  model?: Record<string, unknown>;
  seed?: number;
}

export interface Fixture {
  root: string;
  config: string;
  run: string;
  vocab: { input: string[]; output: string[] };
  pairs: Record<'train' | 'val' | 'test', { input: string[]; output: string[] }[]>;
}

export function makeFixture(opts: FixtureOptions = {}): Fixture {
  const root = mkdtempSync(join(tmpdir(), 'translit-train-'));
  symlinkSync(join(REPO, 'pipeline'), join(root, 'pipeline'));
  const run = 'fx';
  const seed = opts.seed ?? 11;
  const rules = loadRules(RULES);
  const rng = new Rng(seed, 'fixture');
  const counts = opts.sentences ?? { train: 300, val: 40, test: 40 };
  const vocab = new VocabBuilder();
  const variants: Record<string, Record<string, number>> = {};
  const pairs = {} as Fixture['pairs'];
  for (const split of ['train', 'val', 'test'] as const) {
    const lines: string[] = [];
    pairs[split] = [];
    for (const hy of sentences(counts[split], rng)) {
      const r = romanizeSentence(hy, rules, rng);
      for (const s of r.segments)
        if (s.rule) (variants[s.rule] ??= {})[s.latin] = (variants[s.rule][s.latin] ?? 0) + 1;
      const a = alignPair(r.segments.map((s) => [s.hy, s.latin] as const));
      if (split === 'train') vocab.add(a.input, a.output);
      pairs[split].push(a);
      lines.push(toTsvLine(a));
    }
    const dir = join(root, '.cache', run, 'align');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${split}.tsv`), lines.join('\n') + '\n');
  }
  const v = vocab.build();
  writeArtifact(join(root, 'artifacts', run, 'align', 'vocab.json'), v);
  const split = { sentences: 1, armenianChars: 1, latinChars: 1, latinLengthRatio: 1 };
  writeArtifact(join(root, 'artifacts', run, 'romanize', 'stats.json'), {
    rules: { path: RULES, sha256: 'x' },
    perWordConsistency: false,
    splits: { train: split, val: split, test: split },
    total: split,
    variants,
    passThrough: {},
  });
  const config = join(root, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      run,
      seed,
      corpus: { sources: [{ kind: 'embedded' }] },
      romanize: { rules: RULES },
      model: { cell: 'lstm', units: 8, hidden: 8, ...opts.model },
      train: {
        batchSize: 16,
        seqLen: 16,
        epochs: 2,
        learningRate: 0.02,
        patience: 3,
        maxMinutes: 0,
        valWindows: 16,
        ...opts.train,
      },
    }),
  );
  return { root, config, run, vocab: v, pairs };
}
