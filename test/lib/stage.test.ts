import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../pipeline/lib/atomic.ts';
import { executeStage, makeContext, readManifest, type Stage } from '../../pipeline/lib/stage.ts';

/** A project root in a temp dir with a config, an input file and a copy of nothing else. */
function project() {
  const root = mkdtempSync(join(tmpdir(), 'stage-'));
  mkdirSync(join(root, 'pipeline', 'lib'), { recursive: true });
  mkdirSync(join(root, 'pipeline', 'upper'), { recursive: true });
  writeFileSync(join(root, 'pipeline', 'lib', 'x.ts'), '// lib');
  writeFileSync(join(root, 'pipeline', 'upper', 'core.ts'), 'export const v = 1;');
  writeFileSync(join(root, 'pipeline', 'upper', 'stage.ts'), "import { v } from './core.ts';\nexport const uses = v;\n");
  writeFileSync(join(root, 'input.txt'), 'hello');
  const cfg = { run: 'toy', seed: 1, corpus: { sources: [{ kind: 'embedded' }] } };
  writeFileSync(join(root, 'run.json'), JSON.stringify(cfg));
  let runs = 0;
  const stage: Stage = {
    name: 'upper',
    sections: ['corpus'],
    inputs: () => ['input.txt'],
    run: async (ctx) => {
      runs++;
      const out = join(ctx.cache, 'upper.txt');
      writeFileAtomic(out, readFileSync(join(ctx.root, 'input.txt'), 'utf8').toUpperCase());
      return [out];
    },
  };
  return { root, stage, ctx: () => makeContext(join(root, 'run.json'), root), runs: () => runs };
}

describe('executeStage', () => {
  it('runs once, then is cached until an input, the code or the config changes', async () => {
    const p = project();
    expect((await executeStage(p.ctx(), p.stage)).ran).toBe(true);
    expect((await executeStage(p.ctx(), p.stage)).ran).toBe(false);
    const m = readManifest(p.ctx());
    expect(Object.keys(m.stages.upper.outputs)).toEqual(['.cache/toy/upper.txt']);

    writeFileSync(join(p.root, 'input.txt'), 'changed');
    expect(await executeStage(p.ctx(), p.stage)).toEqual({ ran: true, reason: 'inputs changed' });

    writeFileSync(join(p.root, 'pipeline', 'upper', 'core.ts'), 'export const v = 2;');
    expect(await executeStage(p.ctx(), p.stage)).toEqual({ ran: true, reason: 'code changed' });

    const cfg = JSON.parse(readFileSync(join(p.root, 'run.json'), 'utf8'));
    cfg.corpus.minChars = 3;
    writeFileSync(join(p.root, 'run.json'), JSON.stringify(cfg));
    expect(await executeStage(p.ctx(), p.stage)).toEqual({ ran: true, reason: 'config changed' });
    expect((await executeStage(p.ctx(), p.stage, { force: true })).reason).toBe('forced');
    expect(p.runs()).toBe(5);
  });

  it('notices a corrupted or deleted output and reruns', async () => {
    const p = project();
    await executeStage(p.ctx(), p.stage);
    writeFileSync(join(p.root, '.cache', 'toy', 'upper.txt'), 'tampered');
    expect((await executeStage(p.ctx(), p.stage)).reason).toMatch(/modified or corrupted/);
    expect(readFileSync(join(p.root, '.cache', 'toy', 'upper.txt'), 'utf8')).toBe('HELLO');
  });

  it('refuses a manifest of another schema version with a clear message', async () => {
    const p = project();
    await executeStage(p.ctx(), p.stage);
    const mp = join(p.root, 'artifacts', 'toy', 'manifest.json');
    writeFileSync(mp, readFileSync(mp, 'utf8').replace('"schemaVersion": 1', '"schemaVersion": 99'));
    await expect(executeStage(p.ctx(), p.stage)).rejects.toThrow(/schema version 99.*rerun/);
  });
});
