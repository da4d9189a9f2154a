import type { EvalFile } from '../lib/schemas/evaluate.ts';
import { unalign } from '../align/align.ts';
import type { AlignedPair, Vocab } from '../train/data.ts';
import { inputConfusion, scorePairs } from '../train/metrics.ts';
import { predictAligned, unalignPrediction, type Predictor, type TranslitOptions } from '../train/translit.ts';
import { topErrorTypes } from './error-types.ts';
import { scoreWordClasses } from './word-classes.ts';

/**
 * The test-split evaluation behind eval.json: the model and the rule-based baseline scored the same way (on
 * un-aligned strings), the confusions of ambiguous input letters, accuracy by word class, mixed-script words, the
 * most frequent error types, fixed example sentences and a few mistakes; the same scores (less the baseline and
 * the examples) on the external real-text split when there is one.
 */

/** Sentences the site shows; the first three are the post's. */
export const EXAMPLES = [
  'es sirum em Deep Learning',
  'Aydpes aveli sirun e.',
  'Barev Dzez',
  'Hayastani Hanrapetutyun',
  'inch ka chka?',
  'shnorhakalutyun',
  'Yerevany Hayastani mayraqaghaqn e',
  'vochxar',
];

export interface EvaluateInput {
  test: readonly AlignedPair[];
  /** The held-out real-text split; empty or absent = none (eval.json then has no `external`). */
  external?: readonly AlignedPair[];
  model: Predictor;
  vocab: Vocab;
  translit: TranslitOptions;
  baseline: { method: string; apply: (latin: string) => string };
  examples?: readonly string[];
  maxMistakes?: number;
}

/** Model predictions for aligned pairs: aligned symbols and the text a reader sees. */
async function predictPairs(pairs: readonly AlignedPair[], inp: EvaluateInput) {
  const inputs = pairs.map((p) => p.input.join(''));
  const truth = pairs.map((p) => unalign(p.output));
  const aligned = await predictAligned(inputs, inp.model, inp.vocab, inp.translit);
  const predicted = aligned.map((a, i) => unalignPrediction(pairs[i].input, a));
  return { inputs, truth, aligned, predicted };
}

export async function evaluate(inp: EvaluateInput): Promise<Omit<EvalFile, 'schemaVersion'>> {
  const { inputs, truth, aligned, predicted } = await predictPairs(inp.test, inp);

  let right = 0;
  let steps = 0;
  inp.test.forEach((p, i) => {
    const t = p.output;
    const a = aligned[i];
    steps += t.length;
    for (let k = 0; k < t.length; k++) if (t[k] === a[k]) right++;
  });

  const examples = inp.examples ?? EXAMPLES;
  const exampleOut = (await predictAligned(examples, inp.model, inp.vocab, inp.translit)).map((a, i) =>
    unalignPrediction(Array.from(examples[i]), a),
  );

  const mistakes: EvalFile['mistakes'] = [];
  for (let i = 0; i < inp.test.length && mistakes.length < (inp.maxMistakes ?? 12); i++)
    if (predicted[i] !== truth[i]) mistakes.push({ input: inputs[i], truth: truth[i], predicted: predicted[i] });

  const alignedTriples = inp.test.map((p, i) => ({ input: p.input, truth: p.output, predicted: aligned[i] }));
  const external = inp.external?.length ? await predictPairs(inp.external, inp) : null;
  return {
    test: scorePairs(predicted, truth),
    ...scoreWordClasses(predicted, truth),
    errorTypes: topErrorTypes(alignedTriples),
    ...(external && {
      external: { ...scorePairs(external.predicted, external.truth), ...scoreWordClasses(external.predicted, external.truth) },
    }),
    baseline: { method: inp.baseline.method, test: scorePairs(inputs.map(inp.baseline.apply), truth) },
    alignedAccuracy: steps ? (100 * right) / steps : 100,
    confusion: inputConfusion(alignedTriples),
    examples: examples.map((input, i) => ({ input, output: exampleOut[i], baseline: inp.baseline.apply(input) })),
    mistakes,
  };
}
