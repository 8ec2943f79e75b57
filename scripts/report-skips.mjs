// The last word of `npm test`: one line naming the suites skipped because a service was not reachable, and how
// to run them (test/bff/support/skips.ts writes the file). `--reset` empties it at the start of a run.
import fs from 'node:fs';
import path from 'node:path';

const file = path.resolve(import.meta.dirname, '../node_modules/.cache/test-skips.txt');

if (process.argv.includes('--reset')) {
  fs.rmSync(file, { force: true });
  process.exit(0);
}

let lines = [];
try {
  lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
} catch {
  lines = [];
}
const skips = lines.flatMap((line) => {
  try {
    return [JSON.parse(line)];
  } catch {
    return [];
  }
});
if (skips.length > 0) {
  const suites = [...new Set(skips.map((skip) => skip.suite))];
  const services = [...new Set(skips.map((skip) => skip.service))];
  console.log(
    `SKIPPED ${suites.length} suite(s) because ${services.join(' and ')} did not answer: ${suites.join('; ')}. ` +
      'To run them, start the service(s) (.ci/run starts PostgreSQL and Redis) or point TEST_DATABASE_URL at one, ' +
      'then run npm test again; CI=true or REQUIRE_SERVICES=1 makes a missing service fail instead of skip.',
  );
}
