import { appendFileSync, cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closureHash, importClosure } from '../../pipeline/lib/code-closure.ts';
import { STAGE_NAMES } from '../../pipeline/stages.ts';

const REPO = resolve(import.meta.dirname, '..', '..');

/** A copy of the real pipeline/ in a temp root: edits here never touch the repository. */
function copyOfPipeline(): string {
  const root = mkdtempSync(join(tmpdir(), 'closure-'));
  cpSync(join(REPO, 'pipeline'), join(root, 'pipeline'), { recursive: true });
  return root;
}

const versions = (root: string) => Object.fromEntries(STAGE_NAMES.map((s) => [s, closureHash(root, `pipeline/${s}/stage.ts`)]));

/** Stages whose code version differs between two snapshots. */
const changed = (a: Record<string, string>, b: Record<string, string>) => STAGE_NAMES.filter((s) => a[s] !== b[s]);

describe('a stage’s code version is its runtime import closure', () => {
  it('follows static, dynamic and worker imports, and leaves out type-only ones and other folders', () => {
    const train = importClosure(REPO, 'pipeline/train/stage.ts');
    expect(train).toContain('pipeline/train/batches.ts');
    expect(train).not.toContain('pipeline/evaluate/evaluate.ts'); // evaluation is its own stage
    expect(importClosure(REPO, 'pipeline/evaluate/stage.ts')).toContain('pipeline/train/windows.ts');
    expect(train).toContain('pipeline/train/model-parallel.ts'); // import('./model-parallel.ts')
    expect(train).toContain('pipeline/train/model-worker.ts'); // new Worker(new URL('./model-worker-boot.mjs'))
    expect(train).not.toContain('pipeline/lib/stage.ts'); // `import type { Stage }` only
    expect(train.every((f) => f.startsWith('pipeline/'))).toBe(true); // npm packages stay external
    // The lists the issue found wrong by hand:
    expect(importClosure(REPO, 'pipeline/capture/stage.ts')).toContain('pipeline/train/windows.ts');
    const stats = importClosure(REPO, 'pipeline/stats/stage.ts');
    for (const f of ['pipeline/train/data.ts', 'pipeline/align/tsv.ts', 'pipeline/romanize/rules.ts'])
      expect(stats).toContain(f);
    const beyond = importClosure(REPO, 'pipeline/beyond/stage.ts');
    for (const f of ['pipeline/capture/reader.ts', 'pipeline/capture/shards.ts']) expect(beyond).toContain(f);
  });

  it('changes for every stage whose closure holds an edited file, and for no other', () => {
    const root = copyOfPipeline();
    const before = versions(root);
    appendFileSync(join(root, 'pipeline/train/windows.ts'), '\n// edited\n');
    const afterWindows = versions(root);
    const expected = STAGE_NAMES.filter((s) => importClosure(root, `pipeline/${s}/stage.ts`).includes('pipeline/train/windows.ts'));
    expect(expected).toEqual(expect.arrayContaining(['evaluate', 'capture', 'stats']));
    expect(expected).not.toContain('train'); // training never transliterates whole lines
    expect(changed(before, afterWindows)).toEqual(expected);
    expect(changed(before, afterWindows)).not.toContain('corpus');

    // A file no stage imports (the diff CLI) and a type-only import change nothing.
    appendFileSync(join(root, 'pipeline/diff/compare.ts'), '\n// edited\n');
    appendFileSync(join(root, 'pipeline/lib/stage.ts'), '\n// edited\n');
    expect(changed(afterWindows, versions(root))).toEqual([]);
  });

  it('is the same in a project whose pipeline/ is a symlink (the test scratch roots)', () => {
    const root = mkdtempSync(join(tmpdir(), 'closure-link-'));
    symlinkSync(join(REPO, 'pipeline'), join(root, 'pipeline'), 'dir');
    for (const s of STAGE_NAMES)
      expect(closureHash(root, `pipeline/${s}/stage.ts`), s).toBe(closureHash(REPO, `pipeline/${s}/stage.ts`));
  });

  it('names the file when an import cannot be resolved', () => {
    const root = mkdtempSync(join(tmpdir(), 'closure-'));
    mkdirSync(join(root, 'pipeline', 'x'), { recursive: true });
    writeFileSync(join(root, 'pipeline/x/stage.ts'), "import { a } from './gone.ts';\nexport const b = a;\n");
    expect(() => importClosure(root, 'pipeline/x/stage.ts')).toThrow(/pipeline\/x\/stage\.ts:1: cannot resolve/);
  });
});
