// `npm test` starts with scripts/ensure-browser.mjs. These run it in a child process with a PATH of our own
// (a temporary folder: no chromium, and a fake apt-get that records its calls), so nothing on this machine is
// installed or removed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findBrowser, requireBrowser } from '../../../scripts/browser.mjs';

const ENSURE = fileURLToPath(new URL('../../../scripts/ensure-browser.mjs', import.meta.url));
const RUNS_AS_ROOT = process.getuid?.() === 0;
const INSTALL = 'apt-get update && apt-get install -y --no-install-recommends chromium';

function writeExecutable(file: string, text: string): string {
  fs.writeFileSync(file, text, { mode: 0o755 });
  return file;
}

/** A fake apt-get: appends its arguments to a log; `install … chromium` puts a fake chromium next to itself. */
function writeFakeAptGet(bin: string, log: string): void {
  writeExecutable(
    path.join(bin, 'apt-get'),
    `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2).join(' ');
fs.appendFileSync(${JSON.stringify(log)}, args + ' [' + process.env.DEBIAN_FRONTEND + ']\\n');
if (args.startsWith('install') && args.endsWith('chromium')) {
  fs.writeFileSync(${JSON.stringify(path.join(bin, 'chromium'))}, '#!/bin/sh\\nexit 0\\n', { mode: 0o755 });
}
`,
  );
}

function ensure(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [ENSURE], { env, encoding: 'utf8', timeout: 30_000 });
}

describe('scripts/ensure-browser.mjs, the first step of npm test', () => {
  let dir: string;
  let bin: string;
  let aptLog: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-ensure-browser-'));
    bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    aptLog = path.join(dir, 'apt.log');
    fs.writeFileSync(aptLog, '');
    writeFakeAptGet(bin, aptLog);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stops at once with the exact install command when no browser is found and installing is off', () => {
    const result = ensure({ PATH: bin, TEST_BROWSER_INSTALL: 'off' });
    const command = RUNS_AS_ROOT ? INSTALL : INSTALL.replace(/apt-get/g, 'sudo apt-get');

    assert.equal(result.status, 1);
    assert.equal(
      result.stderr,
      `No Chromium found for the browser tests: run \`${command}\` (or set CHROME_PATH to a Chrome or Chromium executable).\n`,
    );
    assert.equal(fs.readFileSync(aptLog, 'utf8'), '', 'apt-get was not run');
  });

  it('says to set CHROME_PATH where there is no apt-get', () => {
    const empty = fs.mkdtempSync(path.join(dir, 'empty-'));
    const result = ensure({ PATH: empty });

    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      /^No Chromium found for the browser tests: install Chrome or Chromium and set CHROME_PATH/,
    );
    assert.equal(result.stderr.trim().split('\n').length, 1);
  });

  it('succeeds when CHROME_PATH points at an executable, without looking further', () => {
    const chrome = writeExecutable(path.join(dir, 'my-chrome'), '#!/bin/sh\nexit 0\n');
    const result = ensure({ PATH: bin, CHROME_PATH: chrome, TEST_BROWSER_INSTALL: 'off' });

    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.equal(findBrowser({ PATH: bin, CHROME_PATH: chrome }), chrome);
  });

  it('refuses a CHROME_PATH that is not an executable, naming it', () => {
    const result = ensure({ PATH: bin, CHROME_PATH: path.join(dir, 'nothing-here') });

    assert.equal(result.status, 1);
    assert.match(result.stderr, /^CHROME_PATH=.*nothing-here is not an executable file/);
  });

  it(
    'installs Debian’s chromium with apt-get when running as root, then finds it',
    { skip: !RUNS_AS_ROOT },
    () => {
      const result = ensure({ PATH: bin });

      assert.equal(result.status, 0, result.stderr);
      assert.equal(
        fs.readFileSync(aptLog, 'utf8'),
        'update [noninteractive]\ninstall -y --no-install-recommends chromium [noninteractive]\n',
      );
      assert.match(result.stderr, new RegExp(`Chromium installed: ${bin}/chromium`));
    },
  );
});

describe('scripts/browser.mjs', () => {
  it('finds chromium, chromium-browser, google-chrome on PATH in that order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-browser-path-'));
    const [first, second] = [path.join(dir, 'a'), path.join(dir, 'b')];
    fs.mkdirSync(first);
    fs.mkdirSync(second);
    const chrome = writeExecutable(path.join(first, 'google-chrome'), '#!/bin/sh\n');
    const chromium = writeExecutable(path.join(second, 'chromium-browser'), '#!/bin/sh\n');
    fs.writeFileSync(path.join(first, 'chromium'), 'not executable');
    const env = { PATH: [first, second].join(path.delimiter) };

    const found = findBrowser(env);
    fs.rmSync(chromium);
    const withoutChromium = findBrowser(env);
    fs.rmSync(chrome);
    const none = findBrowser(env);
    fs.rmSync(dir, { recursive: true, force: true });

    assert.equal(found, chromium);
    assert.equal(withoutChromium, chrome);
    assert.equal(none, null);
  });

  it('gives the web-test-runner config, the e2e test and the screenshots one error line when there is none', () => {
    assert.throws(
      () => requireBrowser({ PATH: '' }),
      /^BrowserNotFoundError: No Chromium found for the browser tests: /,
    );
  });
});
