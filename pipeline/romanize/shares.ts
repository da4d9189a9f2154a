import { buildCorpus } from '../corpus/build.ts';
import { loadConfig } from '../lib/config.ts';
import { romanizeSplit, SPLITS } from './stage.ts';
import { loadRules } from './rules.ts';
import { classShares } from './word-class.ts';

/**
 * `tsx pipeline/romanize/shares.ts [config.json]`: the share of words per surface class (lower / capitalized /
 * ALL-CAPS / Latin) in the corpus as built, and in each split's romanize output (the train split after the rules'
 * case variants). Builds the corpus in memory and writes nothing: a measurement, not a stage.
 */
process.env.TRANSLIT_QUIET = '1';
const cfg = loadConfig(process.argv[2] ?? 'config/tiny.json');
const rules = loadRules(cfg.romanize.rules);
const corpus = await buildCorpus(cfg.corpus, cfg.seed);
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
const row = (name: string, lines: string[]) => {
  const s = classShares(lines);
  console.log(
    `${name.padEnd(16)} words ${String(s.words).padStart(8)}  lower ${pct(s.shares.lower)}  capitalized ${pct(s.shares.capitalized)}  allcaps ${pct(s.shares.allcaps)}  latin ${pct(s.shares.latin)}`,
  );
};
for (const split of SPLITS) {
  const lines = split === 'external' ? corpus.external : corpus.splits[split];
  row(`corpus ${split}`, lines);
  const hy = romanizeSplit(lines, rules, cfg.seed, split, { perWordConsistency: cfg.romanize.perWordConsistency }).map((r) => r.hy);
  row(`romanized ${split}`, hy);
}
