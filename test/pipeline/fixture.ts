import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..', '..');

/**
 * A scratch project root that shares the repository's code, configs and node_modules (symlinks) but has its own
 * artifacts/ and .cache/, so a test can run the real pipeline without touching the repository's runs.
 */
export function scratchRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'pipeline-'));
  for (const name of ['pipeline', 'config', 'node_modules', 'package.json']) symlinkSync(join(REPO, name), join(root, name));
  return root;
}

export function startPipeline(root: string, args: string[]): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'pipeline/run.ts', ...args], {
    cwd: root,
    env: { ...process.env, TRANSLIT_BACKEND: 'wasm' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a kill reaches tsx's child process too, as Ctrl-C in a terminal would.
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return Object.assign(child, { output: () => out });
}

/** Send a signal to the pipeline's whole process group and wait for it to end. */
export async function killPipeline(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, signal);
    await exited;
  }
  // tsx's child may outlive the parent for a moment; wait until the whole group is gone.
  await waitFor(() => {
    try {
      process.kill(-child.pid!, 0);
      return false;
    } catch {
      return true;
    }
  }, 30_000, 'the killed pipeline to exit');
}

export function runPipeline(root: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const child = startPipeline(root, args);
  return new Promise((res) => child.on('exit', (code) => res({ code, output: child.output() })));
}

/** sha256 of every artifact file of a run, by relative path. train-log.json holds wall times: left out. */
export function artifactHashes(root: string, run: string): Record<string, string> {
  const dir = join(root, 'artifacts', run);
  const out: Record<string, string> = {};
  const walk = (p: string) => {
    for (const name of readdirSync(p).sort()) {
      const f = join(p, name);
      if (statSync(f).isDirectory()) walk(f);
      else if (name !== 'train-log.json') out[relative(dir, f)] = createHash('sha256').update(readFileSync(f)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Resolve when `predicate` holds (polled), or reject after `ms`. */
export async function waitFor(predicate: () => boolean, ms: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!predicate()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
