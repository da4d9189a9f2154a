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

  it('treats a truncated manifest as absent, with one warning, and re-verifies against its .cache copy', async () => {
    const p = project();
    await executeStage(p.ctx(), p.stage);
    const mp = join(p.root, 'artifacts', 'toy', 'manifest.json');
    const whole = readFileSync(mp, 'utf8');
    writeFileSync(mp, whole.slice(0, 40));
    const warnings = captureStderr();
    // The recorded output still verifies by hash: no rerun, and the manifest is whole again.
    expect(await executeStage(p.ctx(), p.stage)).toEqual({ ran: false, reason: 'up to date' });
    expect(warnings.stop().filter((l) => l.includes('warning'))).toEqual([
      expect.stringMatching(/warning: artifacts\/toy\/manifest\.json is unusable \(not valid JSON.*\): treating it as absent, re-verifying every stage against \.cache\/toy\/manifest\.json$/),
    ]);
    expect(readFileSync(mp, 'utf8')).toBe(whole);

    // Both copies unusable (here: another schema version), even under force: never blocks, every stage reruns.
    for (const f of [mp, join(p.root, '.cache', 'toy', 'manifest.json')])
      writeFileSync(f, whole.replace('"schemaVersion": 1', '"schemaVersion": 99'));
    expect(await executeStage(p.ctx(), p.stage)).toEqual({ ran: true, reason: 'never ran' });
    writeFileSync(mp, '{');
    expect((await executeStage(p.ctx(), p.stage, { force: true })).reason).toBe('forced');
    expect(readManifest(p.ctx()).stages.upper).toBeDefined();
  });

  it('stops a stage whose input, an output of another stage, was corrupted, naming the file', async () => {
    const p = project();
    await executeStage(p.ctx(), p.stage);
    const reader: Stage = {
      name: 'reader',
      entry: 'pipeline/upper/stage.ts',
      sections: [],
      inputs: (ctx) => [join(ctx.cache, 'upper.txt')],
      run: async (ctx) => {
        const out = join(ctx.cache, 'reader.txt');
        writeFileAtomic(out, readFileSync(join(ctx.cache, 'upper.txt')));
        return [out];
      },
    };
    expect((await executeStage(p.ctx(), reader)).ran).toBe(true);
    writeFileSync(join(p.root, '.cache', 'toy', 'upper.txt'), 'HELLo');
    await expect(executeStage(p.ctx(), reader, { force: true })).rejects.toThrow(
      /^\.cache\/toy\/upper\.txt: differs from what the upper stage wrote \(modified or corrupted\)/,
    );
    // The orchestrator's order heals it: the producer reruns first, then the reader.
    expect((await executeStage(p.ctx(), p.stage)).reason).toMatch(/upper\.txt was modified or corrupted/);
    expect((await executeStage(p.ctx(), reader)).ran).toBe(false);
  });

  it('publishes no path of the user\'s machine: outside inputs by base name, the config copy without absolute paths', async () => {
    const p = project();
    const outside = join(mkdtempSync(join(tmpdir(), 'elsewhere-')), 'my-corpus.txt');
    writeFileSync(outside, 'Բարև');
    const cfg = JSON.parse(readFileSync(join(p.root, 'run.json'), 'utf8'));
    cfg.corpus.sources.push({ kind: 'text', path: outside });
    writeFileSync(join(p.root, 'run.json'), JSON.stringify(cfg));
    const stage: Stage = { ...p.stage, inputs: () => ['input.txt', outside] };
    await executeStage(p.ctx(), stage);
    const text = readFileSync(join(p.root, 'artifacts', 'toy', 'manifest.json'), 'utf8');
    expect(text).not.toContain(tmpdir());
    expect(text).toContain('"(local)/my-corpus.txt"');
    expect(Object.keys(readManifest(p.ctx()).stages.upper.inputs)).toEqual(['(local)/my-corpus.txt', 'input.txt']);
    expect((await executeStage(p.ctx(), stage)).ran).toBe(false);
    writeFileSync(outside, 'changed');
    expect((await executeStage(p.ctx(), stage)).reason).toBe('inputs changed');
  });
});

/** Collect what is written to stderr until stop(). */
function captureStderr(): { stop: () => string[] } {
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  }) as typeof process.stderr.write;
  return {
    stop: () => {
      process.stderr.write = write;
      return lines;
    },
  };
}
