/**
 * The whole pipeline on config/tiny.json, end to end: two fresh runs give byte-identical artifacts, a rerun with
 * nothing changed is all cached and fast, and a run killed at any moment finishes correctly when rerun.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { artifactHashes, killPipeline, runPipeline, scratchRoot, startPipeline, waitFor } from './fixture.ts';

const ARGS = ['--config', 'config/tiny.json'];
let reference: Record<string, string>;
let first: string;

describe('pipeline on the tiny config', () => {
  beforeAll(async () => {
    first = scratchRoot();
    const r = await runPipeline(first, ARGS);
    expect(r.code, r.output).toBe(0);
    reference = artifactHashes(first, 'tiny');
  }, 900_000);

  it('writes every stage’s artifacts', () => {
    for (const f of ['manifest.json', 'corpus/stats.json', 'align/vocab.json', 'model/model.json', 'eval.json', 'claims.json', 'stats/pairs/index.json'])
      expect(Object.keys(reference), f).toContain(f);
  });

  it('is byte-identical when run again from scratch', async () => {
    const second = scratchRoot();
    const r = await runPipeline(second, ARGS);
    expect(r.code, r.output).toBe(0);
    expect(artifactHashes(second, 'tiny')).toEqual(reference);
  }, 900_000);

  it('skips every stage when nothing changed', async () => {
    const t0 = Date.now();
    const r = await runPipeline(first, ARGS);
    expect(r.code, r.output).toBe(0);
    expect(r.output).not.toMatch(/ ran \(/);
    expect(r.output.match(/ cached /g)?.length).toBeGreaterThanOrEqual(6);
    expect(Date.now() - t0).toBeLessThan(60_000); // generous here; `make report`'s no-op figure is in the README
    expect(artifactHashes(first, 'tiny')).toEqual(reference);
  }, 120_000);

  it('finishes correctly after SIGKILL in the middle of training and SIGINT during the statistics', async () => {
    const root = scratchRoot();
    const cache = join(root, '.cache', 'tiny');
    // 1. Kill hard once the training has written its first checkpoint.
    const a = startPipeline(root, ARGS);
    await waitFor(() => existsSync(join(cache, 'train', 'checkpoint')) && readdirSync(join(cache, 'train', 'checkpoint')).length > 0, 600_000, 'a training checkpoint');
    await killPipeline(a, 'SIGKILL');
    // 2. Rerun, interrupt politely once capture is done and the statistics are under way.
    const b = startPipeline(root, ARGS);
    await waitFor(() => /\[stats\] running/.test(b.output()) || b.exitCode !== null, 600_000, 'the stats stage');
    if (b.exitCode === null) await killPipeline(b, 'SIGINT');
    // 3. Rerun to the end: same artifacts as an uninterrupted run, nothing left half-written.
    const c = await runPipeline(root, ARGS);
    expect(c.code, c.output).toBe(0);
    expect(artifactHashes(root, 'tiny')).toEqual(reference);
    const leftovers = Object.keys(artifactHashes(root, 'tiny')).filter((f) => f.includes('.tmp-'));
    expect(leftovers).toEqual([]);
  }, 1_200_000);
});
