/**
 * The BFF as a process of its own, started from the sources the way a deployment starts it (`node
 * bff/src/server.ts` through tsx): for the tests that kill or double it (crash, two instances) and the bench.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SERVER = path.join(ROOT, 'bff/src/server.ts');

export interface BffProcess {
  process: ChildProcess;
  url: string;
  /** Everything it printed so far (its log lines). */
  output(): string;
}

/** Resolves with its URL once it logs that it listens (LOG_LEVEL must be info or lower); rejects if it exits first. */
export function startBffProcess(env: NodeJS.ProcessEnv, name = 'the BFF'): Promise<BffProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], { cwd: ROOT, env, stdio: 'pipe' });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"msg":"listening on (http:\/\/[^"]+)"/.exec(output);
      if (match?.[1]) resolve({ process: child, url: match[1], output: () => output });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`${name} exited (${code}) before listening:\n${output}`)));
  });
}

/** SIGKILL, as a crash would; resolves once it is gone. */
export function killBffProcess(child: Pick<BffProcess, 'process'>): Promise<void> {
  return new Promise((resolve) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
    child.process.once('exit', () => resolve());
    child.process.kill('SIGKILL');
  });
}
