import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../pipeline/lib/config.ts';
import { UserError } from '../../pipeline/lib/errors.ts';

function write(obj: unknown): string {
  const p = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'run.json');
  writeFileSync(p, typeof obj === 'string' ? obj : JSON.stringify(obj));
  return p;
}

const minimal = { run: 'x', seed: 1, corpus: { sources: [{ kind: 'embedded' }] } };

describe('loadConfig', () => {
  it('fills defaults for every section', () => {
    const cfg = loadConfig(write(minimal));
    expect(cfg.model).toEqual({ cell: 'lstm', units: 228, hidden: 228 });
    expect(cfg.stats.bins).toBe(1000);
    expect(cfg.stats.minCount).toBe(300);
    expect(cfg.corpus.split).toEqual({ train: 0.8, val: 0.1, test: 0.1 });
  });

  it('loads the shipped configs', () => {
    for (const f of ['config/default.json', 'config/tiny.json']) expect(loadConfig(f).seed).toBeTypeOf('number');
  });

  it('names an unknown key, the file, and the section it is in', () => {
    const p = write({ ...minimal, model: { cell: 'lstm', unitz: 5 } });
    expect(() => loadConfig(p)).toThrow(UserError);
    expect(() => loadConfig(p)).toThrow(new RegExp(`${p}.*unknown key "unitz" in model`));
  });

  it('names the key of a wrong value', () => {
    expect(() => loadConfig(write({ ...minimal, model: { cell: 'transformer' } }))).toThrow(/model\.cell/);
    expect(() => loadConfig(write({ ...minimal, seed: 'abc' }))).toThrow(/seed/);
  });

  it('rejects a split that does not sum to 1, and broken JSON', () => {
    const bad = { ...minimal, corpus: { ...minimal.corpus, split: { train: 0.5, val: 0.1, test: 0.1 } } };
    expect(() => loadConfig(write(bad))).toThrow(/split must sum to 1/);
    expect(() => loadConfig(write('{ "run": '))).toThrow(/not valid JSON/);
    expect(() => loadConfig('/nonexistent/config.json')).toThrow(/file not found/);
  });
});
