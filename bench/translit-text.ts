import { Rng } from '../pipeline/lib/rng.ts';

/**
 * Deterministic romanized Armenian for the translit benchmark: speed depends on the number of characters and how
 * they fall into lines, not on which words they are, so a fixed word list drawn by a seeded stream stands in for
 * real text (and needs no .cache).
 */
const WORDS = (
  'es sirum em Deep Learning Aydpes aveli sirun e Barev Dzez Hayastani Hanrapetutyun inch ka chka shnorhakalutyun ' +
  'Yerevany mayraqaghaqn vochxar zhamanak ashkhatanq hamakargich fayly pahpanel bacel chnjel yntrel karavarum ' +
  'tsragir kayq haskacek kardal grel yev ayl mard tun girq lezu hayeren ugharkel stanal noric sxal'
).split(' ');

function words(rng: Rng, n: number): string {
  return Array.from({ length: n }, () => rng.pick(WORDS)).join(' ');
}

/** `count` short lines of 1–12 words (≈ 45 characters on average), like a file of UI strings or chat lines. */
export function shortLines(count: number, seed = 1): string[] {
  const rng = new Rng(seed, 'bench/translit/short');
  return Array.from({ length: count }, () => words(rng, 1 + rng.int(12)));
}

/** One line of at least `chars` characters. */
export function longLine(chars: number, seed = 1): string {
  const rng = new Rng(seed, 'bench/translit/long');
  const parts: string[] = [];
  let n = 0;
  while (n < chars) {
    const w = rng.pick(WORDS);
    parts.push(w);
    n += w.length + 1;
  }
  return parts.join(' ');
}
