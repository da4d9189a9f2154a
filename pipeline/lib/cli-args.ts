import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from './errors.ts';

/**
 * Every CLI parses its arguments with node's `parseArgs` in strict mode: an unknown flag, a flag missing its value
 * or a stray positional is one line naming the command and its usage, exit 1 — never a value silently ignored or
 * an `undefined` pushed on.
 */
export function parseCliArgs<T extends Omit<ParseArgsConfig, 'args' | 'strict'>>(
  command: string,
  usage: string,
  config: T,
  argv: string[] = process.argv.slice(2),
): ReturnType<typeof parseArgs<T & { strict: true }>> {
  try {
    return parseArgs({ ...config, args: argv, strict: true } as T & { strict: true });
  } catch (err) {
    const message = (err as Error).message.split('\n')[0].replace(/\.? To specify a positional argument.*$/, '').replace(/\.$/, '');
    throw new UserError(command, `${message} (usage: ${usage})`);
  }
}
