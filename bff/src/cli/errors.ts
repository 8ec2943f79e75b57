/**
 * Lists error-log entries from the database in DATA_DIR, for admins following a correlation id the widget showed:
 *   npm run errors -- <correlationId>      entries for that id
 *   npm run errors                         the 20 most recent entries
 *   npm run errors -- --store eu           only one store's entries (with or without an id)
 *   npm run errors -- <id> --json          machine-readable
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_KEY_PATTERN, resolveDataDir } from '../config.js';
import { CORRELATION_ID_PATTERN } from '../http/correlation.js';
import { DATABASE_FILE, openSqliteStore, type ErrorLogRecord } from '../store/index.js';
import { runCliIfMain } from './run-cli.js';

export function formatErrorLogEntry(record: ErrorLogRecord): string {
  const where = [record.storeKey && `store ${record.storeKey}`, record.resource, record.recordId]
    .filter(Boolean)
    .join(' ');
  return `${new Date(record.createdAt).toISOString()}  ${record.correlationId}  ${where}\n    ${JSON.stringify(record.issues)}`;
}

/** Returns the lines to print; throws Error with a message for the terminal. */
export async function listErrors(argv: string[], env: NodeJS.ProcessEnv): Promise<string[]> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, limit: { type: 'string' }, store: { type: 'string' } },
  });
  const correlationId = positionals[0];
  if (correlationId !== undefined && !CORRELATION_ID_PATTERN.test(correlationId)) {
    throw new Error(`"${correlationId}" is not a correlation id (8-64 characters of A-Z a-z 0-9 . _ -).`);
  }
  const storeKey = values.store;
  if (storeKey !== undefined && !CONFIG_KEY_PATTERN.test(storeKey)) {
    throw new Error(`"${storeKey}" is not a store key from the config file (like "eu").`);
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0))
    throw new Error('--limit must be a positive integer.');

  const file = path.join(resolveDataDir(env), DATABASE_FILE);
  if (!fs.existsSync(file))
    throw new Error(`No database at ${file} (is DATA_DIR right? has the server run?).`);
  // Read-only and without DATA_DIR's lock: the running server holds it, and reading beside it is safe (WAL).
  const store = openSqliteStore(file, { readonly: true });
  try {
    const repo = store.repos.errorLog;
    const records =
      correlationId === undefined
        ? await repo.listRecent(limit ?? 20, storeKey)
        : await repo.listByCorrelationId(correlationId, limit, storeKey);
    if (values.json) return [JSON.stringify(records, null, 2)];
    if (records.length === 0) {
      const ofStore = storeKey === undefined ? '' : ` of store ${storeKey}`;
      return [
        correlationId === undefined
          ? `The error log${ofStore} is empty.`
          : `No entries${ofStore} for ${correlationId}.`,
      ];
    }
    return records.map(formatErrorLogEntry);
  } finally {
    await store.close();
  }
}

await runCliIfMain(import.meta.url, listErrors);
