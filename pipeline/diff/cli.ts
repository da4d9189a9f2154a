/** `npm run diff -- artifacts/<runA> artifacts/<runB> [--json]`: compare two runs. */
import { canonicalJson } from '../lib/json.ts';
import { runCli, UserError } from '../lib/errors.ts';
import { compareAblation, formatAblationDiff, loadAblation } from './ablation.ts';
import { compareRuns, formatDiff } from './compare.ts';
import { loadRunArtifacts } from './load.ts';

void runCli(async () => {
  const args = process.argv.slice(2);
  const dirs = args.filter((a) => !a.startsWith('--'));
  if (dirs.length !== 2) throw new UserError('npm run diff', 'usage: npm run diff -- artifacts/<runA> artifacts/<runB> [--json]');
  const diff = compareRuns(loadRunArtifacts(dirs[0]), loadRunArtifacts(dirs[1]));
  const ablation = compareAblation(loadAblation(dirs[0]), loadAblation(dirs[1]));
  process.stdout.write(
    args.includes('--json') ? canonicalJson({ ...diff, ablation }) : formatDiff(diff) + formatAblationDiff(ablation, [diff.a, diff.b]),
  );
});
