/** `tsx pipeline/train/cli.ts [config.json] [--force]`: run the train stage alone (upstream outputs must exist). */
import { stageCli } from '../lib/stage.ts';
import { stage } from './stage.ts';

stageCli(stage);
