/** The run's findings (artifacts/<run>/report/findings.json, selected by the report stage), or null before it ran. */
import { FindingsFile } from '../../../pipeline/lib/schemas/findings.ts';
import { networkName } from '../../../pipeline/report/findings.ts';
import { loadArtifact } from './artifacts.ts';
import type { RunData } from './runs.ts';

export const FINDINGS_REF = { file: 'report/findings.json', stage: 'findings', schema: 'FindingsFile' } as const;

export function loadFindings(run: string): FindingsFile | null {
  return loadArtifact(run, FINDINGS_REF, FindingsFile);
}

/** What the pages call the run's network (BiLSTM, BiGRU, BiRNN), from its configured cell type. */
export function runNetwork(run: Pick<RunData, 'manifest'>): string {
  const model = (run.manifest?.config as { model?: { cell?: unknown } } | undefined)?.model;
  return networkName(typeof model?.cell === 'string' ? model.cell : 'lstm');
}

/** A direction's recurrent layer in words ("forward GRU"), from the network's name. */
export function directionName(run: Pick<RunData, 'manifest'>, direction: 'fwd' | 'bwd'): string {
  return `${direction === 'fwd' ? 'forward' : 'backward'} ${runNetwork(run).replace(/^Bi/, '')}`;
}
