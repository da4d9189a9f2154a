import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../pipeline/lib/config.ts';
import { checkRunInputs } from '../../pipeline/lib/preflight.ts';
import { REPO, scratchRoot } from '../pipeline/fixture.ts';

const config = (extra: object) =>
  parseConfig({ run: 'pre', seed: 1, corpus: { sources: [{ kind: 'embedded' }] }, ...extra }, 'run.json');

describe('the files a run reads from the user are checked before any stage runs', () => {
  const root = mkdtempSync(join(tmpdir(), 'preflight-'));
  mkdirSync(join(root, 'rules'));
  writeFileSync(join(root, 'rules', 'ok.json'), JSON.stringify({ ա: { a: 1 } }));
  writeFileSync(join(root, 'rules', 'bad.json'), JSON.stringify({ ա: { a: 0.5 } }));
  writeFileSync(join(root, 'rules', 'broken.json'), '{ "ա": ');
  writeFileSync(join(root, 'hy.txt'), 'Բարև');

  it('a missing text or Wikipedia source, by the path written in the config', () => {
    const rules = { romanize: { rules: 'rules/ok.json' } };
    expect(() => checkRunInputs(config({ ...rules, corpus: { sources: [{ kind: 'text', path: 'hy.txt' }] } }), 'run.json', root)).not.toThrow();
    for (const kind of ['text', 'wikipedia'])
      expect(() => checkRunInputs(config({ ...rules, corpus: { sources: [{ kind, path: 'data/gone.xml' }] } }), 'run.json', root)).toThrow(
        /^run\.json: corpus source not found: data\/gone\.xml$/,
      );
  });

  it('a gettext catalog folder: a folder, or fetched by the corpus stage when a Debian package list is named', () => {
    const rules = { romanize: { rules: 'rules/ok.json' } };
    const gettext = (extra: object) => config({ ...rules, corpus: { sources: [{ kind: 'gettext', path: 'po', ...extra }] } });
    expect(() => checkRunInputs(gettext({}), 'run.json', root)).toThrow(/^run\.json: corpus source not found: po$/);
    mkdirSync(join(root, 'po'), { recursive: true });
    expect(() => checkRunInputs(gettext({}), 'run.json', root)).not.toThrow();
    expect(() => checkRunInputs(gettext({ path: 'not-yet', debianPackages: 'rules/ok.json' }), 'run.json', root)).not.toThrow();
    expect(() => checkRunInputs(gettext({ path: 'not-yet', debianPackages: 'lists/gone.txt' }), 'run.json', root)).toThrow(
      /^run\.json: debian package list not found: lists\/gone\.txt$/,
    );
  });

  it('the romanization rules: missing, not JSON, or not a valid table', () => {
    expect(() => checkRunInputs(config({ romanize: { rules: 'rules/none.json' } }), 'run.json', root)).toThrow(
      /^run\.json: romanization rules not found: rules\/none\.json$/,
    );
    expect(() => checkRunInputs(config({ romanize: { rules: 'rules/broken.json' } }), 'run.json', root)).toThrow(/^rules\/broken\.json: not valid JSON/);
    expect(() => checkRunInputs(config({ romanize: { rules: 'rules/bad.json' } }), 'run.json', root)).toThrow(/^rules\/bad\.json: .*sum/);
  });

  it('pipeline/run.ts stops on them with one line before any stage (nothing written)', () => {
    const scratch = scratchRoot();
    writeFileSync(join(scratch, 'mine.json'), JSON.stringify({ run: 'pre', seed: 1, corpus: { sources: [{ kind: 'text', path: 'corpus/hy.txt' }] } }));
    const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'pipeline/run.ts', '--config', 'mine.json'], {
      cwd: scratch,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('error: mine.json: corpus source not found: corpus/hy.txt');
    expect(existsSync(join(scratch, 'artifacts'))).toBe(false);
    expect(existsSync(join(scratch, '.cache'))).toBe(false);
  });
});
