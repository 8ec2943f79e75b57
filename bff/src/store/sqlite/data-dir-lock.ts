import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** The lock file inside DATA_DIR; a tiny SQLite database whose only job is to be held. */
export const LOCK_FILE = 'order-context.lock';

/** Another process holds DATA_DIR. Its message is what the admin reads when the start is refused. */
export class DataDirLockedError extends Error {
  readonly dataDir: string;

  constructor(dataDir: string) {
    super(
      `Another process is already running on DATA_DIR ${dataDir} (it holds ${path.join(dataDir, LOCK_FILE)}). ` +
        'Two processes on one data directory could write a note twice; stop the other one, or give this one ' +
        'its own DATA_DIR (several instances share state through DATABASE_URL and REDIS_URL instead).',
    );
    this.name = 'DataDirLockedError';
    this.dataDir = dataDir;
  }
}

export interface DataDirLock {
  readonly dataDir: string;
  release(): void;
}

/**
 * Holds an OS-level lock on DATA_DIR for the life of the process (DESIGN §13: one process per embedded store).
 *
 * Why SQLite's exclusive locking mode and not a PID file: the lock is a POSIX advisory lock the kernel drops
 * the moment the process dies, however it dies (SIGKILL included), so the restart that must follow a crash is
 * never refused; a PID file would outlive a killed process and its PID may linger as a zombie where nothing
 * reaps orphans. SQLite also tracks its locks across connections of one process, so even a second product
 * started in the same process (a test) is refused.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const dir = path.resolve(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const lock = new Database(path.join(dir, LOCK_FILE), { timeout: 0 });
  try {
    lock.pragma('journal_mode = DELETE');
    // In EXCLUSIVE mode the connection keeps the lock of its first write until it closes.
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER, since INTEGER)');
    lock.prepare('DELETE FROM holder').run();
    lock.prepare('INSERT INTO holder (pid, since) VALUES (?, ?)').run(process.pid, Date.now());
  } catch (error) {
    lock.close();
    if (isBusy(error)) throw new DataDirLockedError(dir);
    throw error;
  }
  return {
    dataDir: dir,
    release() {
      if (lock.open) lock.close();
    },
  };
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
