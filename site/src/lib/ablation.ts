/**
 * The ablation artifacts of a run (artifacts/<run>/ablation/, written by pipeline/ablate), read once per build
 * through loadArtifact with the pipeline's schemas. Absent files give null: the pages then say the stage has not run.
 */
import {
  AblationClaims,
  AblationIndex,
  AblationPair,
  type AblationIndex as Index,
  type AblationPair as Pair,
  type AblationClaims as Claims,
} from '../../../pipeline/lib/schemas/ablation.ts';
import { loadArtifact } from './artifacts.ts';

export const ABLATION_REFS = {
  index: { file: 'ablation/index.json', stage: 'ablation', schema: 'AblationIndex' },
  claims: { file: 'ablation/claims.json', stage: 'ablation', schema: 'AblationClaims' },
} as const;

const indexes = new Map<string, Index | null>();
const pairs = new Map<string, Pair | null>();
const claims = new Map<string, Claims | null>();

export function ablationIndex(run: string): Index | null {
  if (!indexes.has(run)) indexes.set(run, loadArtifact(run, ABLATION_REFS.index, AblationIndex));
  return indexes.get(run) ?? null;
}

export function ablationClaims(run: string): Claims | null {
  if (!claims.has(run)) claims.set(run, loadArtifact(run, ABLATION_REFS.claims, AblationClaims));
  return claims.get(run) ?? null;
}

/** The pair's ablation file, or null when the stage has not run or did not measure this pair. */
export function ablationOfPair(run: string, input: string, output: string): Pair | null {
  const info = ablationIndex(run)?.pairs.find((p) => p.input === input && p.output === output);
  if (!info) return null;
  const key = `${run}/${info.file}`;
  if (!pairs.has(key))
    pairs.set(key, loadArtifact(run, { file: `ablation/pairs/${info.file}`, stage: 'ablation', schema: 'AblationPair' }, AblationPair));
  return pairs.get(key) ?? null;
}
