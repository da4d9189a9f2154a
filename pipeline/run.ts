/**
 * The orchestrator behind `make report`: runs the stages of one or more runs in order, skipping those whose
 * inputs did not change (like `dvc repro`), under a per-run lock, then prints a summary.
 *
 *   tsx pipeline/run.ts [--config config/default.json | --runs all] [--until stage] [--only stage] [--force[=stage,…]]
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, UserError } from './lib/errors.ts';
import { acquireLock } from './lib/lock.ts';
import { clock, log } from './lib/progress.ts';
import { executeStage, makeContext } from './lib/stage.ts';
import { STAGE_NAMES, loadStage, type StageName } from './stages.ts';

interface Args {
  configs: string[];
  until?: StageName;
  only?: StageName;
  force: Set<string> | 'all';
}

function parseArgs(argv: string[]): Args {
  const args: Args = { configs: [], force: new Set() };
  const stageArg = (v: string | undefined, flag: string): StageName => {
    if (!v || !(STAGE_NAMES as readonly string[]).includes(v))
      throw new UserError(flag, `expected one of ${STAGE_NAMES.join(', ')}, got ${JSON.stringify(v)}`);
    return v as StageName;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--config') args.configs.push(argv[++i]);
    else if (a === '--runs') {
      const v = argv[++i];
      // `all` = the default run plus every run in config/runs/.
      if (v === 'all')
        args.configs.push(
          'config/default.json',
          ...readdirSync('config/runs')
            .filter((f) => f.endsWith('.json'))
            .sort()
            .map((f) => join('config/runs', f)),
        );
      else args.configs.push(...v.split(',').filter(Boolean));
    } else if (a === '--until') args.until = stageArg(argv[++i], '--until');
    else if (a === '--only') args.only = stageArg(argv[++i], '--only');
    else if (a === '--force') args.force = 'all';
    else if (a.startsWith('--force=')) {
      const v = a.slice('--force='.length);
      args.force = v === '1' || v === 'all' ? 'all' : new Set(v.split(','));
    } else throw new UserError('pipeline/run.ts', `unknown argument ${a}`);
  }
  if (args.configs.length === 0) args.configs.push(process.env.CONFIG ?? 'config/default.json');
  return args;
}

async function runOne(configPath: string, args: Args): Promise<string[]> {
  const ctx = makeContext(configPath);
  const release = acquireLock(join(ctx.cache, 'pipeline.lock'));
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
    release();
  }
  return summary;
}

void runCli(async () => {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const lines: string[] = [];
  for (const c of args.configs) lines.push(...(await runOne(c, args)));
  process.stderr.write(`\npipeline summary (${clock((Date.now() - t0) / 1000)}):\n${lines.join('\n')}\n`);
});
