// npm run build:bff — the BFF (bff/src and the shared/ contract it imports) as plain ES modules in dist/, one .js
// per .ts, for `npm start` to run with plain node. esbuild is the transformer tsx uses for the tests, so
// production runs the same per-file output the tests run; types are checked by `npm run typecheck`.
// Usage: node scripts/build-bff.mjs [outDir]   (default dist/ in the project; tests build elsewhere)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = path.resolve(root, process.argv[2] ?? 'dist');

// A fresh folder: a module deleted from the sources must not live on in the build.
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['bff/src/**/*.ts', 'shared/**/*.ts'],
  outdir,
  outbase: '.',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
