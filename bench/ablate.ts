/**
 * The ablate stage's two kernels (`npm run bench -- --only ablate`): silencing concat units of evaluated steps
 * (pipeline/ablate/dense.ts: the dense layers recomputed for k = 10 units) and silencing a direction's h units with
 * the recurrence rerun (pipeline/ablate/recurrent.ts, sentences of 60 steps, one measured step each, so every
 * measurement reruns on average half a sentence). Reported per CPU-second as well, since the machine is shared.
 * The stage's time on the default run = rows × conditions / dense rate + measured steps × conditions × mean rerun
 * length / recurrent rate; the note in pipeline/ablate/README.md gives it for the default config.
 */
import { DenseAblator } from '../pipeline/ablate/dense.ts';
import { scoreRecurrent, sentenceBounds } from '../pipeline/ablate/recurrent.ts';
import { forwardSentence } from '../pipeline/capture/forward.ts';
import { CELL_LAYERS } from '../pipeline/lib/cell-layers.ts';
import { Rng } from '../pipeline/lib/rng.ts';
import { registerSection, timeMedian, type BenchOptions } from './registry.ts';
import { randomArray, randomModel } from './stats.ts';

const ROWS = 2000;
const SENTENCES = 40;
const LENGTH = 60;


async function cpuSecondsPerCall(reps: number, fn: () => Promise<unknown>): Promise<number> {
  const c0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6 / reps;
}

registerSection({
  name: 'ablate',
  async run(o) {
    const rng = new Rng(1, 'bench-ablate');
    const m = randomModel({ ...o, cell: 'lstm' }, rng); // the ablate kernels are LSTM's
    const concat = randomArray(ROWS * 2 * o.units, rng, 0.5);
    const ids = Int32Array.from({ length: ROWS }, () => 2 + rng.int(o.inputSize - 2));
    const targets = Int32Array.from({ length: ROWS }, () => 2 + rng.int(o.outputSize - 2));
    const dense = new DenseAblator(m, concat, ids, targets);
    const units = Array.from({ length: 10 }, (_, j) => j * 7);
    const values = units.map(() => 0.1);
    const rows = Array.from({ length: ROWS }, (_, r) => r);
    const runDense = async () => dense.score('concat', units, values, rows);
    const d = await timeMedian(1, Math.min(o.steps, 3), runDense);
    const denseRowsPerSec = (ROWS / d.medianMs) * 1000;
    const denseRowsPerCpuSec = ROWS / (await cpuSecondsPerCall(2, runDense));

    // Recurrent: one measured step per sentence, uniformly placed, forward direction.
    const sentIds = Int32Array.from({ length: SENTENCES * LENGTH }, () => 2 + rng.int(o.inputSize - 2));
    const sentence = Int32Array.from({ length: SENTENCES * LENGTH }, (_, s) => Math.floor(s / LENGTH));
    const bounds = sentenceBounds(sentIds, sentence);
    const steps = Int32Array.from({ length: SENTENCES }, (_, i) => i * LENGTH + rng.int(LENGTH));
    const perDir = CELL_LAYERS.lstm.length;
    const rowsOf = new Float32Array(SENTENCES * 2 * o.units);
    steps.forEach((s, q) => {
      const i = Math.floor(s / LENGTH);
      const acts = forwardSentence(m, sentIds.subarray(i * LENGTH, (i + 1) * LENGTH));
      rowsOf.set(acts[2 * perDir].subarray((s - i * LENGTH) * 2 * o.units, (s - i * LENGTH + 1) * 2 * o.units), q * 2 * o.units);
    });
    const stepTargets = Int32Array.from(steps, (s) => 2 + (s % (o.outputSize - 2)));
    const runRec = async () => scoreRecurrent(m, bounds, { direction: 'fwd', state: 'h' }, units, values, steps, rowsOf, stepTargets);
    const r = await timeMedian(1, Math.min(o.steps, 3), runRec);
    const recStepsPerSec = (SENTENCES / r.medianMs) * 1000;
    const recStepsPerCpuSec = SENTENCES / (await cpuSecondsPerCall(2, runRec));
    console.error(
      `ablate: dense (concat, k=10) ${denseRowsPerSec.toFixed(0)} rows/s wall, ${denseRowsPerCpuSec.toFixed(0)} per CPU-second; ` +
        `recurrent (fwd.h, k=10, ${LENGTH}-step sentences) ${recStepsPerSec.toFixed(0)} measured steps/s wall, ` +
        `${recStepsPerCpuSec.toFixed(0)} per CPU-second (lstm ${o.units}, hidden ${o.hidden}, output ${o.outputSize})`,
    );
    return {
      ablateDenseRowsPerSec: Math.round(denseRowsPerSec),
      ablateDenseRowsPerCpuSec: Math.round(denseRowsPerCpuSec),
      ablateRecurrentStepsPerSec: Math.round(recStepsPerSec),
      ablateRecurrentStepsPerCpuSec: Math.round(recStepsPerCpuSec),
    };
  },
});
