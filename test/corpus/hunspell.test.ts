import { describe, expect, it } from 'vitest';
import { Rng } from '../../pipeline/lib/rng.ts';
import { expandEntry, parseAff, parseDicLine, randomForm, splitFlags } from '../../pipeline/corpus/hunspell.ts';

// A hand-made Armenian affix file in the style of dictionary-hy: long flags, a continuation class, a condition
// class, a specific and a generic rule, a cross-product prefix, NEEDAFFIX and FORBIDDENWORD.
const AFF = `SET UTF-8
FLAG long
NEEDAFFIX 00
FORBIDDENWORD XX

# definite article, two forms by the last letter
SFX DE Y 2
SFX DE   0     ը    [^աեէիոու]
SFX DE   0     ն    [աեէիոու]

# plural, then cases on the plural
SFX PP Y 1
SFX PP   0     ներ/GE    .

SFX GE Y 2
SFX GE   0     ի     .
SFX GE   0     ում   .

# -ություն → -ության (specific) beside a generic -յան
SFX G1 Y 2
SFX G1   յուն  յան/DE  .
SFX G1   0     յան     .

PFX CH Y 1
PFX CH   0     չ     .
`;

const DIC = `4
գիրք/DEPP
ազատություն/G1DE
գր/PP00
վատ/XX
`;

function load() {
  const aff = parseAff(AFF);
  const entries = DIC.split('\n')
    .map((l, i) => parseDicLine(l, aff, i + 1))
    .filter((e) => e !== null);
  return { aff, entries };
}

describe('hunspell affix expansion', () => {
  it('parses long flags and the dictionary lines', () => {
    const { aff, entries } = load();
    expect(aff.flagMode).toBe('long');
    expect(splitFlags('DEPP', 'long')).toEqual(['DE', 'PP']);
    expect(entries.map((e) => e.word)).toEqual(['գիրք', 'ազատություն', 'գր', 'վատ']);
    expect(entries[0].flags).toEqual(['DE', 'PP']);
    expect(aff.classes.get('G1')!.rules).toHaveLength(2);
  });

  it('expands suffixes with conditions and two levels of continuation classes', () => {
    const { aff, entries } = load();
    expect(expandEntry(aff, entries[0])).toEqual(['գիրք', 'գիրքը', 'գիրքներ', 'գիրքների', 'գիրքներում'].sort());
  });

  it('applies strip strings and continuation flags (-ություն → -ության → -ությանը)', () => {
    const { aff, entries } = load();
    const forms = expandEntry(aff, entries[1]);
    expect(forms).toContain('ազատություն');
    expect(forms).toContain('ազատությունը');
    expect(forms).toContain('ազատության');
    expect(forms).toContain('ազատությանը');
    // The generic rule is licensed too (the checker accepts it), and it carries no continuation.
    expect(forms).toContain('ազատությունյան');
    expect(forms).not.toContain('ազատությունյանը');
  });

  it('leaves out NEEDAFFIX stems and FORBIDDENWORD entries', () => {
    const { aff, entries } = load();
    const forms = expandEntry(aff, entries[2]);
    expect(forms).not.toContain('գր');
    expect(forms).toContain('գրներ');
    expect(forms).toContain('գրներում');
    expect(expandEntry(aff, entries[3])).toEqual([]);
  });

  it('combines a cross-product prefix with suffixes', () => {
    const aff = parseAff(AFF);
    const forms = expandEntry(aff, { word: 'գիրք', flags: ['CH', 'DE'] });
    expect(forms).toEqual(['գիրք', 'գիրքը', 'չգիրք', 'չգիրքը'].sort());
  });

  it('draws random forms only among the expanded ones, preferring the specific rule', () => {
    const { aff, entries } = load();
    const rng = new Rng(1, 'hunspell-test');
    for (const entry of [...entries.slice(0, 3), { word: 'գիրք', flags: ['CH', 'DE', 'PP'] }]) {
      const all = new Set(expandEntry(aff, entry));
      const seen = new Set<string>();
      for (let i = 0; i < 400; i++) {
        const f = randomForm(aff, entry, rng);
        if (f === null) continue;
        expect(all.has(f), `${f} from ${entry.word}`).toBe(true);
        seen.add(f);
      }
      expect(seen.size).toBeGreaterThan(1);
      expect(seen.has('ազատությունյան')).toBe(false);
    }
    expect(randomForm(aff, entries[3], rng)).toBeNull();
  });

  it('reads the real dictionary-hy affix file and produces -ություն inflections', async () => {
    const { loadDictionary } = await import('../../pipeline/corpus/embedded.ts');
    const dict = await loadDictionary(process.cwd());
    expect(dict.entries.length).toBeGreaterThan(60000);
    const entry = dict.entries.find((e) => e.word === 'ազատություն' || e.word === 'աբանություն')!;
    const forms = expandEntry(dict.aff, entry);
    const stem = entry.word.slice(0, -'ություն'.length);
    for (const ending of ['ություն', 'ությունը', 'ության', 'ությամբ', 'ություններ', 'ություններում'])
      expect(forms, ending).toContain(stem + ending);
  });
});
