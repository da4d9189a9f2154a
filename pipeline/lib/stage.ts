import { existsSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { readArtifact, writeArtifact } from './artifact.ts';
import { loadConfig, publicConfig, sectionHash, type RunConfig } from './config.ts';
import { UserError, runCli } from './errors.ts';
import { parseCliArgs } from './cli-args.ts';
import { closureHash } from './code-closure.ts';
import { hashJson } from './hash.ts';
import { HashMemo } from './hash-memo.ts';
import { checkRunInputs } from './preflight.ts';
import { artifactDir, cacheDir } from './paths.ts';
import { log } from './progress.ts';

/**
 * A pipeline stage, declared like a DVC stage: which config sections and input files it depends on, which code
 * makes it, and a `run` that writes its outputs (atomically) and returns their paths. The manifest records the
 * hashes of all of these, so a stage whose inputs did not change is skipped, and a corrupted output is noticed.
 */
export interface StageContext {
  cfg: RunConfig;
  configPath: string;
  root: string;
  /** artifacts/<run>/ (committed) */
  artifacts: string;
  /** .cache/<run>/ (git-ignored) */
  cache: string;
}

export interface Stage {
  name: string;
  /** Config sections the stage reads; the seed is always included. */
  sections: (keyof RunConfig)[];
  /**
   * The stage's entry module (relative to the root; default `pipeline/<name>/stage.ts`). Its runtime import closure
   * is the stage's code version (see ./code-closure.ts): no hand-written list of code files.
   */
  entry?: string;
  /** Files the stage reads (upstream outputs, rules files…), relative to the root. */
  inputs(ctx: StageContext): string[];
  /** Do the work; return every file written (relative to the root or absolute). */
  run(ctx: StageContext): Promise<string[]>;
  /**
   * Outputs that legitimately differ between identical runs (wall-clock logs). The manifest records them as
   * `volatile` instead of a hash, so it stays byte-identical across runs; they are only checked for existence.
   */
  volatileOutputs?: (ctx: StageContext) => string[];
}

export const VOLATILE = 'volatile';

const StageRecord = z.object({
  key: z.string(),
  configHash: z.string(),
  codeVersion: z.string(),
  inputs: z.record(z.string(), z.string()),
  outputs: z.record(z.string(), z.string()),
});
export type StageRecord = z.infer<typeof StageRecord>;

export const Manifest = z.object({
  schemaVersion: z.number(),
  run: z.string(),
  configHash: z.string(),
  config: z.unknown(),
  stages: z.record(z.string(), StageRecord),
});
export type Manifest = z.infer<typeof Manifest>;

export function makeContext(configPath: string, root = process.cwd()): StageContext {
  const cfg = loadConfig(configPath);
  return { cfg, configPath, root, artifacts: artifactDir(cfg, root), cache: cacheDir(cfg, root) };
}

export function manifestPath(ctx: StageContext): string {
  return join(ctx.artifacts, 'manifest.json');
}

/**
 * A copy of the manifest kept in .cache/<run>/: if the committed one is corrupt, truncated or of another schema
 * version, the run still has the records to re-verify against (every stage is re-checked, outputs by hash, so a
 * stage is skipped only if what it recorded is still exactly there).
 */
export function manifestBackupPath(ctx: StageContext): string {
  return join(ctx.cache, 'manifest.json');
}

function freshManifest(ctx: StageContext): Manifest {
  return { schemaVersion: 0, run: ctx.cfg.run, configHash: hashJson(ctx.cfg), config: publicConfig(ctx.cfg), stages: {} };
}

function tryRead(path: string, run: string): { manifest: Manifest } | { problem: string } {
  try {
    const m = readArtifact(path, Manifest);
    if (m.run !== run) return { problem: `records run "${m.run}", not "${run}"` };
    return { manifest: m };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { problem: err.problem };
  }
}

/**
 * The run's manifest, or a fresh one. A manifest that cannot be used never blocks the run (not even under
 * FORCE): one warning line, then the .cache copy if it is intact, else no records (every stage reruns).
 */
export function readManifest(ctx: StageContext): Manifest {
  const path = manifestPath(ctx);
  if (!existsSync(path)) return freshManifest(ctx);
  const primary = tryRead(path, ctx.cfg.run);
  if ('manifest' in primary) return primary.manifest;
  const backupPath = manifestBackupPath(ctx);
  const backup = existsSync(backupPath) ? tryRead(backupPath, ctx.cfg.run) : null;
  const recovered = backup && 'manifest' in backup ? backup.manifest : freshManifest(ctx);
  log(
    'pipeline',
    `warning: ${rel(ctx, path)} is unusable (${primary.problem.split('\n')[0]}): treating it as absent, ` +
      (recovered.schemaVersion ? `re-verifying every stage against ${rel(ctx, backupPath)}` : 'every stage reruns'),
  );
  // Rewrite it now, so the warning is not repeated for every stage that stays cached.
  writeManifest(ctx, recovered.stages);
  return recovered;
}

function writeManifest(ctx: StageContext, stages: Manifest['stages']): void {
  const body = { run: ctx.cfg.run, configHash: hashJson(ctx.cfg), config: publicConfig(ctx.cfg), stages };
  writeArtifact(manifestPath(ctx), body);
  writeArtifact(manifestBackupPath(ctx), body);
}

/**
 * Paths as the manifest and the artifacts show them: relative to the project root; a file outside it (a corpus
 * source elsewhere on the user's machine) is named by its base name only, so no local path is ever published.
 */
function rel(ctx: StageContext, p: string): string {
  const r = relative(ctx.root, resolve(ctx.root, p)).split('\\').join('/');
  return r.startsWith('../') || isAbsolute(r) ? `(local)/${basename(p)}` : r;
}

/** The run's hash memo (.cache/<run>/hash-memo.json, see ./hash-memo.ts). */
function memoOf(ctx: StageContext): HashMemo {
  return new HashMemo(join(ctx.cache, 'hash-memo.json'));
}

async function hashFiles(ctx: StageContext, files: string[], memo = memoOf(ctx)): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const byKey = new Map<string, string>();
  for (const p of files) byKey.set(rel(ctx, p), resolve(ctx.root, p));
  for (const f of [...byKey.keys()].sort()) {
    const abs = byKey.get(f)!;
    if (!existsSync(abs)) throw new UserError(f, 'missing: an upstream stage has not produced it (run make report)');
    out[f] = await memo.sha256(abs);
  }
  return out;
}

