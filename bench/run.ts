/**
 * `npm run bench [-- --json] [--batch 256] [--time 40] [--warmup 3] [--steps 7] [--cell lstm] [--units 228]
 *  [--hidden 228] [--input 72] [--output 150] [--only model,…] [--workers 1]`
 * Opt-in sections (run only when named in --only): `site` (builds the report: size, files, build time), `layers` (stock tf.layers training, with and without the wasm
 * matmul fix; slow).
 * Human-readable lines go to stderr; with --json the LAST stdout line is one JSON object with at least
 * `backend`, `trainCharsPerSec`, `inferCharsPerSec`. Sections register themselves (bench/registry.ts).
 */
import { cpus } from 'node:os';
import { parseCliArgs } from '../pipeline/lib/cli-args.ts';
import { UserError } from '../pipeline/lib/errors.ts';
import { initBackend } from '../pipeline/train/backend.ts';
import { registeredSections, type BenchOptions } from './registry.ts';
import './model-speed.ts';
import './layers-baseline.ts';
import './stats.ts';
import './ablate.ts';
import './translit.ts';
import './capture.ts';
import './site.ts';

const USAGE = 'npm run bench -- [--json] [--only SECTION] [--batch N] [--time S] [--cell lstm|gru|rnn] …';
/** parseArgs strict, but an unknown flag or a missing value is one line and exit 1, as in every CLI here. */
function parseOrExit() {
  try {
    return parseCliArgs('bench', USAGE, {
      options: {
        json: { type: 'boolean', default: false },
        batch: { type: 'string', default: '256' },
        time: { type: 'string', default: '40' },
        warmup: { type: 'string', default: '3' },
        steps: { type: 'string', default: '7' },
        cell: { type: 'string', default: 'lstm' },
        units: { type: 'string', default: '228' },
        hidden: { type: 'string', default: '228' },
        input: { type: 'string', default: '72' },
        output: { type: 'string', default: '150' },
        only: { type: 'string', default: '' },
        workers: { type: 'string', default: '1' },
      },
    }).values;
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    console.error(`error: ${err.message}`);
    process.exit(1);
  }
}
const values = parseOrExit();

function int(name: string, v: string | undefined, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    console.error(`bench: --${name} must be an integer ≥ ${min} (got "${v}")`);
    process.exit(2);
  }
  return n;
}

const cell = values.cell as string;
if (!['lstm', 'gru', 'rnn'].includes(cell)) {
  console.error(`bench: --cell must be lstm, gru or rnn (got "${cell}")`);
  process.exit(2);
}
const opts: BenchOptions = {
  batch: int('batch', values.batch, 1),
  time: int('time', values.time, 1),
  warmup: int('warmup', values.warmup, 0),
  steps: int('steps', values.steps, 1),
  cell: cell as BenchOptions['cell'],
  units: int('units', values.units, 1),
  hidden: int('hidden', values.hidden, 1),
  inputSize: int('input', values.input, 1),
  outputSize: int('output', values.output, 1),
  workers: int('workers', values.workers, 1),
};

const backend = await initBackend();
const only = values.only ? values.only.split(',') : null;
const summary: Record<string, number | string> = {
  backend,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  batch: opts.batch,
  time: opts.time,
  cell: opts.cell,
  steps: opts.steps,
  warmup: opts.warmup,
  workers: opts.workers,
};
for (const section of registeredSections()) {
  if (only ? !only.includes(section.name) : section.optIn) continue;
  Object.assign(summary, await section.run(opts));
}
if (values.json) console.log(JSON.stringify(summary));
