/**
 * The report stage's findings step: read the artifacts the findings are selected from (each optional but the stats
 * index and layer summary: a run whose later stages have not run gets findings that say less), select them
 * (./findings.ts) and write `report/findings.json`. Inputs are parsed with the fields this step uses only, so the
 * step keeps working while other stages add fields.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readArtifact, writeArtifact } from '../lib/artifact.ts';
import { readVersionedArtifact } from '../lib/compact-artifact.ts';
import { PAIR_FILE_VERSION } from '../lib/schemas/stats.ts';
import { layerColumn, rankOrder } from '../lib/unit-ranking.ts';
import type { StageContext } from '../lib/stage.ts';
import { buildFindings, type FindingsInput } from './findings.ts';

const Best = z.object({ max: z.number(), neuron: z.int() });
const Test = z.object({
  statistic: z.string().optional(),
  value: z.number().nullable(),
  interval: z.tuple([z.number().nullable(), z.number().nullable()]).nullable(),
  pValue: z.number().nullable(),
});
const Index = z.object({
  pairs: z.array(z.object({ label: z.string(), input: z.string(), output: z.string(), file: z.string(), section: z.enum(['post', 'copy']).optional() })),
});
const Layers = z.object({
  layers: z.array(
    z.object({
      name: z.string(),
      direction: z.enum(['fwd', 'bwd']).nullable(),
      gate: z.string(),
      pairs: z.array(Best.extend({ pair: z.int(), corrected: Best.optional() })),
    }),
  ),
});
const Ranking = z.object({ corrected: z.record(z.string(), z.array(z.number())) });
const Units = z.object({
  named: z.array(
    z.object({
      name: z.string(),
      layer: z.string(),
      neuron: z.int(),
      direction: z.enum(['fwd', 'bwd']).nullable(),
      unit: z.int(),
      profilePairs: z.array(z.string()),
      topPairs: z.array(z.string()),
      test: Test,
    }),
  ),
  patternSpecificity: z
    .object({
      pattern: z.string(),
      occurrences: z.int(),
      cell: z.object({ layer: z.string(), neuron: z.int(), value: z.number() }).nullable(),
      controls: z.array(z.object({ pattern: z.string() })),
      margin: z.number(),
      test: Test,
      rankForTt: z.int().nullable(),
    })
    .nullable(),
});
const Claims = z.object({
  claims: z.array(
    z.object({ id: z.string(), statement: z.string(), pass: z.boolean(), kind: z.enum(['post', 'robustness', 'causal']).optional(), test: Test.optional() }),
  ),
});
const Seeds = z.object({ runs: z.array(z.string()), claims: z.array(z.object({ id: z.string(), holds: z.int(), runs: z.int() })) });
const Acc = z.object({ charAccuracy: z.number(), wordAccuracy: z.number(), sentenceAccuracy: z.number() });
const Eval = z.object({ test: Acc, baseline: z.object({ method: z.string().optional(), test: Acc }) });
const Corpus = z.object({
  sentences: z.object({ total: z.int() }),
  characters: z.object({ total: z.int() }),
  natural: z.object({ share: z.number() }).optional(),
  sources: z.array(z.object({ name: z.string(), kind: z.string(), natural: z.boolean().optional(), kept: z.int(), keptChars: z.int() })),
});

const optional = <S extends z.ZodType>(path: string, schema: S): z.infer<S> | null => (existsSync(path) ? readArtifact(path, schema) : null);

/** Files the findings are read from (for the stage's manifest inputs), relative to the run's folders. */
export function findingsInputs(ctx: StageContext): string[] {
  const a = (rel: string) => join(ctx.artifacts, rel);
  const files = ['stats/pairs/index.json', 'stats/layers.json', 'stats/units.json', 'claims.json', 'ablation/claims.json', 'eval.json', 'corpus/stats.json'].map(a);
  const seeds = join(ctx.artifacts, '..', 'seeds.json');
  return [...files, seeds].filter(existsSync);
}

export function readFindingsInput(ctx: StageContext): FindingsInput {
  const a = (rel: string) => join(ctx.artifacts, rel);
  const index = readArtifact(a('stats/pairs/index.json'), Index);
  const layers = readArtifact(a('stats/layers.json'), Layers);
  const rankings = new Map<string, z.infer<typeof Ranking> | null>();
  const ranking = (label: string, layer: string): number[] | null => {
    const pair = index.pairs.find((p) => p.label === label);
    if (!pair) return null;
    const path = a(`stats/pairs/${pair.file}`);
    if (!rankings.has(label)) rankings.set(label, existsSync(path) ? readVersionedArtifact(path, Ranking, PAIR_FILE_VERSION) : null);
    const column = rankings.get(label) && layerColumn(rankings.get(label)!.corrected, layer);
    return column ? rankOrder(column) : null;
  };
  return {
    run: ctx.cfg.run,
    cell: ctx.cfg.model.cell,
    pairs: index.pairs,
    layers: layers.layers,
    ranking,
    units: optional(a('stats/units.json'), Units),
    claims: optional(a('claims.json'), Claims)?.claims ?? null,
    ablationClaims: optional(a('ablation/claims.json'), Claims)?.claims ?? null,
    seeds: optional(join(ctx.artifacts, '..', 'seeds.json'), Seeds),
    evaluation: optional(a('eval.json'), Eval),
    corpus: optional(a('corpus/stats.json'), Corpus),
  };
}

/** Select and write `report/findings.json`; returns its path. */
export function writeFindings(ctx: StageContext): string {
  const path = join(ctx.artifacts, 'report', 'findings.json');
  writeArtifact(path, buildFindings(readFindingsInput(ctx)));
  return path;
}
