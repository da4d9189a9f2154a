/**
 * Transliterate romanized Armenian from stdin to Armenian script on stdout, one line per line:
 *
 *   echo "Barev Dzez" | npm run -s translit -- --run artifacts/default
 *
 * `--run` is a run's artifact folder (its model/ subfolder is read) or a model folder itself.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, runCli } from '../lib/errors.ts';
import { initBackend } from './backend.ts';
import { openSavedModel } from './saved-model.ts';
import { transliterateStream } from './translit-stream.ts';

void runCli(async () => {
  const args = process.argv.slice(2);
  let run = 'artifacts/default';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--run') run = args[++i] ?? '';
    else if (args[i].startsWith('--run=')) run = args[i].slice('--run='.length);
    else if (args[i] === '--help' || args[i] === '-h') {
      process.stdout.write('usage: npm run translit -- --run artifacts/<run>  < romanized.txt\n');
      return;
    } else throw new UserError('translit', `unknown argument ${args[i]} (usage: --run artifacts/<run>)`);
  }
  const dir = existsSync(join(run, 'model', 'model.json')) ? join(run, 'model') : run;
  if (!existsSync(join(dir, 'model.json')))
    throw new UserError(run, 'no model here (expected model/model.json): train it first with make train');
  await initBackend({ quiet: true });
  // The evaluate stage's path (saved-model.ts): the fast model over worker threads.
  const saved = await openSavedModel(dir);
  try {
    await transliterateStream(process.stdin, (text) => new Promise<void>((done) => (process.stdout.write(text) ? done() : process.stdout.once('drain', done))), saved);
  } finally {
    saved.dispose();
  }
});
