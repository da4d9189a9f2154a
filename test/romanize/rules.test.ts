import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../pipeline/lib/errors.ts';
import { findRule, loadRules, parseRules } from '../../pipeline/romanize/rules.ts';

const RULES = 'config/romanization/hy-AM.json';

function writeRules(value: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rules-')), 'bad.json');
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

function loadError(value: unknown): UserError {
  const file = writeRules(value);
  try {
    loadRules(file);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).file).toBe(file);
    return err as UserError;
  }
  throw new Error('expected loadRules to fail');
}

describe('romanization rules file', () => {
  const rules = loadRules(RULES);

  it('covers the 38 letters in both cases, ու, և and the word-initial forms', () => {
    const lower = 'աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ';
    expect(Array.from(lower)).toHaveLength(38);
    for (const ch of lower) {
      expect(rules.table.has(ch), ch).toBe(true);
      expect(rules.table.has(ch.toUpperCase()), ch.toUpperCase()).toBe(true);
      // Upper-case romanizations are capitalised versions of the lower-case ones.
      const up = rules.table.get(ch.toUpperCase())!.map((v) => v.latin.toLowerCase()).sort();
      expect(up).toEqual(rules.table.get(ch)!.map((v) => v.latin).sort());
    }
    for (const key of ['ու', 'Ու', 'ՈՒ', 'և', '^ո', '^Ո', '^ե', '^Ե', '^և']) expect(rules.table.has(key), key).toBe(true);
    expect(rules.table.get('Ձ')!.map((v) => v.latin)).toEqual(['Dz']);
    expect(rules.table.get('ու')!.find((v) => v.latin === 'u')!.p).toBeGreaterThan(0.5);
    expect(rules.table.get('^ո')!.map((v) => v.latin)).toContain('vo');
    expect(rules.table.get('^ե')!.map((v) => v.latin)).toEqual(['e', 'ye']);
  });

  it('includes the variants people type', () => {
    const has = (key: string, ...latin: string[]) =>
      expect(rules.table.get(key)!.map((v) => v.latin)).toEqual(expect.arrayContaining(latin));
    has('վ', 'v', 'w');
    has('խ', 'x', 'kh');
    has('ք', 'q', 'k');
    has('ը', '@', 'y', 'e');
    has('ծ', 'ts', 'c');
    has('ց', 'c', 'ts');
    has('ճ', 'ch', 'j', '4');
    has('չ', 'ch', 'j', '4');
    has('ժ', 'zh', 'j');
    has('ղ', 'gh', 'x');
    has('և', 'ev', 'yev');
  });

  it('sorts variants by Latin string, whatever the order in the file', () => {
    const a = parseRules({ ա: { b: 0.5, a: 0.5 } }, 'x.json');
    const b = parseRules({ ա: { a: 0.5, b: 0.5 } }, 'x.json');
    expect(a.table.get('ա')).toEqual(b.table.get('ա'));
  });

  it('rejects a probability outside (0, 1], naming the file and the key', () => {
    expect(loadError({ ա: { a: 1.5 } }).message).toMatch(/key "ա": probability of "a" is 1.5/);
    expect(loadError({ ա: { a: 0, b: 1 } }).message).toMatch(/key "ա".*must be in \(0, 1\]/);
    expect(loadError({ ա: { a: '1' } }).message).toMatch(/key "ա"/);
  });

  it('rejects probabilities that do not sum to 1', () => {
    expect(loadError({ բ: { b: 0.5, p: 0.4 } }).message).toMatch(/key "բ": probabilities sum to 0.9/);
    // Within the tolerance is fine.
    expect(() => parseRules({ բ: { b: 0.3333333, p: 0.6666667 } }, 'x.json')).not.toThrow();
  });

  it('rejects bad keys and bad values', () => {
    expect(loadError({ աբ: { ab: 1 } }).message).toMatch(/key "աբ": not a single letter/);
    expect(loadError({ '1': { a: 1 } }).message).toMatch(/key "1"/);
    expect(loadError({ '^': { a: 1 } }).message).toMatch(/key "\^"/);
    expect(loadError({ ա: { '': 1 } }).message).toMatch(/key "ա": romanization ""/);
    expect(loadError({ ա: { a_b: 1 } }).message).toMatch(/key "ա": romanization "a_b"/);
    expect(loadError({ ա: { 'a b': 1 } }).message).toMatch(/key "ա"/);
    expect(loadError({ ա: {} }).message).toMatch(/key "ա": has no romanizations/);
    expect(loadError({ ա: 'a' }).message).toMatch(/key "ա": must map to an object/);
    expect(loadError([]).message).toMatch(/JSON object/);
    expect(loadError('{ not json').message).toMatch(/not valid JSON/);
  });

  it('accepts the digraph and word-initial keys', () => {
    const r = parseRules({ ու: { u: 1 }, '^ու': { u: 1 }, '^Ո': { Vo: 1 }, ՈՒ: { U: 1 } }, 'x.json');
    expect([...r.table.keys()].sort()).toEqual(['^Ո', '^ու', 'ՈՒ', 'ու'].sort());
  });

  it('finds the word-initial rule first, then the exact case, then the lower case', () => {
    expect(findRule(rules, 'ո', true)!.key).toBe('^ո');
    expect(findRule(rules, 'ո', false)!.key).toBe('ո');
    expect(findRule(rules, 'Ո', true)!.key).toBe('^Ո');
    const r = parseRules({ ա: { a: 1 } }, 'x.json');
    expect(findRule(r, 'Ա', false)).toMatchObject({ key: 'ա', capitalize: true });
    expect(findRule(r, 'բ', false)).toBeNull();
  });
});
