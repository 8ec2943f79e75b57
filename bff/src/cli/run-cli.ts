import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config.js';

/**
 * Runs a command's function when its module is the script node was started with (tests import the modules
 * instead): prints the lines it returns, or its error's message for the person at the terminal, exit code 2.
 */
export async function runCliIfMain(
  moduleUrl: string,
  command: (argv: string[], env: NodeJS.ProcessEnv) => Promise<string | string[]>,
): Promise<void> {
  if (process.argv[1] === undefined || path.resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  try {
    const output = await command(process.argv.slice(2), process.env);
    for (const line of Array.isArray(output) ? output : [output]) console.log(line);
  } catch (error) {
    const prefix = error instanceof ConfigError ? 'Configuration error:\n' : '';
    console.error(prefix + (error instanceof Error ? error.message : String(error)));
    process.exitCode = 2;
  }
}