/**
 * An input that another stage produced must still be what that stage recorded: a dataset corrupted in .cache/
 * never reaches a stage that reads it (the orchestrator reruns the producer first; `--only`/a stage CLI stops here).
 */
function checkUpstream(manifest: Manifest, self: string, inputs: Record<string, string>): void {
  for (const [name, rec] of Object.entries(manifest.stages)) {
    if (name === self) continue;
    for (const [file, sha] of Object.entries(rec.outputs))
      if (sha !== VOLATILE && file in inputs && inputs[file] !== sha)
        throw new UserError(file, `differs from what the ${name} stage wrote (modified or corrupted): rerun the pipeline (make report), which redoes ${name}`);
  }
}

export function stageEntry(stage: Stage): string {
  return stage.entry ?? `pipeline/${stage.name}/stage.ts`;
}

export function codeVersion(ctx: StageContext, stage: Stage): string {
  return closureHash(ctx.root, stageEntry(stage));
}

/** Why the stage must run, or null when its recorded outputs are up to date and intact. */
export async function staleReason(ctx: StageContext, stage: Stage, manifest: Manifest): Promise<string | null> {
  const rec = manifest.stages[stage.name];
  if (!rec) return 'never ran';
  const configHash = sectionHash(ctx.cfg, ...stage.sections);
  if (rec.configHash !== configHash) return 'config changed';
  if (rec.codeVersion !== codeVersion(ctx, stage)) return 'code changed';
  const memo = memoOf(ctx);
  try {
    const inputs = await hashFiles(ctx, stage.inputs(ctx), memo);
    if (hashJson(inputs) !== hashJson(rec.inputs)) return 'inputs changed';
    for (const [file, sha] of Object.entries(rec.outputs)) {
      const abs = join(ctx.root, file);
      if (!existsSync(abs)) return `output ${file} is missing`;
      if (sha !== VOLATILE && (await memo.sha256(abs)) !== sha) return `output ${file} was modified or corrupted`;
    }
    return null;
  } finally {
    memo.save();
  }
}

/** Run a stage if it is stale (or forced), then record it in the manifest. Returns whether it ran. */
export async function executeStage(
  ctx: StageContext,
  stage: Stage,
  opts: { force?: boolean } = {},
): Promise<{ ran: boolean; reason: string }> {
  const before = readManifest(ctx);
  const reason = opts.force ? 'forced' : await staleReason(ctx, stage, before);
  if (reason === null) return { ran: false, reason: 'up to date' };
  log(stage.name, `running (${reason})`);
  const inputs = await hashFiles(ctx, stage.inputs(ctx));
  checkUpstream(before, stage.name, inputs);
  const written = await stage.run(ctx);
  const memo = memoOf(ctx);
  const outputs = await hashFiles(ctx, written, memo);
  memo.save();
  for (const v of stage.volatileOutputs?.(ctx) ?? []) if (rel(ctx, v) in outputs) outputs[rel(ctx, v)] = VOLATILE;
  const configHash = sectionHash(ctx.cfg, ...stage.sections);
  const code = codeVersion(ctx, stage);
  // Re-read: the manifest may only be written by this process (the orchestrator holds the run lock).
  const manifest = readManifest(ctx);
  manifest.stages[stage.name] = {
    key: hashJson({ configHash, code, inputs }),
    configHash,
    codeVersion: code,
    inputs,
    outputs,
  };
  writeManifest(ctx, manifest.stages);
  return { ran: true, reason };
}

/** Thin CLI for one stage: `tsx pipeline/<stage>/cli.ts [config.json] [--force]`. */
export function stageCli(stage: Stage): void {
  void runCli(async () => {
    const command = `pipeline/${stage.name}/cli.ts`;
    const { values, positionals } = parseCliArgs(command, `tsx ${command} [config.json] [--force]`, {
      options: { force: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (positionals.length > 1) throw new UserError(command, `one config file expected, got ${positionals.length} (usage: tsx ${command} [config.json] [--force])`);
    const configPath = positionals[0] ?? process.env.CONFIG ?? 'config/default.json';
    const ctx = makeContext(configPath);
    checkRunInputs(ctx.cfg, configPath, ctx.root);
    const { ran, reason } = await executeStage(ctx, stage, { force: values.force === true });
    log(stage.name, ran ? 'done' : `cached (${reason})`);
  });
}
