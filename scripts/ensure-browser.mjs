// First step of `npm test` (and of test:widget, test:e2e, screenshot): make sure the browser tests have a
// Chromium before anything runs. Found (see browser.mjs) → nothing to do. Not found, running as root with
// apt-get → installs Debian's chromium. Otherwise → stops at once with one line giving the exact command.
// TEST_BROWSER_INSTALL=off never installs (for machines where the test command must not touch packages).
import { spawnSync } from 'node:child_process';
import {
  BrowserNotFoundError,
  describeInstall,
  findBrowser,
  findOnPath,
  INSTALL_COMMAND,
  isExecutableFile,
  requireBrowser,
} from './browser.mjs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function fail(message) {
  console.error(message);
  process.exit(1);
}

function canInstall(env) {
  return (
    env.TEST_BROWSER_INSTALL !== 'off' &&
    process.platform === 'linux' &&
    process.getuid?.() === 0 &&
    findOnPath('apt-get', env) !== null
  );
}

try {
  if (findBrowser(process.env)) process.exit(0);
} catch (error) {
  if (error instanceof BrowserNotFoundError) fail(error.message);
  throw error;
}

if (!canInstall(process.env)) {
  fail(`No Chromium found for the browser tests: ${describeInstall(process.env)}.`);
}

console.error(`No Chromium found for the browser tests; installing Debian's: ${INSTALL_COMMAND}`);
const result = spawnSync('/bin/sh', ['-c', INSTALL_COMMAND], {
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  // apt's progress goes to stderr, so nothing but test output reaches stdout.
  stdio: ['ignore', process.stderr, process.stderr],
});
if (result.status !== 0) {
  fail(
    `Installing Chromium failed (exit ${result.status ?? result.signal}): run \`${INSTALL_COMMAND}\` yourself, or set CHROME_PATH.`,
  );
}
if (findBrowser(process.env) === null && isExecutableFile(DEBIAN_CHROMIUM)) {
  // Installed where Debian puts it, but this PATH does not reach /usr/bin.
  fail(
    `Chromium is installed at ${DEBIAN_CHROMIUM}, which is not on PATH: set CHROME_PATH=${DEBIAN_CHROMIUM}.`,
  );
}
try {
  console.error(`Chromium installed: ${requireBrowser(process.env)}`);
} catch (error) {
  if (error instanceof BrowserNotFoundError) fail(error.message);
  throw error;
}
