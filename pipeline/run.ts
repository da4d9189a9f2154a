/**
 * The orchestrator behind `make report`: runs the stages of one or more runs in order, skipping those whose
 * inputs did not change (like `dvc repro`), under a per-run lock, then prints a summary.
 *
 *   tsx pipeline/run.ts [--config config/default.json | --runs all] [--until stage] [--only stage] [--force[=stage,…]]
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseCliArgs } from './lib/cli-args.ts';
import { runCli, UserError } from './lib/errors.ts';
import { STALE_MS, acquireLock } from './lib/lock.ts';
import { checkRunInputs } from './lib/preflight.ts';
import { clock, log } from './lib/progress.ts';
import { executeStage, makeContext } from './lib/stage.ts';
import { STAGE_NAMES, loadStage, type StageName } from './stages.ts';
import { timeBudgetWarning } from './train/time-budget.ts';

interface Args {
  configs: string[];
  until?: StageName;
  only?: StageName;
  force: Set<string> | 'all';
}

const USAGE = 'tsx pipeline/run.ts [--config FILE …| --runs all|a.json,b.json] [--until STAGE] [--only STAGE] [--force[=STAGE,…]]';

function parseRunArgs(argv: string[]): Args {
  // A bare `--force` means all stages; parseArgs needs every string option to carry its value.
  const { values } = parseCliArgs('pipeline/run.ts', USAGE, {
    options: {
      config: { type: 'string', multiple: true },
      runs: { type: 'string' },
      until: { type: 'string' },
      only: { type: 'string' },
      force: { type: 'string' },
    },
  }, argv.map((a) => (a === '--force' ? '--force=all' : a)));
  const stageArg = (v: string | undefined, flag: string): StageName | undefined => {
    if (v === undefined) return undefined;
    if (!(STAGE_NAMES as readonly string[]).includes(v))
      throw new UserError(flag, `expected one of ${STAGE_NAMES.join(', ')}, got ${JSON.stringify(v)}`);
    return v as StageName;
  };
  const configs = [...(values.config ?? [])];
  if (values.runs !== undefined) {
    // `all` = the default run plus every run in config/runs/.
    if (values.runs === 'all')
      configs.push(
        'config/default.json',
        ...readdirSync('config/runs')
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => join('config/runs', f)),
      );
    else configs.push(...values.runs.split(',').filter(Boolean));
  }
  if (configs.length === 0) configs.push(process.env.CONFIG ?? 'config/default.json');
  const f = values.force;
  let force: Args['force'] = new Set();
  if (f === '1' || f === 'all') force = 'all';
  else if (f !== undefined) {
    const names = f.split(',').filter(Boolean);
    for (const n of names) stageArg(n, '--force');
    force = new Set(names);
  }
  return { configs, until: stageArg(values.until, '--until'), only: stageArg(values.only, '--only'), force };
}

async function runOne(configPath: string, args: Args): Promise<{ summary: string[]; warnings: string[] }> {
  const ctx = makeContext(configPath);
  // Waits long enough for a killed pipeline's lock to expire; a live one is reported (it may run for hours).
  const release = await acquireLock(join(ctx.cache, 'run.lock'), { what: 'pipeline on this run', waitMs: STALE_MS + 15_000 });
  const summary: string[] = [];
  try {
    const last = args.only ?? args.until ?? STAGE_NAMES[STAGE_NAMES.length - 1];
    const names = args.only ? [args.only] : STAGE_NAMES.slice(0, STAGE_NAMES.indexOf(last) + 1);
    for (const [i, name] of names.entries()) {
      const stage = await loadStage(name);
      const t0 = Date.now();
      log('pipeline', `${ctx.cfg.run}: stage ${i + 1}/${names.length} ${name}`);
      const force = args.force === 'all' || args.force.has(name);
      const { ran, reason } = await executeStage(ctx, stage, { force });
      const took = clock((Date.now() - t0) / 1000);
      summary.push(`  ${ctx.cfg.run.padEnd(12)} ${name.padEnd(9)} ${ran ? `ran (${reason})` : 'cached'}  ${took}`);
    }
  } finally {
    await release();
  }
  const warning = timeBudgetWarning(ctx.artifacts, ctx.cfg.run, ctx.cfg.train.maxMinutes);
  return { summary, warnings: warning ? [warning] : [] };
}

void runCli(async () => {
  const args = parseRunArgs(process.argv.slice(2));
  // Every run's user-supplied files are checked before any stage of any run starts.
  for (const c of args.configs) {
    const ctx = makeContext(c);
    checkRunInputs(ctx.cfg, c, ctx.root);
  }
  const t0 = Date.now();
  const lines: string[] = [];
  const warnings: string[] = [];
  for (const c of args.configs) {
    const r = await runOne(c, args);
    lines.push(...r.summary);
    warnings.push(...r.warnings);
  }
  process.stderr.write(`\npipeline summary (${clock((Date.now() - t0) / 1000)}):\n${lines.join('\n')}\n`);
  for (const w of warnings) process.stderr.write(`\n${w}\n`);
});
