import { describe, expect, it } from 'vitest';
import { Rng } from '../../pipeline/lib/rng.ts';
import { createModel } from '../../pipeline/train/model.ts';
import type { Batch } from '../../pipeline/train/model-api.ts';

function batch(seed: number): Batch {
  const rng = new Rng(seed);
  const n = 4 * 6;
  return {
    inputs: new Int32Array(n).map(() => rng.int(5)),
    targets: new Int32Array(n).map(() => rng.int(6)),
    mask: new Float32Array(n).fill(1),
    batch: 4,
    time: 6,
  };
}

async function weightsAfterSteps(lrs: number[]): Promise<Float32Array> {
  const model = await createModel({ model: { cell: 'lstm', units: 4, hidden: 4 }, inputSize: 5, outputSize: 6, seed: 3, learningRate: 0.01 });
  try {
    for (const [i, lr] of lrs.entries()) {
      model.setLearningRate(lr);
      await model.trainStep(batch(i));
    }
    return (await model.getState()).weights['output/kernel'].data;
  } finally {
    model.dispose();
  }
}

describe('setLearningRate', () => {
  it('sets the step size of the following Adam steps', async () => {
    const initial = await weightsAfterSteps([]);
    // A zero step size leaves the weights where they were (Adam moments still accumulate).
    expect(await weightsAfterSteps([0, 0])).toEqual(initial);
    const full = await weightsAfterSteps([0.01, 0.01]);
    const decayed = await weightsAfterSteps([0.01, 0.001]);
    expect(full).not.toEqual(decayed);
    // The same schedule gives the same weights: the rate is part of the run, not of the machine.
    expect(await weightsAfterSteps([0.01, 0.001])).toEqual(decayed);
  });
});
