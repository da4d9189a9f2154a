/**
 * `make site`: build the report unless nothing it is made from changed since the last build — its sources, the
 * pipeline code it imports (schemas, diff, window rule), the artifacts and the installed packages — so a
 * no-op `make report` stays a matter of seconds. The stamp is written only after a successful build.
 *
 *   tsx site/build.ts [--force]          (SITE_BASE=/sub/path/ for a site served under a sub-path)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../pipeline/lib/atomic.ts';
import { runCli, UserError } from '../pipeline/lib/errors.ts';
import { hashTree } from '../pipeline/lib/hash.ts';
import { acquireLock } from '../pipeline/lib/lock.ts';
import { log } from '../pipeline/lib/progress.ts';

const root = resolve(import.meta.dirname, '..');
const artifacts = resolve(process.env.ARTIFACTS_DIR ?? join(root, 'artifacts'));
const dist = join(root, 'site', 'dist');
const stamp = join(dist, '.build-hash');

void runCli(async () => {
  // Two builds at once would share site/dist (astro empties it first: ENOENT in the other): the second waits.
  const release = await acquireLock(join(root, '.cache', 'site-build.lock'), { what: 'site build', waitMs: 30 * 60_000 });
  try {
    await build();
  } finally {
    await release();
  }
});

async function build(): Promise<void> {
  const t0 = Date.now();
  // The pipeline code the site imports: schemas and shared rules (lib), the run diff, the window rule, the report's
  // quantization — not the stages, whose results reach the site only as artifacts.
  const pipelineParts = ['pipeline/lib', 'pipeline/diff', 'pipeline/train/windows.ts', 'pipeline/report/quant.ts'];
  const inputs = ['site/src', 'site/astro.config.mjs', 'site/tsconfig.json', ...pipelineParts, 'package-lock.json'].map((p) => join(root, p));
  if (!existsSync(artifacts)) throw new UserError(artifacts, 'no artifacts to build the report from: run make report');
  const hash = hashTree([...inputs, artifacts], root) + (process.env.ARTIFACTS_DIR ?? '') + (process.env.SITE_BASE ?? '');
  if (!process.argv.includes('--force') && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
    log('site', `cached: nothing changed since the last build (${((Date.now() - t0) / 1000).toFixed(1)}s to check)`);
    return;
  }
  log('site', 'building the report (astro build)…');
  const r = spawnSync(join(root, 'node_modules', '.bin', 'astro'), ['build', '--root', 'site'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new UserError('site/', `astro build failed (exit ${r.status ?? r.signal})`);
  writeFileAtomic(stamp, hash);
  log('site', `built in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}
