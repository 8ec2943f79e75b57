import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ContextResponse, FieldTemplate, OrderDetail } from '../../../shared/index.js';
import { ConfigError, loadConfig } from '../../../bff/src/config.js';
import { toOrderView } from '../../../bff/src/context/get-order-detail.js';
import { toCustomerView } from '../../../bff/src/context/map-customer.js';
import { resolvePath } from '../../../bff/src/context/templates.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { startServer } from '../../../bff/src/server.js';
import { EMBED_SECRET, MARKETS, startMarkets, type Markets } from './markets-harness.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLE_FILE = path.join(ROOT, 'config.example.json');
const eu = SANDBOX_PERSONAS.sbx1eu;

interface ExampleFile {
  stores: Record<string, { tokenEnv: string }>;
  markets: Record<string, { embedSecretEnv?: string; template?: unknown }>;
}

function readExample(): ExampleFile {
  return JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8')) as ExampleFile;
}

/** The environment the example file asks for: every tokenEnv and embedSecretEnv it names, with made-up values. */
function exampleEnv(example: ExampleFile): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { CONFIG_FILE: EXAMPLE_FILE, EMBED_SECRET };
  for (const store of Object.values(example.stores)) env[store.tokenEnv] = `token-for-${store.tokenEnv}`;
  for (const market of Object.values(example.markets)) {
    if (market.embedSecretEnv) env[market.embedSecretEnv] = `${market.embedSecretEnv}-0123456789abcdef0123`;
  }
  return env;
}

function exampleTemplate(example: ExampleFile): FieldTemplate {
  const withTemplate = Object.values(example.markets).find((market) => market.template !== undefined);
  return FieldTemplate.parse(withTemplate?.template);
}

describe('config.example.json', () => {
  it('loads with the environment variables it names: two stores, markets with channels, permissions, origins, a secret and a template', () => {
    const example = readExample();
    const env = exampleEnv(example);

    const config = loadConfig(env);

    assert.equal(Object.keys(config.stores).length, 2);
    assert.ok(Object.keys(config.markets).length >= 2);
    for (const store of Object.values(config.stores)) {
      assert.equal(store.accessToken, env[example.stores[store.key]?.tokenEnv ?? '']);
    }
    const markets = Object.values(config.markets);
    assert.ok(markets.every((market) => Object.hasOwn(config.stores, market.store)));
    assert.ok(markets.some((market) => market.channels !== null));
    assert.ok(markets.every((market) => market.permissions.includes('orders:read')));
    assert.ok(markets.some((market) => !market.permissions.includes('links:write')));
    assert.ok(markets.every((market) => market.frameOrigins.length > 0));
    assert.ok(markets.some((market) => market.embedSecret !== null));
    assert.ok(Object.hasOwn(config.markets, config.defaultMarket));
    const template = markets.find((market) => market.template !== null)?.template;
    assert.ok(template, 'one market brings its own template');
    for (const field of [...template.customer, ...template.order]) {
      assert.ok(field.label.en && field.label.de, `${field.key} is labelled in English and German`);
    }
    const formats = new Set([...template.customer, ...template.order].map((field) => field.format));
    for (const format of ['text', 'money', 'date', 'status', 'link', 'number'] as const) {
      assert.ok(formats.has(format), `the example shows the ${format} format`);
    }
  });

  it('names the missing variable of a market secret by its JSON path', () => {
    const example = readExample();
    const env = exampleEnv(example);
    const [id, market] = Object.entries(example.markets).find(([, m]) => m.embedSecretEnv) ?? [];
    assert.ok(id && market?.embedSecretEnv);
    delete env[market.embedSecretEnv];

    assert.throws(
      () => loadConfig(env),
      (error) =>
        error instanceof ConfigError &&
        error.message.includes(EXAMPLE_FILE) &&
        error.message.includes(`markets.${id}.embedSecretEnv`),
    );
  });
});

