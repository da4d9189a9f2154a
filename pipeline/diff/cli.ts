/**
 * `npm run diff -- artifacts/<runA> artifacts/<runB> [--json]`: compare two runs.
 * `npm run diff -- --seeds artifacts/default artifacts/default-seed2 artifacts/default-seed3 [--out artifacts/seeds.json]`:
 * the seeds summary (which claims and named units survive retraining), written for the site (seeds.ts).
 */
import { writeArtifact } from '../lib/artifact.ts';
import { canonicalJson } from '../lib/json.ts';
import { parseCliArgs } from '../lib/cli-args.ts';
import { runCli, UserError } from '../lib/errors.ts';
import { STATS_DECIMALS } from '../stats/stage.ts';
import { compareAblation, formatAblationDiff, loadAblation } from './ablation.ts';
import { compareRuns, formatDiff } from './compare.ts';
import { loadRunArtifacts } from './load.ts';
import { seedsSummary } from './seeds.ts';

void runCli(async () => {
  const usage = 'npm run diff -- artifacts/<runA> artifacts/<runB> [--json] | --seeds artifacts/<run> artifacts/<run> … [--out artifacts/seeds.json]';
  const { values, positionals: dirs } = parseCliArgs('npm run diff', usage, {
    options: { json: { type: 'boolean' }, seeds: { type: 'boolean' }, out: { type: 'string' } },
    allowPositionals: true,
  });
  if (values.seeds === true) {
    if (dirs.length < 2) throw new UserError('npm run diff', `expected at least two run folders (usage: ${usage})`);
    const out = typeof values.out === 'string' ? values.out : 'artifacts/seeds.json';
    const summary = seedsSummary(dirs.map(loadRunArtifacts));
    writeArtifact(out, summary, STATS_DECIMALS);
    for (const c of summary.claims) process.stdout.write(`${c.id.padEnd(24)} holds in ${c.holds} of ${c.runs}\n`);
    for (const u of summary.units)
      process.stdout.write(
        `${u.name.padEnd(24)} counterpart in every run: ${u.inEvery ? 'yes' : 'no'}; ` +
          `partners: ${u.counterparts.map((c) => `${c.run} #${c.neuron ?? '—'} (r ${c.r?.toFixed(2) ?? '—'}${c.same ? ', its own unit of the role' : ''})`).join(', ')}\n`,
      );
    process.stdout.write(`wrote ${out}\n`);
    return;
  }
  if (dirs.length !== 2) throw new UserError('npm run diff', `expected two run folders, got ${dirs.length} (usage: ${usage})`);
  const diff = compareRuns(loadRunArtifacts(dirs[0]), loadRunArtifacts(dirs[1]));
  const ablation = compareAblation(loadAblation(dirs[0]), loadAblation(dirs[1]));
  process.stdout.write(
    values.json === true ? canonicalJson({ ...diff, ablation }) : formatDiff(diff) + formatAblationDiff(ablation, [diff.a, diff.b]),
  );
});
