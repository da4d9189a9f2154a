/**
 * `translit` as a tool (`npm run bench -- --only translit`): the saved default model over a file of 5,000 short
 * lines and over one 200 KB line, through the CLI's own path (saved-model.ts + translit.ts). Reports chars/s from
 * the median wall time, the median process CPU time (all threads: on a shared machine the wall time mostly
 * measures the neighbours) and the peak RSS. The model: TRANSLIT_BENCH_MODEL, default artifacts/default/model.
 */
import { existsSync } from 'node:fs';
import { openSavedModel } from '../pipeline/train/saved-model.ts';
import { transliterate } from '../pipeline/train/translit.ts';
import { registerSection, timeMedian } from './registry.ts';
import { longLine, shortLines } from './translit-text.ts';

/** Peak resident memory while `fn` runs, sampled every 20 ms. */
export async function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakMB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakMB: peak / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

export const TRANSLIT_INPUTS = { short: () => shortLines(5000), long: () => [longLine(200_000)] };

registerSection({
  name: 'translit',
  async run(o) {
    const dir = process.env.TRANSLIT_BENCH_MODEL ?? 'artifacts/default/model';
    if (!existsSync(`${dir}/model.json`)) {
      console.error(`translit: no model at ${dir} (train it, or set TRANSLIT_BENCH_MODEL): skipped`);
      return {};
    }
    const saved = await openSavedModel(dir);
    const out: Record<string, number | string> = { translitEngine: saved.engine };
    try {
      for (const [name, make] of Object.entries(TRANSLIT_INPUTS)) {
        const lines = make();
        const chars = lines.reduce((n, l) => n + l.length, 0);
        const { value: r, peakMB } = await peakRss(() =>
          timeMedian(Math.min(o.warmup, 1), Math.min(o.steps, 3), () => transliterate(lines, saved.predictor, saved.vocab, { seqLen: saved.seqLen })),
        );
        const key = name === 'short' ? 'translitShortLines' : 'translitLongLine';
        out[`${key}CharsPerSec`] = Math.round((chars / r.medianMs) * 1000);
        out[`${key}CpuMs`] = Math.round(r.medianCpuMs);
        out[`${key}PeakRssMB`] = Math.round(peakMB);
        console.error(
          `translit ${name === 'short' ? `${lines.length} short lines` : '1 long line'} (${chars} chars): ` +
            `${out[`${key}CharsPerSec`]} chars/s (median wall ${r.medianMs.toFixed(0)} ms, CPU ${r.medianCpuMs.toFixed(0)} ms), peak RSS ${peakMB.toFixed(0)} MB`,
        );
      }
    } finally {
      saved.dispose();
    }
    return out;
  },
});
