import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../pipeline/lib/errors.ts';
import { acquireLock, STALE_MS } from '../../pipeline/lib/lock.ts';

const REPO = resolve(import.meta.dirname, '..', '..');
const lockPath = () => join(mkdtempSync(join(tmpdir(), 'lock-')), 'sub', 'run.lock');

describe('acquireLock (proper-lockfile)', () => {
  it('a second holder waits, then gives up with one line saying why; after release it gets the lock', async () => {
    const p = lockPath();
    const release = await acquireLock(p, { what: 'pipeline on this run', waitMs: 0 });
    const second = acquireLock(p, { what: 'pipeline on this run', waitMs: 1200 });
    await expect(second).rejects.toThrow(UserError);
    await expect(acquireLock(p, { what: 'pipeline on this run', waitMs: 0 })).rejects.toThrow(
      /run\.lock: another pipeline on this run holds this lock and is still running/,
    );
    await release();
    await (await acquireLock(p, { what: 'pipeline on this run', waitMs: 0 }))();
  });

  it('waits for the holder to finish', async () => {
    const p = lockPath();
    const release = await acquireLock(p, { what: 'site build', waitMs: 0 });
    const t0 = Date.now();
    setTimeout(() => void release(), 800);
    const next = await acquireLock(p, { what: 'site build', waitMs: 20_000 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(700);
    await next();
  });

  it('takes over the lock of a killed holder once it is stale (no pid is trusted)', async () => {
    const p = lockPath();
    mkdirSync(p, { recursive: true });
    const old = new Date(Date.now() - STALE_MS - 5_000);
    utimesSync(p, old, old);
    await (await acquireLock(p, { what: 'pipeline on this run', waitMs: 0 }))();
  });

  it('two processes building at once: the second waits for the first instead of sharing its output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-procs-'));
    const script = join(dir, 'hold.mts'); // .mts: an ES module with top-level await outside the package
    writeFileSync(
      script,
      `import { acquireLock } from ${JSON.stringify(join(REPO, 'pipeline/lib/lock.ts'))};
const release = await acquireLock(${JSON.stringify(join(dir, 'site-build.lock'))}, { what: 'site build', waitMs: 60_000 });
const start = Date.now();
await new Promise((r) => setTimeout(r, 1500));
process.stdout.write(JSON.stringify([start, Date.now()]));
await release();
`,
    );
    const run = () =>
      new Promise<{ span: [number, number]; stderr: string }>((res, rej) => {
        const c = spawn(process.execPath, [join(REPO, 'node_modules/tsx/dist/cli.mjs'), script], { cwd: REPO });
        let out = '';
        let err = '';
        c.stdout.on('data', (d) => (out += d));
        c.stderr.on('data', (d) => (err += d));
        c.on('exit', (code) => (code === 0 ? res({ span: JSON.parse(out), stderr: err }) : rej(new Error(err))));
      });
    const [a, b] = await Promise.all([run(), run()]);
    const [first, second] = a.span[0] < b.span[0] ? [a, b] : [b, a];
    expect(second.span[0]).toBeGreaterThanOrEqual(first.span[1]);
    expect(second.stderr).toMatch(/waiting for another site build to finish/);
  }, 60_000);
});
