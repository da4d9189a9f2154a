import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import { UserError } from './errors.ts';
import { log } from './progress.ts';

/**
 * Exclusive locks between processes (two pipelines writing one run, two site builds sharing site/dist), with
 * proper-lockfile: the lock is a directory created atomically (mkdir), its holder refreshes its mtime every
 * UPDATE_MS, and a lock not refreshed for STALE_MS belongs to a dead process and is taken over. No pid is trusted
 * (a reused pid never blocks a run) and a takeover never deletes a lock another process has just taken: that is
 * proper-lockfile's mtime check, not a hand-written race. A lock is released on exit and on SIGINT/SIGTERM; after a
 * SIGKILL it goes stale within STALE_MS.
 */

/** A holder that has not refreshed its lock for this long is dead. Long: a busy event loop delays the refresh. */
export const STALE_MS = 60_000;
const UPDATE_MS = 5_000;
const POLL_MS = 500;

export interface LockOptions {
  /** What holds such a lock, for messages: "pipeline", "site build". */
  what: string;
  /** How long to wait for the holder to finish before giving up (at least STALE_MS is useful: a killed holder). */
  waitMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Take the lock at `path` (a directory, created), waiting up to `waitMs`; returns its release. */
export async function acquireLock(path: string, opts: LockOptions): Promise<() => Promise<void>> {
  mkdirSync(dirname(path), { recursive: true });
  const deadline = Date.now() + opts.waitMs;
  let told = false;
  for (;;) {
    try {
      const release = await lockfile.lock(path, {
        lockfilePath: path,
        realpath: false,
        stale: STALE_MS,
        update: UPDATE_MS,
        // Lost anyway (another process judged it stale): say so instead of crashing from a timer.
        onCompromised: (err) => log('lock', `warning: ${path}: the ${opts.what} lock was lost (${err.message})`),
      });
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await release().catch(() => undefined); // already gone (compromised): nothing left to release
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      if (Date.now() >= deadline)
        throw new UserError(
          path,
          `another ${opts.what} holds this lock and is still running (it refreshes it): wait for it to finish or stop it`,
        );
      if (!told) {
        told = true;
        log('lock', `waiting for another ${opts.what} to finish (${path}; a killed one's lock expires within ${STALE_MS / 1000}s)`);
      }
      await sleep(POLL_MS);
    }
  }
}
