// The one answer to "which Chromium do the browser tests use?", for web-test-runner.config.mjs, test/e2e,
// scripts/screenshot.ts and scripts/ensure-browser.mjs (which `npm test` runs first). Plain ESM so the
// web-test-runner config can import it; types in browser.d.mts.
import fs from 'node:fs';
import path from 'node:path';

/** Looked up on PATH in this order. Debian's package installs /usr/bin/chromium. */
export const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Where macOS installs them, off PATH. */
const APPLICATION_BUNDLES = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Debian's Chromium without the ~120 recommended packages. */
export const INSTALL_COMMAND = 'apt-get update && apt-get install -y --no-install-recommends chromium';

/**
 * Flags for every launch: --no-sandbox because CI runs as root; the rest keep a headless run quiet and
 * independent of the machine (no GPU, small /dev/shm in containers, no background updates or sync).
 */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A browser that cannot be found or used; the message is one line that says what to run. */
export class BrowserNotFoundError extends Error {
  name = 'BrowserNotFoundError';
}

export function isExecutableFile(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first executable `name` in the env's PATH, or null. */
export function findOnPath(name, env = process.env) {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, name);
    if (isExecutableFile(file)) return file;
  }
  return null;
}

/**
 * CHROME_PATH when set (a wrong one is an error, not a reason to try others), else the first of BROWSER_NAMES
 * on PATH, else a macOS application bundle; null when there is none.
 */
export function findBrowser(env = process.env) {
  if (env.CHROME_PATH) {
    if (isExecutableFile(env.CHROME_PATH)) return env.CHROME_PATH;
    throw new BrowserNotFoundError(
      `CHROME_PATH=${env.CHROME_PATH} is not an executable file: point it at Chrome or Chromium, or unset it.`,
    );
  }
  for (const name of BROWSER_NAMES) {
    const file = findOnPath(name, env);
    if (file) return file;
  }
  return APPLICATION_BUNDLES.find(isExecutableFile) ?? null;
}

/** The exact command that gets a browser on this machine, for the one line we print when there is none. */
export function describeInstall(env = process.env) {
  if (findOnPath('apt-get', env)) {
    const command =
      process.getuid?.() === 0 ? INSTALL_COMMAND : INSTALL_COMMAND.replace(/apt-get/g, 'sudo apt-get');
    return `run \`${command}\` (or set CHROME_PATH to a Chrome or Chromium executable)`;
  }
  return 'install Chrome or Chromium and set CHROME_PATH to its executable, e.g. `CHROME_PATH=/path/to/chrome npm test`';
}

/** The browser's path, or a BrowserNotFoundError whose message says how to get one. */
export function requireBrowser(env = process.env) {
  const found = findBrowser(env);
  if (found) return found;
  throw new BrowserNotFoundError(`No Chromium found for the browser tests: ${describeInstall(env)}.`);
}
