import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { UserError } from './lib/errors.ts';
import type { Stage } from './lib/stage.ts';

/** The pipeline, in order. Each name is a folder pipeline/<name>/ whose stage.ts exports `stage`. */
export const STAGE_NAMES = ['corpus', 'romanize', 'align', 'train', 'capture', 'stats', 'beyond', 'report'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

const here = fileURLToPath(new URL('.', import.meta.url));

export async function loadStage(name: StageName): Promise<Stage> {
  const file = join(here, name, 'stage.ts');
  if (!existsSync(file))
    throw new UserError(`pipeline/${name}/stage.ts`, `the "${name}" stage is not built yet: no pipeline can run past it`);
  const mod = (await import(pathToFileURL(file).href)) as { stage?: Stage };
  if (!mod.stage) throw new UserError(`pipeline/${name}/stage.ts`, 'does not export `stage`');
  return mod.stage;
}
