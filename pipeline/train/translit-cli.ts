/**
 * Transliterate romanized Armenian from stdin to Armenian script on stdout, one line per line:
 *
 *   echo "Barev Dzez" | npm run -s translit -- --run artifacts/default
 *
 * `--run` is a run's artifact folder (its model/ subfolder is read) or a model folder itself.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseCliArgs } from '../lib/cli-args.ts';
import { UserError, runCli } from '../lib/errors.ts';
import { initBackend } from './backend.ts';
import { openSavedModel } from './saved-model.ts';
import { transliterateStream } from './translit-stream.ts';

void runCli(async () => {
  const usage = 'npm run translit -- --run artifacts/<run>  < romanized.txt';
  const { values } = parseCliArgs('translit', usage, { options: { run: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(`usage: ${usage}\n`);
    return;
  }
  const run = values.run ?? 'artifacts/default';
  if (run === '') throw new UserError('translit', `--run needs a folder (usage: ${usage})`);
  const dir = existsSync(join(run, 'model', 'model.json')) ? join(run, 'model') : run;
  if (!existsSync(join(dir, 'model.json')))
    throw new UserError(run, 'no model here (expected model/model.json): train it first with make train');
  await initBackend({ quiet: true });
  // The evaluate stage's path (saved-model.ts): the checked model, run as the fast model over worker threads.
  const saved = await openSavedModel(dir);
  try {
    const write = (text: string) => new Promise<void>((done) => (process.stdout.write(text) ? done() : process.stdout.once('drain', done)));
    await transliterateStream(process.stdin, write, saved);
  } finally {
    saved.dispose();
  }
});
