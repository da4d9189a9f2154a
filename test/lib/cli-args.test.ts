import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeArtifact } from '../../pipeline/lib/artifact.ts';
import { parseCliArgs } from '../../pipeline/lib/cli-args.ts';
import { UserError } from '../../pipeline/lib/errors.ts';
import { timeBudgetWarning } from '../../pipeline/train/time-budget.ts';

const REPO = resolve(import.meta.dirname, '..', '..');
const TSX = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function cli(script: string, args: string[]): { status: number | null; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, [TSX, script, ...args], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe('parseCliArgs (strict)', () => {
  const opts = { options: { run: { type: 'string' as const }, json: { type: 'boolean' as const } } };
  it('parses known flags', () => {
    expect(parseCliArgs('x', 'x --run DIR', opts, ['--run', 'a', '--json']).values).toEqual({ run: 'a', json: true });
  });
  it.each([
    [['--run'], /x: Option '--run <value>' argument missing \(usage: x --run DIR\)/],
    [['--rnu', 'a'], /x: Unknown option '--rnu'/],
    [['stray'], /x: Unexpected argument 'stray'/],
    [['--json=1'], /does not take an argument/],
  ])('refuses %j with one line naming the command and its usage', (argv, message) => {
    expect(() => parseCliArgs('x', 'x --run DIR', opts, argv)).toThrow(UserError);
    expect(() => parseCliArgs('x', 'x --run DIR', opts, argv)).toThrow(message);
  });
});

describe('every CLI refuses a misspelt flag or a missing value: one line, exit 1', () => {
  it.each([
    ['pipeline/run.ts', ['--config'], /^error: pipeline\/run\.ts: Option '--config <value>' argument missing \(usage: /],
    ['pipeline/run.ts', ['--runs'], /^error: pipeline\/run\.ts: Option '--runs <value>' argument missing/],
    ['pipeline/run.ts', ['--forse'], /^error: pipeline\/run\.ts: Unknown option '--forse'/],
    ['pipeline/run.ts', ['--force=stast'], /^error: --force: expected one of corpus, .*got "stast"/],
    ['pipeline/stats/cli.ts', ['--forc'], /^error: pipeline\/stats\/cli\.ts: Unknown option '--forc'/],
    ['pipeline/diff/cli.ts', ['a', 'b', '--jsn'], /^error: npm run diff: Unknown option '--jsn'/],
    ['pipeline/diff/cli.ts', ['a'], /^error: npm run diff: expected two run folders, got 1/],
  ])('%s %j', (script, args, message) => {
    const r = cli(script, args);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('the train.maxMinutes safety net', () => {
  const log = (stopReason: string) => ({
    backend: 'wasm', parameterCount: 1, cell: 'lstm', epochs: [], bestEpoch: 1, stopReason,
    trainWindows: 1, valWindows: 1, seqLen: 2, wallSeconds: 1, sessions: 1,
  });
  it('a run it cut is named in a warning; a run that stopped by its schedule is not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-'));
    expect(timeBudgetWarning(dir, 'r', 60)).toBeNull();
    writeArtifact(join(dir, 'train-log.json'), log('epochs'));
    expect(timeBudgetWarning(dir, 'r', 60)).toBeNull();
    writeArtifact(join(dir, 'train-log.json'), log('time-budget'));
    expect(timeBudgetWarning(dir, 'r', 60)).toMatch(/^WARNING: r: training was cut by the train\.maxMinutes safety net \(60 min\)/);
  });
});
