import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readArtifact } from '../lib/artifact.ts';
import { readVersionedArtifact } from '../lib/compact-artifact.ts';
import { rankedLayers } from '../lib/unit-ranking.ts';
import { UserError } from '../lib/errors.ts';
import { ClaimsFile } from '../lib/schemas/analyses.ts';
import { PAIR_FILE_VERSION, PairFile, PairsIndex, LayersSummary, SignatureFile, UnitsFile } from '../lib/schemas/stats.ts';
import { TrainLog } from '../lib/schemas/train.ts';
import { EvalFile } from '../lib/schemas/evaluate.ts';
import type { PairRanking, RunArtifacts } from './compare.ts';

function optional<T>(path: string, read: (p: string) => T): T | null {
  return existsSync(path) ? read(path) : null;
}

/** Load what a comparison needs from artifacts/<run>/, through the artifact schemas; absent files are null. */
export function loadRunArtifacts(dir: string): RunArtifacts {
  if (!existsSync(join(dir, 'manifest.json')))
    throw new UserError(dir, 'not a run directory (no manifest.json): expected artifacts/<run>');
  const index = optional(join(dir, 'stats', 'pairs', 'index.json'), (p) => readArtifact(p, PairsIndex));
  const pairs = new Map<string, PairRanking>();
  for (const info of index?.pairs ?? []) {
    const file = readVersionedArtifact(join(dir, 'stats', 'pairs', info.file), PairFile, PAIR_FILE_VERSION);
    pairs.set(info.label, { input: file.input, output: file.output, layers: rankedLayers(file.corrected) });
  }
  return {
    name: basename(dir),
    eval: optional(join(dir, 'eval.json'), (p) => readArtifact(p, EvalFile)),
    trainLog: optional(join(dir, 'train-log.json'), (p) => readArtifact(p, TrainLog)),
    layers: optional(join(dir, 'stats', 'layers.json'), (p) => readArtifact(p, LayersSummary)),
    claims: optional(join(dir, 'claims.json'), (p) => readArtifact(p, ClaimsFile)),
    pairs,
    signature: optional(join(dir, 'stats', 'signature.json'), (p) => readArtifact(p, SignatureFile)),
    units: optional(join(dir, 'stats', 'units.json'), (p) => readArtifact(p, UnitsFile)),
  };
}
