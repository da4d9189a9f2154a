import type { z } from 'zod';

/**
 * An error the user can act on: it names the file (or config key) at fault and says what is wrong.
 * CLIs print it without a stack trace and exit non-zero; anything else is a bug and keeps its stack.
 */
export class UserError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'UserError';
  }
}

/** Run a CLI entry point: UserError → one clear line on stderr and exit 1; other errors keep their stack. */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  }
}

/** A zod error as one line: each failing key and what is wrong with it. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const key = i.path.length ? i.path.join('.') : '(top level)';
      if (i.code === 'unrecognized_keys') {
        const where = i.path.length ? ` in ${key}` : '';
        return `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}${where}`;
      }
      return `${key}: ${i.message}`;
    })
    .join('; ');
}
