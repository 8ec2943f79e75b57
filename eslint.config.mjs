// One lint gate for all rooms. The restricted-import rules keep dependencies pointing one way:
// the widget and shared/ never reach into the BFF, and only bff/src/bigcommerce knows BigCommerce.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import globals from 'globals';

const BFF_ROOMS = [
  'core',
  'bigcommerce',
  'cache',
  'store',
  'sandbox',
  'config',
  'auth',
  'http',
  'context',
  'notes',
  'ops',
  'sync',
  'novomind',
  'status',
  'demo',
  'routes',
  'cli',
  'redis',
  'wiring',
  'app',
  'server',
];

/** What each room may not import. Rooms not listed in a row above them point one way: down. */
const FORBIDDEN = {
  core: BFF_ROOMS.filter((room) => room !== 'core'),
  bigcommerce: BFF_ROOMS.filter((room) => !['core', 'bigcommerce'].includes(room)),
  cache: BFF_ROOMS.filter((room) => !['core', 'cache'].includes(room)),
  store: BFF_ROOMS.filter((room) => !['core', 'store'].includes(room)),
  sandbox: BFF_ROOMS.filter((room) => !['core', 'sandbox', 'config'].includes(room)),
  config: BFF_ROOMS.filter((room) => !['core', 'config'].includes(room)),
  auth: [
    'bigcommerce',
    'cache',
    'sandbox',
    'http',
    'context',
    'notes',
    'ops',
    'sync',
    'novomind',
    'status',
    'demo',
    'routes',
    'cli',
    'redis',
    'wiring',
    'app',
    'server',
  ],
  http: [
    'bigcommerce',
    'cache',
    'store',
    'sandbox',
    'auth',
    'context',
    'notes',
    'ops',
    'sync',
    'novomind',
    'status',
    'demo',
    'routes',
    'cli',
    'redis',
    'wiring',
    'app',
    'server',
  ],
  context: [
    'sandbox',
    'auth',
    'http',
    'ops',
    'sync',
    'novomind',
    'status',
    'demo',
    'routes',
    'cli',
    'redis',
    'wiring',
    'app',
    'server',
  ],
  notes: [
    'sandbox',
    'auth',
    'http',
    'context',
    'ops',
    'sync',
    'novomind',
    'status',
    'demo',
    'routes',
    'cli',
    'redis',
    'wiring',
    'app',
    'server',
  ],
  // The ops room sits below sync and novomind: they implement its provider interfaces; it never imports them.
  ops: [
    'sandbox',
    'auth',
    'http',
    'context',
    'notes',
    'sync',
    'novomind',
    'status',
    'demo',
    'routes',
    'cli',
    'redis',
    'wiring',
    'app',
    'server',
  ],
  sync: [
    'sandbox',
    'auth',
    'http',
    'novomind',
    'status',
    'demo',
    'routes',
    'cli',
    'wiring',
    'app',
    'server',
    'redis',
  ],
  novomind: [
    'sandbox',
    'auth',
    'http',
    'status',
    'demo',
    'routes',
    'cli',
    'wiring',
    'app',
    'server',
    'redis',
  ],
  status: [
    'sandbox',
    'auth',
    'http',
    'novomind',
    'demo',
    'routes',
    'cli',
    'wiring',
    'app',
    'server',
    'redis',
  ],
  demo: ['routes', 'cli', 'wiring', 'app', 'server', 'redis'],
  routes: ['sandbox', 'cli', 'wiring', 'app', 'server', 'redis'],
  cli: ['routes', 'wiring', 'app', 'server', 'redis'],
  // The Redis adapters implement ports of the rooms below them (cache, bigcommerce, notes); only wiring and server
  // import them.
  redis: BFF_ROOMS.filter((room) => !['core', 'cache', 'bigcommerce', 'notes', 'redis'].includes(room)),
  wiring: ['cli', 'app', 'server'],
  app: ['sandbox', 'cli', 'wiring', 'server', 'redis'],
};

/** Only bff/src/bigcommerce speaks HTTP to BigCommerce (the sandbox is a BigCommerce, and serves with Express). */
const AXIOS_RULE = { group: ['axios'], message: 'Only bff/src/bigcommerce speaks HTTP to BigCommerce.' };
/** Only bff/src/redis speaks to Redis. */
const IOREDIS_RULE = { group: ['ioredis'], message: 'Only bff/src/redis speaks to Redis (ioredis).' };

function bffLayers() {
  return Object.entries(FORBIDDEN).map(([room, forbidden]) => {
    const isFile = room === 'app' || room === 'server' || room === 'config';
    const files = isFile ? [`bff/src/${room}.ts`] : [`bff/src/${room}/**/*.ts`];
    // `../http/x.js`, `../../http/x.js`, `./http/x.js` (from app.ts), `../config.js` …
    const regex = `^(\\.\\./|\\./)+(${forbidden.join('|')})(/|\\.js$)`;
    const patterns = [
      {
        regex,
        message: `bff/src/${room} must not depend on ${forbidden.join(', ')} (dependencies point one way; see eslint.config.mjs).`,
      },
    ];
    if (room !== 'bigcommerce' && room !== 'server') patterns.push(AXIOS_RULE);
    if (room !== 'redis') patterns.push(IOREDIS_RULE);
    return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
  });
}

export default tseslint.config(
  { ignores: ['**/dist/**', '**/dist-console/**', 'node_modules/**', 'data/**', '.screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['**/*.{js,mjs}'], extends: [tseslint.configs.disableTypeChecked] },
  { files: ['widget/src/**/*.ts', 'test/widget/**/*.ts'], ...litConfigs['flat/recommended'] },
  { files: ['widget/src/**/*.ts', 'test/widget/**/*.ts'], languageOptions: { globals: globals.browser } },
  {
    files: ['bff/**/*.ts', 'test/bff/**/*.ts', 'test/e2e/**/*.ts', 'scripts/**/*.{ts,mjs}', '**/*.config.*'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['shared/**/*.ts', 'widget/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/bff/**', 'express', 'axios', 'node:*'],
              message: 'shared/ and widget/ must not depend on the BFF or Node.',
            },
          ],
        },
      ],
    },
  },
  // The BFF's layering (STYLE.md §2): a room may import only the rooms listed as below it. Each entry names what
  // it must NOT import (relative paths into bff/src); test/lint/layering.test.ts proves a violation fails lint.
  ...bffLayers(),
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
