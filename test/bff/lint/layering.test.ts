// The layering rules in eslint.config.mjs, proven by the linter itself: a room that imports a room above it (or
// axios outside bff/src/bigcommerce) fails lint; the imports the rooms really use pass.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const root = path.resolve(import.meta.dirname, '../../..');
// Only the import rule: type-aware rules would need the fixture on disk, and they are not what is tested here.
const eslint = new ESLint({
  cwd: root,
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
});

async function importErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport {};\n`, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layering lint', () => {
  const violations: [string, string][] = [
    ['bff/src/context/fixture.ts', "import { createLogger } from '../http/logger.js';"],
    ['bff/src/notes/fixture.ts', "import { createNotesRouter } from '../routes/notes.js';"],
    ['bff/src/store/fixture.ts', "import { cacheKeys } from '../cache/index.js';"],
    ['bff/src/bigcommerce/fixture.ts', "import { openSqliteStore } from '../store/index.js';"],
    ['bff/src/core/fixture.ts', "import { toAppError } from '../bigcommerce/index.js';"],
    ['bff/src/http/fixture.ts', "import { toAppError } from '../bigcommerce/index.js';"],
    ['bff/src/routes/fixture.ts', "import { startServer } from '../server.js';"],
    ['bff/src/wiring/fixture.ts', "import { startServer } from '../server.js';"],
    ['bff/src/context/fixture.ts', "import axios from 'axios';"],
    ['bff/src/novomind/fixture.ts', "import { createS2sRouter } from '../routes/s2s.js';"],
    ['bff/src/novomind/fixture.ts', "import { readBearer } from '../auth/bearer.js';"],
    ['bff/src/ops/fixture.ts', "import { createNotes } from '../notes/index.js';"],
    ['bff/src/ops/fixture.ts', "import { createAdminStatusRouter } from '../routes/admin-status.js';"],
    ['bff/src/notes/fixture.ts', "import { createOpsRegistry } from '../ops/index.js';"],
    ['bff/src/notes/fixture.ts', "import { createRedisOrderLock } from '../redis/index.js';"],
    ['bff/src/cache/fixture.ts', "import { createRedisCacheTier } from '../redis/index.js';"],
    ['bff/src/redis/fixture.ts', "import type { Repos } from '../store/index.js';"],
    ['bff/src/redis/fixture.ts', "import { createSync } from '../sync/index.js';"],
    ['bff/src/sync/fixture.ts', "import { Redis } from 'ioredis';"],
    ['shared/fixture.ts', "import { AppError } from '../bff/src/core/app-error.js';"],
    ['widget/src/fixture.ts', "import { cacheKeys } from '../../bff/src/cache/index.js';"],
  ];
  for (const [file, source] of violations) {
    it(`refuses in ${file}: ${source}`, async () => {
      assert.equal((await importErrors(file, source)).length, 1);
    });
  }

  const allowed: [string, string][] = [
    ['bff/src/context/fixture.ts', "import { AppError } from '../core/app-error.js';"],
    ['bff/src/context/fixture.ts', "import { cacheKeys } from '../cache/index.js';"],
    ['bff/src/notes/fixture.ts', "import type { NoteOutboxRepo } from '../store/index.js';"],
    ['bff/src/routes/fixture.ts', "import { getContext } from '../context/index.js';"],
    ['bff/src/novomind/fixture.ts', "import { getContext } from '../context/index.js';"],
    ['bff/src/routes/fixture.ts', "import { createNovomind } from '../novomind/index.js';"],
    ['bff/src/wiring/fixture.ts', "import { createContextRouter } from '../routes/context.js';"],
    ['bff/src/bigcommerce/fixture.ts', "import axios from 'axios';"],
    ['bff/src/ops/fixture.ts', "import type { Repos } from '../store/index.js';"],
    ['bff/src/sync/fixture.ts', "import type { SyncOpsProvider } from '../ops/index.js';"],
    ['bff/src/novomind/fixture.ts', "import type { PushOpsProvider } from '../ops/index.js';"],
    ['bff/src/redis/fixture.ts', "import { Redis } from 'ioredis';"],
    ['bff/src/redis/fixture.ts', "import type { OrderLock } from '../notes/index.js';"],
    ['bff/src/redis/fixture.ts', "import type { SharedTier } from '../cache/index.js';"],
    ['bff/src/wiring/fixture.ts', "import { connectRedis } from '../redis/index.js';"],
  ];
  for (const [file, source] of allowed) {
    it(`allows in ${file}: ${source}`, async () => {
      assert.deepEqual(await importErrors(file, source), []);
    });
  }
});
