import { stageCli } from '../lib/stage.ts';
import { stage } from './stage.ts';

stageCli(stage);
