// `npm start` runs the compiled BFF with plain node. These tests build it the way `npm run build` does, into a
// folder that holds only what a deployment has (package.json, node_modules, the two builds; no TypeScript), and
// start it there exactly as the start script says.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function run(args: string[], cwd = ROOT): void {
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 0, `${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Resolves with the URL from the `listening on <url>` log line; rejects if the process ends first. */
function waitForListening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // Only complete lines: a chunk may end in the middle of one.
      for (const line of out.split('\n').slice(0, -1)) {
        if (!line.startsWith('{')) continue;
        const { msg } = JSON.parse(line) as { msg?: string };
        const url = /^listening on (http:\/\/\S+)$/.exec(msg ?? '')?.[1];
        if (url) resolve(url);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening\n${out}\n${err}`)));
  });
}

describe('npm start from a build', () => {
  let deployment: string;
  let child: ChildProcess;
  let url: string;

  before(async () => {
    deployment = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-compiled-'));
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(deployment, 'package.json'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(deployment, 'node_modules'), 'dir');
    run(['scripts/build-bff.mjs', path.join(deployment, 'dist')]);
    run([
      'node_modules/vite/bin/vite.js',
      'build',
      '--logLevel',
      'warn',
      '--emptyOutDir',
      '--outDir',
      path.join(deployment, 'widget', 'dist'),
    ]);

    const [command, ...args] = PACKAGE.scripts.start?.split(' ') ?? [];
    assert.equal(command, 'node');
    // Spawned with plain node and an environment of our own: no --import tsx, no NODE_OPTIONS.
    child = spawn(process.execPath, args, {
      cwd: deployment,
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: path.join(deployment, 'data'),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await waitForListening(child);
  });

  after(async () => {
    if (child?.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (deployment) fs.rmSync(deployment, { recursive: true, force: true });
  });

  it('starts with plain node on the compiled server, and tsx is only a devDependency', () => {
    assert.equal(PACKAGE.scripts.start, 'node --enable-source-maps dist/bff/src/server.js');
    assert.equal(PACKAGE.dependencies.tsx, undefined);
    assert.ok(PACKAGE.devDependencies.tsx);
  });

  it('runs from a folder without any TypeScript', () => {
    const files = listFiles(deployment).filter(
      (file) => !file.includes(`${path.sep}node_modules${path.sep}`),
    );

    assert.ok(files.some((file) => file.endsWith(path.join('dist', 'bff', 'src', 'server.js'))));
    assert.deepEqual(
      files.filter((file) => file.endsWith('.ts')),
      [],
    );
  });

  it('answers /healthz, serves the widget bundle and the /demo desk', async () => {
    const health = await fetch(`${url}/healthz`);
    const bundle = await fetch(`${url}/widget/order-context.js`);
    const demo = await fetch(`${url}/demo`);

    assert.equal(health.status, 200);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
    assert.ok((await bundle.text()).length > 10_000);
    assert.equal(demo.status, 200);
    assert.match(await demo.text(), /<iframe/);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');

    assert.equal(await exited, 0);
  });
});

describe('scripts/ensure-build.mjs (before npm start) without the build tools', () => {
  function createProject(withBuild: boolean): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-ensure-build-'));
    const files: Record<string, string> = { 'bff/src/server.ts': '', 'widget/src/order-context.ts': '' };
    if (withBuild) {
      files['dist/bff/src/server.js'] = '';
      files['widget/dist/order-context.js'] = '';
    }
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    fs.cpSync(path.join(ROOT, 'scripts', 'ensure-build.mjs'), path.join(dir, 'scripts', 'ensure-build.mjs'));
    return dir;
  }

  it('stops with one line saying how to build when there is no build', () => {
    const dir = createProject(false);
    const result = spawnSync(process.execPath, ['scripts/ensure-build.mjs'], { cwd: dir, encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });

    assert.equal(result.status, 1);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /dist\/bff\/src\/server\.js is missing .* `npm ci && npm run build`/);
  });

  it('lets a production install run the build it has', () => {
    const dir = createProject(true);
    const result = spawnSync(process.execPath, ['scripts/ensure-build.mjs'], { cwd: dir, encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });

    assert.equal(result.status, 0, result.stderr);
  });
});
