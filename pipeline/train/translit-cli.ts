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
import { transliterate } from './translit.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

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
  // The evaluate stage's path (saved-model.ts): the fast model over worker threads.
  const saved = await openSavedModel(dir);
  const text = await readStdin();
  if (text === '') return; // nothing in, nothing out (not a lone newline)
  const lines = text.split('\n');
  const trailing = lines.length > 0 && lines[lines.length - 1] === '';
  if (trailing) lines.pop();
  // Keep Windows line endings out of the model, and put them back.
  const cr = lines.map((l) => l.endsWith('\r'));
  const out = await transliterate(
    lines.map((l, i) => (cr[i] ? l.slice(0, -1) : l)),
    saved.predictor,
    saved.vocab,
    { seqLen: saved.seqLen },
  );
  saved.dispose();
  process.stdout.write(out.map((l, i) => l + (cr[i] ? '\r' : '')).join('\n') + (trailing ? '\n' : ''));
});
