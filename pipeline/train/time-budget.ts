import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readArtifact } from '../lib/artifact.ts';
import { TrainLog } from '../lib/schemas/train.ts';

/**
 * `train.maxMinutes` is a safety net, never a schedule: a training it cut (train-log.json `stopReason:
 * "time-budget"`) got as far as this machine's speed allowed, so its weights and everything downstream will not
 * reproduce elsewhere. The pipeline says so loudly at the end of its summary (the site shows the same field).
 */
export function timeBudgetWarning(artifactsDir: string, run: string, maxMinutes: number): string | null {
  const path = join(artifactsDir, 'train-log.json');
  if (!existsSync(path)) return null;
  let stopReason: string;
  try {
    stopReason = readArtifact(path, TrainLog).stopReason;
  } catch {
    return null; // an unreadable log is the train stage's business (its output check reruns it)
  }
  if (stopReason !== 'time-budget') return null;
  return (
    `WARNING: ${run}: training was cut by the train.maxMinutes safety net (${maxMinutes} min), not by its schedule ` +
    `(${path}: stopReason "time-budget"): its weights depend on this machine's speed and will not reproduce elsewhere`
  );
}
