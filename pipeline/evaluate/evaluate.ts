import type { EvalFile } from '../lib/schemas/evaluate.ts';
import { unalignSymbols, type AlignedPair, type Vocab } from '../train/data.ts';
import { inputConfusion, scorePairs } from '../train/metrics.ts';
import { predictAligned, unalignPrediction, type Predictor, type TranslitOptions } from '../train/translit.ts';

/**
 * The test-split evaluation behind eval.json: the model and the rule-based baseline scored the same way (on
 * un-aligned strings), the confusions of ambiguous input letters, fixed example sentences and a few mistakes.
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
  model: Predictor;
  vocab: Vocab;
  translit: TranslitOptions;
  baseline: { method: string; apply: (latin: string) => string };
  examples?: readonly string[];
  maxMistakes?: number;
}

export async function evaluate(inp: EvaluateInput): Promise<Omit<EvalFile, 'schemaVersion'>> {
  const inputs = inp.test.map((p) => p.input.join(''));
  const truth = inp.test.map((p) => unalignSymbols(p.output));
  const aligned = await predictAligned(inputs, inp.model, inp.vocab, inp.translit);
  const predicted = aligned.map((a, i) => unalignPrediction(inp.test[i].input, a));

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

  return {
    test: scorePairs(predicted, truth),
    baseline: { method: inp.baseline.method, test: scorePairs(inputs.map(inp.baseline.apply), truth) },
    alignedAccuracy: steps ? (100 * right) / steps : 100,
    confusion: inputConfusion(inp.test.map((p, i) => ({ input: p.input, truth: p.output, predicted: aligned[i] }))),
    examples: examples.map((input, i) => ({ input, output: exampleOut[i], baseline: inp.baseline.apply(input) })),
    mistakes,
  };
}
