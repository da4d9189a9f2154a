/** `tsx pipeline/corpus/cli.ts [config.json] [--force]`: build the corpus of one run. */
import { stageCli } from '../lib/stage.ts';
import { stage } from './stage.ts';

stageCli(stage);
