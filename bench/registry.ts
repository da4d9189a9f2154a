/**
 * Benchmark sections are pluggable: a file per section under bench/ calls `registerSection`, and bench/run.ts
 * imports it. Each section returns flat numeric/string results that go into the final JSON line.
 */

export interface BenchOptions {
  batch: number;
  time: number;
  warmup: number;
  steps: number;
  cell: 'lstm' | 'gru' | 'rnn';
  units: number;
  hidden: number;
  inputSize: number;
  outputSize: number;
  /** Data-parallel training workers (1 = main thread only). */
  workers: number;
}

export interface BenchSection {
  name: string;
  /** Slow or special sections run only when named in --only. */
  optIn?: boolean;
  /** Prints its own human-readable lines (to stderr) and returns values for the JSON summary. */
  run(opts: BenchOptions): Promise<Record<string, number | string>>;
}

const sections: BenchSection[] = [];

export function registerSection(section: BenchSection): void {
  if (sections.some((s) => s.name === section.name)) throw new Error(`bench section "${section.name}" registered twice`);
  sections.push(section);
}

export function registeredSections(): readonly BenchSection[] {
  return sections;
}

/**
 * Median of timed repetitions, in ms, after `warmup` untimed ones. Also the median process CPU time per
 * repetition: on a shared machine wall time mostly measures the neighbours, CPU time what the code costs.
 */
export async function timeMedian(
  warmup: number,
  steps: number,
  fn: () => Promise<unknown>,
): Promise<{ medianMs: number; samplesMs: number[]; medianCpuMs: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const samplesMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < steps; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    samplesMs.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuMs.push((c.user + c.system) / 1000);
  }
  return { medianMs: median(samplesMs), samplesMs, medianCpuMs: median(cpuMs) };
}

export function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
