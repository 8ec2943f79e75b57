// Runs before `npm start`, `npm run sign-url` and `npm run errors`, which run the compiled JavaScript: builds
// what is missing or older than its sources when the build tools are installed (a checkout: `npm install &&
// npm start` just works, and an edit is never served stale); in a production install without devDependencies
// it runs what was built, or stops with one line saying what to do. Build output goes to stderr, so a CLI's
// stdout (a signed URL) stays clean.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const PARTS = [
  { script: 'build:bff', tool: 'esbuild', output: 'dist/bff/src/server.js', sources: ['bff/src', 'shared'] },
  {
    script: 'build:widget',
    tool: 'vite',
    output: 'widget/dist/order-context.js',
    sources: ['widget/src', 'shared', 'vite.config.ts'],
  },
];

/** Newest modification time under a file or folder; -1 when it does not exist. */
function newestMtime(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return -1;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(file)
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(file, name))), stat.mtimeMs);
}

function runScript(script) {
  // Under npm, npm_execpath is npm's own CLI: the same npm that runs us, whatever is on PATH.
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm]] : ['npm', []];
  const result = spawnSync(command, [...args, 'run', script, '--silent'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  return result.status ?? 1;
}

for (const part of PARTS) {
  const built = newestMtime(path.join(root, part.output));
  const changed = Math.max(...part.sources.map((source) => newestMtime(path.join(root, source))));
  if (built >= 0 && built >= changed) continue;
  if (!fs.existsSync(path.join(root, 'node_modules', part.tool, 'package.json'))) {
    if (built >= 0) continue;
    console.error(
      `${part.output} is missing and ${part.tool} is not installed here: build with \`npm ci && npm run build\`, then start again.`,
    );
    process.exit(1);
  }
  const status = runScript(part.script);
  if (status !== 0) process.exit(status);
}
