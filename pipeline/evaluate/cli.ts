/** `tsx pipeline/evaluate/cli.ts [config.json] [--force]`: run the evaluate stage alone (the model must exist). */
import { stageCli } from '../lib/stage.ts';
import { stage } from './stage.ts';

stageCli(stage);
