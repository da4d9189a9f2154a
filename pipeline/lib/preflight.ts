import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseRules } from '../romanize/rules.ts';
import { readJson } from './atomic.ts';
import type { RunConfig } from './config.ts';
import { UserError } from './errors.ts';

/**
 * The files a run reads from the user (corpus sources, the romanization rules) are checked when its config is
 * loaded, before any stage runs: a missing source is reported as such, not as a missing upstream output later, and
 * a broken rules table stops the run before the corpus stage has spent minutes. Errors name the path as written in
 * the config (relative paths resolve against the project root, as the stages resolve them).
 *
 * Called by the orchestrator and the stage CLIs right after the config is loaded (not from config.ts: config.ts is
 * in every stage's code closure, and a change of the rules parser must not rerun the corpus stage).
 */
export function checkRunInputs(cfg: RunConfig, configPath: string, root: string): void {
  for (const src of cfg.corpus.sources) {
    if (src.kind === 'embedded') continue;
    if (src.kind === 'gettext') {
      // A catalog folder; with `debianPackages` the corpus stage fetches it when absent, so the list must exist.
      if (src.debianPackages !== undefined) {
        if (!existsSync(resolve(root, src.debianPackages))) throw new UserError(configPath, `debian package list not found: ${src.debianPackages}`);
        continue;
      }
      const dir = resolve(root, src.path);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(configPath, `corpus source not found: ${src.path}`);
      continue;
    }
    const abs = resolve(root, src.path);
    if (!existsSync(abs) || !statSync(abs).isFile()) throw new UserError(configPath, `corpus source not found: ${src.path}`);
  }
  const rules = resolve(root, cfg.romanize.rules);
  if (!existsSync(rules)) throw new UserError(configPath, `romanization rules not found: ${cfg.romanize.rules}`);
  let raw: unknown;
  try {
    raw = readJson(rules);
  } catch (err) {
    throw err instanceof UserError ? new UserError(cfg.romanize.rules, err.problem) : err;
  }
  parseRules(raw, cfg.romanize.rules);
}