describe('the example template against real data', () => {
  let markets: Markets;
  let template: FieldTemplate;
  before(async () => {
    template = exampleTemplate(readExample());
    markets = await startMarkets({ markets: { ...MARKETS, de: { ...(MARKETS.de as object), template } } });
  });
  after(() => markets.close());

  it('finds every source it names in the context and the order detail', async () => {
    const session = await markets.session({ market: 'de', locale: 'de-DE', email: eu.registered.email });

    const contextReply = await markets.get(session, '/api/v1/context');
    const detailReply = await markets.get(session, `/api/v1/orders/${eu.orders.shippedWithTracking}`);
    const context = ContextResponse.parse(contextReply.body);
    const detail = OrderDetail.parse(detailReply.body);

    assert.deepEqual(
      context.fields.map((field) => field.key),
      template.customer.map((field) => field.key),
    );
    assert.deepEqual(
      detail.fields.map((field) => field.key),
      template.order.map((field) => field.key),
    );
    // A source that names nothing resolves to undefined (a field that exists but is empty is null).
    const customerView = toCustomerView(context.customer, context.guestEmail);
    const orderView = toOrderView(detail);
    for (const field of template.customer) {
      assert.notEqual(resolvePath(customerView, field.source), undefined, `customer source ${field.source}`);
    }
    for (const field of template.order) {
      assert.notEqual(resolvePath(orderView, field.source), undefined, `order source ${field.source}`);
    }
    const byKey = new Map(detail.fields.map((field) => [field.key, field]));
    assert.equal(byKey.get('orderNumber')?.label, 'Bestellnummer');
    assert.ok(typeof byKey.get('trackingLink')?.value === 'string', 'a shipped order has a tracking link');
  });
});

describe('a bad config file', () => {
  let dir: string;
  /** Well-formed, but a market points at a store that does not exist. */
  let unknownStoreFile: string;
  /** A template field with a format we do not have. */
  let badTemplateFile: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'markets-bad-config-'));
    const stores = { eu: { hash: 'abc123', tokenEnv: 'BC_TOKEN_EU' } };
    unknownStoreFile = path.join(dir, 'unknown-store.json');
    fs.writeFileSync(
      unknownStoreFile,
      JSON.stringify({ stores, markets: { de: { store: 'europe', permissions: ['orders:read'] } } }),
    );
    badTemplateFile = path.join(dir, 'bad-template.json');
    fs.writeFileSync(
      badTemplateFile,
      JSON.stringify({
        stores,
        markets: {
          de: {
            store: 'eu',
            template: {
              customer: [],
              order: [{ key: 'total', source: 'totals.total', label: { en: 'Total' }, format: 'euro' }],
            },
          },
        },
      }),
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const env = (file: string) => ({
    CONFIG_FILE: file,
    BC_TOKEN_EU: 'bc-token-never-printed',
    EMBED_SECRET,
    PORT: '0',
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
  });

  it('makes startServer reject with a message naming the file and the field’s JSON path', async () => {
    await assert.rejects(startServer(env(unknownStoreFile), { database: ':memory:' }), (error) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(
        error.message,
        `CONFIG_FILE ${unknownStoreFile}: markets.de.store: unknown store "europe" (stores: eu)`,
      );
      return true;
    });
    await assert.rejects(startServer(env(badTemplateFile), { database: ':memory:' }), (error) => {
      assert.ok(error instanceof ConfigError);
      assert.ok(
        error.message.startsWith(`CONFIG_FILE ${badTemplateFile}: markets.de.template.order[0].format: `),
      );
      return true;
    });
  });

  it('stops `node bff/src/server.ts` (what npm start runs) with exit code 1 and that message', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bff/src/server.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env(unknownStoreFile) },
      encoding: 'utf8',
      timeout: 30_000,
    });

    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /Configuration error/);
    assert.ok(
      result.stderr.includes(`${unknownStoreFile}: markets.de.store: unknown store "europe"`),
      result.stderr,
    );
    assert.ok(!result.stderr.includes('bc-token-never-printed'));
    assert.equal(result.stdout, '', 'nothing started, nothing logged');
  });
});
