import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unalign } from '../../pipeline/align/align.ts';
import { parseTsvLine } from '../../pipeline/align/tsv.ts';
import { stage as alignStage } from '../../pipeline/align/stage.ts';
import { readArtifact } from '../../pipeline/lib/artifact.ts';
import { parseConfig } from '../../pipeline/lib/config.ts';
import { UserError } from '../../pipeline/lib/errors.ts';
import { artifactDir, cacheDir } from '../../pipeline/lib/paths.ts';
import { AlignStats, Vocab } from '../../pipeline/lib/schemas/align.ts';
import { RomanizeStats } from '../../pipeline/lib/schemas/romanize.ts';
import type { StageContext } from '../../pipeline/lib/stage.ts';
import { stage as romanizeStage } from '../../pipeline/romanize/stage.ts';

const CORPUS = {
  train: ['Բարև ձեզ, ես սիրում եմ Deep Learning։', 'Որտե՞ղ է Երևանը', 'ՀՀ ԱԺ նիստը 2017 թ. ուրբաթ', 'Ուր ես գնում'],
  val: ['Շնորհակալություն և ցտեսություն', 'Մի ձի 😀 ու մի էշ'],
  test: ['Օդը մաքուր է, https://example.org/a-b', 'Ֆուտբոլ'],
  external: ['Ընտրեք ճիշտ ֆայլ, խնդրում ենք', 'Ժամանակավոր թղթապանակ (ZIP)'],
};

process.env.TRANSLIT_QUIET = '1';

function makeRoot(seed: number, perWordConsistency = false): StageContext {
  const root = mkdtempSync(join(tmpdir(), 'romanize-align-'));
  const cfg = parseConfig(
    { run: 'small', seed, corpus: { sources: [{ kind: 'embedded' }] }, romanize: { perWordConsistency } },
    'small.json',
  );
  const ctx: StageContext = { cfg, configPath: 'small.json', root, artifacts: artifactDir(cfg, root), cache: cacheDir(cfg, root) };
  mkdirSync(join(root, 'config/romanization'), { recursive: true });
  copyFileSync('config/romanization/hy-AM.json', join(root, 'config/romanization/hy-AM.json'));
  mkdirSync(join(ctx.cache, 'corpus'), { recursive: true });
  for (const [split, lines] of Object.entries(CORPUS)) writeFileSync(join(ctx.cache, 'corpus', `${split}.txt`), lines.join('\n') + '\n');
  return ctx;
}

async function runBoth(ctx: StageContext): Promise<Record<string, string>> {
  const files = [...(await romanizeStage.run(ctx)), ...(await alignStage.run(ctx))];
  return Object.fromEntries(files.map((f) => [relative(ctx.root, f), readFileSync(f, 'utf8')]));
}

