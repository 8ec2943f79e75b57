// Suites skipped because a service (PostgreSQL, Redis) is not reachable write one line each to a file;
// scripts/report-skips.mjs turns the file into the one line `npm test` ends with. Several test processes
// append at once: one short appendFileSync per line stays whole.
import fs from 'node:fs';
import path from 'node:path';

export const SKIPS_FILE = path.resolve(import.meta.dirname, '../../../node_modules/.cache/test-skips.txt');

/** CI never skips: a missing service there is a broken build, not a shorter run. */
export function servicesRequired(): boolean {
  return process.env.CI === 'true' || process.env.REQUIRE_SERVICES === '1';
}

export function recordSkip(skip: { suite: string; service: string }): void {
  fs.mkdirSync(path.dirname(SKIPS_FILE), { recursive: true });
  fs.appendFileSync(SKIPS_FILE, `${JSON.stringify(skip)}\n`);
}
