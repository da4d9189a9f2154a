import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatAlignedTsv, outputUnits, parseAlignedTsv, readAlignedTsv } from '../../pipeline/align/tsv.ts';

const dir = mkdtempSync(join(tmpdir(), 'tsv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the aligned-TSV format (one reader for train, capture and beyond)', () => {
  it('reads back what it writes, with each sentence numbered by its line', () => {
    const rows = [
      { input: ['u', 's'], output: ['ու', 'ս'] },
      { input: ['d', 'z', 'i'], output: ['ձ', '_', 'ի'] },
    ];
    const text = formatAlignedTsv(rows);
    expect(text).toBe('us\tուս\ndzi\tձ_ի\n');
    expect(parseAlignedTsv(text, 'x.tsv')).toEqual(rows.map((r, line) => ({ line, ...r })));
    expect(formatAlignedTsv([])).toBe('');
    expect(parseAlignedTsv('', 'x.tsv')).toEqual([]);
  });

  it('always takes ու as one unit, so unit counts decide validity', () => {
    expect(outputUnits('սուս', 3)).toEqual(['ս', 'ու', 'ս']);
    expect(outputUnits('ՈՒՍ', 2)).toEqual(['ՈՒ', 'Ս']);
    expect(outputUnits('սուս', 4)).toBeNull();
    expect(outputUnits('աբ', 3)).toBeNull();
  });

  it('rejects a malformed line with the file and line number', () => {
    for (const bad of ['ab\tա\n', 'no tab here\n', 'a\tb\tc\n', 'ab\tաբ\n\ncd\tcd\n', 'ab\tաբ\r\n'])
      expect(() => parseAlignedTsv(bad, 'x.tsv'), JSON.stringify(bad)).toThrow(/^x\.tsv:\d+: not an aligned pair/);
    expect(() => parseAlignedTsv('ab\tաբ\n\ncd\tcd\n', 'x.tsv')).toThrow(/^x\.tsv:2:/);
  });

  it('names the stage that makes a missing file', () => {
    expect(() => readAlignedTsv(join(dir, 'nope.tsv'))).toThrow(/nope\.tsv: missing: run the align stage first/);
    writeFileSync(join(dir, 'ok.tsv'), 'ab\tաբ\n');
    expect(readAlignedTsv(join(dir, 'ok.tsv'))).toEqual([{ line: 0, input: ['a', 'b'], output: ['ա', 'բ'] }]);
  });
});