describe('romanize and align stages', () => {
  it('write byte-identical outputs for the same config and seed, different ones for another seed', async () => {
    const a = await runBoth(makeRoot(3));
    const b = await runBoth(makeRoot(3));
    expect(Object.keys(a).sort()).toEqual(
      [
        '.cache/small/romanize/train.jsonl', '.cache/small/romanize/val.jsonl', '.cache/small/romanize/test.jsonl',
        '.cache/small/romanize/external.jsonl',
        'artifacts/small/romanize/stats.json',
        '.cache/small/align/train.tsv', '.cache/small/align/val.tsv', '.cache/small/align/test.tsv',
        '.cache/small/align/external.tsv',
        'artifacts/small/align/vocab.json', 'artifacts/small/align/stats.json',
      ].sort(),
    );
    expect(b).toEqual(a);
    // Running again in the same root rewrites the same bytes.
    const ctx = makeRoot(3);
    await runBoth(ctx);
    expect(await runBoth(ctx)).toEqual(a);
    const c = await runBoth(makeRoot(4));
    expect(c['.cache/small/romanize/train.jsonl']).not.toBe(a['.cache/small/romanize/train.jsonl']);
  });

  it('writes what the contracts say', async () => {
    const ctx = makeRoot(5, true);
    await runBoth(ctx);
    const jsonl = readFileSync(join(ctx.cache, 'romanize/train.jsonl'), 'utf8').trimEnd().split('\n');
    expect(jsonl).toHaveLength(CORPUS.train.length);
    const first = JSON.parse(jsonl[0]) as { hy: string; latin: string; seg: [string, string][] };
    expect(first.hy.toLowerCase()).toBe(CORPUS.train[0].toLowerCase());
    expect(first.seg.map((p) => p[0]).join('')).toBe(first.hy);
    expect(first.seg.map((p) => p[1]).join('')).toBe(first.latin);
    // ։ is typed ":" or "." (the rules' punctuation keys).
    expect(first.latin).toMatch(/^Barev dzez, y?es sirum y?em Deep Learning[:.]$/);

    for (const split of ['train', 'val', 'test', 'external'] as const) {
      const lines = readFileSync(join(ctx.cache, `align/${split}.tsv`), 'utf8').trimEnd().split('\n');
      // The train split is shown in the rules' case variants ($caseVariants): equal up to case there.
      const fold = (t: string) => (split === 'train' ? t.toLowerCase().replace(/և/g, 'եվ') : t);
      expect(lines.map((l) => fold(unalign(parseTsvLine(l)!.output)))).toEqual(CORPUS[split].map(fold));
    }
    const vocab = readArtifact(join(ctx.artifacts, 'align/vocab.json'), Vocab);
    expect(vocab.input.slice(0, 2)).toEqual(['<pad>', '<unk>']);
    expect(vocab.output.slice(0, 2)).toEqual(['<pad>', '_']);
    expect(vocab.output).toContain('ու');
    expect(vocab.output).toContain('D');
    const alignStats = readArtifact(join(ctx.artifacts, 'align/stats.json'), AlignStats);
    expect(alignStats.splits.train.sentences).toBe(CORPUS.train.length);
    expect(alignStats.splits.val.unknownOutputSteps).toBeGreaterThan(0); // 😀, Շ… never seen in train
    const stats = readArtifact(join(ctx.artifacts, 'romanize/stats.json'), RomanizeStats);
    expect(stats.perWordConsistency).toBe(true);
    expect(stats.rules.path).toBe('config/romanization/hy-AM.json');
    expect(stats.total.sentences).toBe(10); // the external split is romanized by the same rules
    expect(stats.splits.external?.sentences).toBe(CORPUS.external.length);
    expect(alignStats.splits.external?.sentences).toBe(CORPUS.external.length);
    expect(stats.total.latinLengthRatio).toBeGreaterThan(1);
    expect(stats.variants['ձ']).toEqual({ dz: 2 });
    expect(stats.variants['^Ո']).toBeDefined();
    expect(stats.passThrough['D']).toBe(1);
  });

  it('says which corpus file is missing', async () => {
    const ctx = makeRoot(8);
    rmSync(join(ctx.cache, 'corpus/val.txt'));
    const err = await romanizeStage.run(ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).file).toBe(join(ctx.cache, 'corpus/val.txt'));
    expect((err as UserError).problem).toMatch(/run the corpus stage first/);
  });

  it('names the file and line of a broken romanize output', async () => {
    const ctx = makeRoot(6);
    await romanizeStage.run(ctx);
    writeFileSync(join(ctx.cache, 'romanize/val.jsonl'), '{"hy":"ա","latin":"a","seg":[["ա","a"]]}\n{"hy":"ա"}\n');
    const err = await alignStage.run(ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).file).toBe(join(ctx.cache, 'romanize/val.jsonl'));
    expect((err as UserError).problem).toMatch(/^line 2:/);
  });

  it('leaves out (and counts) sentences holding the placeholder', async () => {
    const ctx = makeRoot(7);
    await romanizeStage.run(ctx);
    writeFileSync(join(ctx.cache, 'romanize/test.jsonl'), '{"hy":"ա_","latin":"a_","seg":[["ա","a"],["_","_"]]}\n');
    await alignStage.run(ctx);
    expect(readFileSync(join(ctx.cache, 'align/test.tsv'), 'utf8')).toBe('');
    expect(readArtifact(join(ctx.artifacts, 'align/stats.json'), AlignStats).splits.test.dropped).toBe(1);
  });
});
