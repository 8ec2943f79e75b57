import { fileURLToPath } from 'node:url';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { BROWSER_ARGS, requireBrowser } from './scripts/browser.mjs';

// Widget tests run in the Chromium scripts/browser.mjs finds (Debian's on our machines; no browser download).
export default {
  files: ['test/widget/**/*.test.ts'],
  nodeResolve: true,
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: requireBrowser(),
        headless: true,
        args: [...BROWSER_ARGS],
      },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 8000 } },
};
