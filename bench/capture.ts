/**
 * The capture's forward pass on worker threads (`npm run bench -- --only capture`): the same ~24,000 steps of
 * sentences (20–160 steps, the default run's range) through forward-pool.ts on 1 thread and on captureWorkers()
 * threads, for `captureSerialStepsPerSec` and `captureParallelStepsPerSec` (wall) with the CPU time beside them.
 * The bytes are the same either way (test/capture/capture-stage.test.ts).
 */
import { captureWorkers, forwardInOrder } from '../pipeline/capture/forward-pool.ts';
import { Rng } from '../pipeline/lib/rng.ts';
import { registerSection, timeMedian } from './registry.ts';
import { randomModel } from './stats.ts';

registerSection({
  name: 'capture',
  async run(o) {
    const rng = new Rng(1, 'bench/capture');
    const model = { ...randomModel(o, rng), seqLen: 80 };
    const sentences: Int32Array[] = [];
    let steps = 0;
    while (steps < 24_000) {
      const s = Int32Array.from({ length: 20 + rng.int(141) }, () => 2 + rng.int(o.inputSize - 2));
      sentences.push(s);
      steps += s.length;
    }
    const out: Record<string, number> = { captureWorkers: captureWorkers() };
    for (const [key, workers] of [
      ['captureSerial', 1],
      ['captureParallel', captureWorkers()],
    ] as const) {
      const r = await timeMedian(Math.min(o.warmup, 1), Math.min(o.steps, 3), async () => {
        for await (const _ of forwardInOrder(model, sentences, workers));
      });
      out[`${key}StepsPerSec`] = Math.round((steps / r.medianMs) * 1000);
      out[`${key}CpuMs`] = Math.round(r.medianCpuMs);
      console.error(`capture forward, ${workers} thread(s): ${out[`${key}StepsPerSec`]} steps/s (median wall ${r.medianMs.toFixed(0)} ms, CPU ${r.medianCpuMs.toFixed(0)} ms)`);
    }
    return out;
  },
});
