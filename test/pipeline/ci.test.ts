import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The commands a shell script runs: its non-empty, non-comment lines. */
const commands = (script: string) =>
  script
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

describe('.ci/run', () => {
  const ci = commands(readFileSync('.ci/run', 'utf8'));
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

  it("ends with exactly the README's test command", () => {
    const block = /## The two commands\s+```sh\n([\s\S]*?)```/.exec(readFileSync('README.md', 'utf8'));
    expect(block, 'README has a "The two commands" sh block').not.toBeNull();
    const readmeTest = block![1].split('\n').map((l) => l.replace(/#.*$/, '').trim()).find((l) => /test/.test(l));
    expect(readmeTest).toBe('npm test');
    expect(ci.at(-1)).toBe(readmeTest);
  });

  it('type-checks pipeline, test, bench and the site before testing', () => {
    expect(ci.indexOf('npm run typecheck')).toBeGreaterThan(ci.indexOf('npm ci --no-audit --no-fund'));
    expect(ci.indexOf('npm run typecheck')).toBeLessThan(ci.length - 1);
    expect(pkg.scripts.typecheck.split('&&').map((s) => s.trim())).toEqual(['tsc --noEmit', 'tsx site/check.ts']);
    const root = JSON.parse(readFileSync('tsconfig.json', 'utf8')) as { include: string[] };
    for (const dir of ['pipeline', 'test', 'bench', 'site/build.ts', 'site/check.ts']) expect(root.include).toContain(dir);
  });
});
