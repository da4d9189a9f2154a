/** `npm run diff -- artifacts/<runA> artifacts/<runB> [--json]`: compare two runs. */
import { canonicalJson } from '../lib/json.ts';
import { parseCliArgs } from '../lib/cli-args.ts';
import { runCli, UserError } from '../lib/errors.ts';
import { compareRuns, formatDiff } from './compare.ts';
import { loadRunArtifacts } from './load.ts';

void runCli(async () => {
  const usage = 'npm run diff -- artifacts/<runA> artifacts/<runB> [--json]';
  const { values, positionals: dirs } = parseCliArgs('npm run diff', usage, { options: { json: { type: 'boolean' } }, allowPositionals: true });
  if (dirs.length !== 2) throw new UserError('npm run diff', `expected two run folders, got ${dirs.length} (usage: ${usage})`);
  const diff = compareRuns(loadRunArtifacts(dirs[0]), loadRunArtifacts(dirs[1]));
  process.stdout.write(values.json === true ? canonicalJson(diff) : formatDiff(diff));
});
