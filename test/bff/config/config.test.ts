import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, resolveMarket, type AppConfig } from '../../../bff/src/config.js';
import { withSandboxStores } from '../../../bff/src/sandbox/index.js';

const SECRET = 'x'.repeat(40);

function fileReader(files: Record<string, unknown>) {
  return (file: string): string => {
    const content = files[file];
    if (content === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    return typeof content === 'string' ? content : JSON.stringify(content);
  };
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a ConfigError');
}

const GOOD_FILE = {
  stores: {
    eu: { hash: 'abc123', tokenEnv: 'BC_TOKEN_EU', apiUrl: 'https://api.bigcommerce.com/' },
    us: { hash: 'def456', tokenEnv: 'BC_TOKEN_US' },
  },
  markets: {
    de: {
      store: 'eu',
      label: 'Deutschland',
      locales: ['de', 'de-DE', 'de-AT'],
      channels: [1],
      permissions: ['orders:read', 'notes:write', 'links:write'],
      frameOrigins: ['https://desk.example.de'],
    },
    us: { store: 'us', label: 'United States', locales: ['en-US'], permissions: ['orders:read'] },
  },
  defaultMarket: 'de',
};
const FILE_ENV = {
  CONFIG_FILE: '/etc/oc/config.json',
  BC_TOKEN_EU: 'tok-eu',
  BC_TOKEN_US: 'tok-us',
  EMBED_SECRET: SECRET,
};

describe('loadConfig from the environment', () => {
  it('describes one store "default" and one market "default" with every scope from the single-store variables', () => {
    const config = loadConfig({
      BIGCOMMERCE_STORE_HASH: 'abc123',
      BIGCOMMERCE_ACCESS_TOKEN: 'tok',
      EMBED_SECRET: SECRET,
    });

    assert.equal(config.sandbox, false);
    assert.deepEqual(config.stores.default, {
      key: 'default',
      hash: 'abc123',
      accessToken: 'tok',
      apiUrl: 'https://api.bigcommerce.com',
      label: 'Store abc123',
      sync: { enabled: true, windowDays: 90, intervalMs: 300_000 },
      webhookSecret: null,
    });
    assert.equal(config.defaultMarket, 'default');
    assert.deepEqual(config.markets.default?.permissions, [
      'orders:read',
      'notes:write',
      'links:write',
      'orders:write',
    ]);
    assert.equal(config.markets.default?.channels, null);
    // orders:write is granted, but without STATUS_CHANGES no change is allowed.
    assert.deepEqual(config.markets.default?.statusChanges, []);
    assert.deepEqual(config.markets.default?.writeBack, { ticketEvents: [] });
  });

  it('takes the single store’s status changes and ticket-event write-back from the environment', () => {
    const config = loadConfig({
      BIGCOMMERCE_STORE_HASH: 'abc123',
      BIGCOMMERCE_ACCESS_TOKEN: 'tok',
      EMBED_SECRET: SECRET,
      STATUS_CHANGES: '[{"from": [11, 9], "to": 5}]',
      WRITE_BACK_TICKET_EVENTS: 'ticket.closed, ticket.reopened',
    });

    assert.deepEqual(config.markets.default?.statusChanges, [{ from: [11, 9], to: 5 }]);
    assert.deepEqual(config.markets.default?.writeBack, {
      ticketEvents: ['ticket.closed', 'ticket.reopened'],
    });
  });

  it('names the variable and the position of a bad status change or event type', () => {
    const env = { BIGCOMMERCE_STORE_HASH: 'abc123', BIGCOMMERCE_ACCESS_TOKEN: 'tok', EMBED_SECRET: SECRET };
    const unknownId = configError(() => loadConfig({ ...env, STATUS_CHANGES: '[{"from": [11], "to": 15}]' }));
    const notJson = configError(() => loadConfig({ ...env, STATUS_CHANGES: 'cancel please' }));
    const badType = configError(() =>
      loadConfig({ ...env, WRITE_BACK_TICKET_EVENTS: 'ticket.closed,ticket.deleted' }),
    );

    assert.match(
      unknownId.message,
      /^environment: STATUS_CHANGES\[0\]\.to: unknown status id: BigCommerce's statuses are 0-14$/,
    );
    assert.match(notJson.message, /^environment: STATUS_CHANGES: must be JSON like/);
    assert.match(
      badType.message,
      /^environment: WRITE_BACK_TICKET_EVENTS: must list event types of ticket\.created/,
    );
  });

  it('applies the documented defaults', () => {
    const config = loadConfig({
      BIGCOMMERCE_STORE_HASH: 'abc123',
      BIGCOMMERCE_ACCESS_TOKEN: 'tok',
      EMBED_SECRET: SECRET,
    });

    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.embed.audience, 'order-context');
    assert.equal(config.embed.maxLifetimeSec, 900);
    assert.deepEqual(config.frameAncestors, ["'self'"]);
    assert.equal(config.sessionTtlMs, 10 * 3_600_000);
    assert.equal(config.sessionRateLimitPerMinute, 120);
    assert.equal(config.metricsToken, null);
    assert.equal(config.adminToken, null);
    assert.equal(config.logLevel, 'info');
    assert.match(config.dataDir, /\/data$/);
  });

  it('reads every override', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      BIGCOMMERCE_STORE_HASH: 'abc123',
      BIGCOMMERCE_ACCESS_TOKEN: 'tok',
      BIGCOMMERCE_API_URL: 'http://127.0.0.1:4010/',
      EMBED_SECRET: SECRET,
      EMBED_AUDIENCE: 'oc-test',
      FRAME_ANCESTORS: "'self' https://desk.example.com",
      DATA_DIR: '/var/lib/oc',
      SESSION_TTL_HOURS: '2.5',
      SESSION_RATE_LIMIT_PER_MINUTE: '600',
      METRICS_TOKEN: 'metrics-token-1234567',
      ADMIN_TOKEN: 'admin-token-12345678',
      LOG_LEVEL: 'debug',
    });

    assert.equal(config.port, 9000);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.stores.default?.apiUrl, 'http://127.0.0.1:4010');
    assert.equal(config.embed.audience, 'oc-test');
    assert.deepEqual(config.frameAncestors, ["'self'", 'https://desk.example.com']);
    assert.equal(config.dataDir, '/var/lib/oc');
    assert.equal(config.sessionTtlMs, 2.5 * 3_600_000);
    assert.equal(config.sessionRateLimitPerMinute, 600);
    assert.equal(config.metricsToken, 'metrics-token-1234567');
    assert.equal(config.adminToken, 'admin-token-12345678');
    assert.equal(config.logLevel, 'debug');
  });

  it('chooses sandbox mode when no store is configured, with a random secret per start', () => {
    const first = loadConfig({});
    const second = loadConfig({});

    assert.equal(first.sandbox, true);
    assert.deepEqual(first.stores, {});
    assert.equal(first.embed.ephemeral, true);
    assert.ok(first.embed.secret.length >= 32);
    assert.notEqual(first.embed.secret, second.embed.secret);
  });

  it('generates an admin token per start in sandbox mode only, and keeps one that is set', () => {
    const sandbox = loadConfig({});
    const given = loadConfig({ ADMIN_TOKEN: 'admin-token-12345678' });
    const real = loadConfig({
      BIGCOMMERCE_STORE_HASH: 'abc123',
      BIGCOMMERCE_ACCESS_TOKEN: 'tok',
      EMBED_SECRET: SECRET,
    });

    assert.ok((sandbox.adminToken ?? '').length >= 16);
    assert.notEqual(sandbox.adminToken, loadConfig({}).adminToken);
    assert.equal(sandbox.adminTokenGenerated, true);
    assert.equal(given.adminToken, 'admin-token-12345678');
    assert.equal(given.adminTokenGenerated, false);
    assert.equal(real.adminToken, null);
    assert.equal(real.adminTokenGenerated, false);
  });

  it('treats empty variables as not set', () => {
    const config = loadConfig({ BIGCOMMERCE_STORE_HASH: '', BIGCOMMERCE_ACCESS_TOKEN: ' ', PORT: '' });

    assert.equal(config.sandbox, true);
    assert.equal(config.port, 8080);
  });

  it('refuses a store hash without a token instead of falling back to the sandbox', () => {
    const error = configError(() => loadConfig({ BIGCOMMERCE_STORE_HASH: 'abc123', EMBED_SECRET: SECRET }));

    assert.equal(
      error.message,
      'environment: BIGCOMMERCE_ACCESS_TOKEN: is not set, but BIGCOMMERCE_STORE_HASH is',
    );
  });

  it('refuses a token without a store hash', () => {
    const error = configError(() => loadConfig({ BIGCOMMERCE_ACCESS_TOKEN: 'tok', EMBED_SECRET: SECRET }));

    assert.match(error.message, /BIGCOMMERCE_STORE_HASH: is not set/);
  });

  it('requires EMBED_SECRET of at least 32 characters when a store is configured', () => {
    const missing = configError(() =>
      loadConfig({ BIGCOMMERCE_STORE_HASH: 'abc123', BIGCOMMERCE_ACCESS_TOKEN: 'tok' }),
    );
    const short = configError(() =>
      loadConfig({
        BIGCOMMERCE_STORE_HASH: 'abc123',
        BIGCOMMERCE_ACCESS_TOKEN: 'tok',
        EMBED_SECRET: 'short',
      }),
    );

    assert.match(missing.message, /^environment: EMBED_SECRET: is required/);
    assert.equal(short.message, 'environment: EMBED_SECRET: must be at least 32 characters');
  });

  it('names the variable of a bad value', () => {
    assert.match(configError(() => loadConfig({ PORT: 'eighty' })).message, /^environment: PORT: /);
    assert.match(
      configError(() => loadConfig({ PORT: '70000' })).message,
      /PORT: must be between 0 and 65535/,
    );
    assert.match(configError(() => loadConfig({ LOG_LEVEL: 'loud' })).message, /LOG_LEVEL: must be one of/);
    for (const bad of ['-1', '1.5', 'lots']) {
      assert.match(
        configError(() => loadConfig({ SESSION_RATE_LIMIT_PER_MINUTE: bad })).message,
        /^environment: SESSION_RATE_LIMIT_PER_MINUTE: must be /,
        bad,
      );
    }
    assert.match(
      configError(() => loadConfig({ FRAME_ANCESTORS: 'desk.example.com' })).message,
      /FRAME_ANCESTORS: "desk.example.com" is not 'self', 'none' or an origin/,
    );
    assert.match(
      configError(() => loadConfig({ BIGCOMMERCE_API_URL: 'ftp://x' })).message,
      /BIGCOMMERCE_API_URL: must be an http\(s\) URL/,
    );
  });

  it('never puts a secret value into an error message', () => {
    const error = configError(() =>
      loadConfig({
        BIGCOMMERCE_STORE_HASH: 'abc123',
        BIGCOMMERCE_ACCESS_TOKEN: 'tok',
        EMBED_SECRET: 'short-secret-value',
      }),
    );

    assert.ok(!error.message.includes('short-secret-value'));
  });
});

describe('loadConfig from CONFIG_FILE', () => {
  it('reads stores and markets, with tokens from the variables the file names', () => {
    const config = loadConfig(FILE_ENV, fileReader({ '/etc/oc/config.json': GOOD_FILE }));

    assert.equal(config.sandbox, false);
    assert.deepEqual(Object.keys(config.stores), ['eu', 'us']);
    assert.equal(config.stores.eu?.accessToken, 'tok-eu');
    assert.equal(config.stores.eu?.apiUrl, 'https://api.bigcommerce.com');
    assert.equal(config.stores.us?.apiUrl, 'https://api.bigcommerce.com');
    assert.deepEqual(config.markets.de, {
      id: 'de',
      store: 'eu',
      label: 'Deutschland',
      locales: ['de', 'de-DE', 'de-AT'],
      channels: [1],
      permissions: ['orders:read', 'notes:write', 'links:write'],
      frameOrigins: ['https://desk.example.de'],
      embedSecret: null,
      template: null,
      statusChanges: [],
      writeBack: { ticketEvents: [] },
    });
    assert.equal(config.markets.us?.channels, null);
    assert.equal(config.defaultMarket, 'de');
    assert.equal(config.configFile, '/etc/oc/config.json');
  });

  it('gives stores without apiUrl the BIGCOMMERCE_API_URL', () => {
    const config = loadConfig(
      { ...FILE_ENV, BIGCOMMERCE_API_URL: 'http://127.0.0.1:9999' },
      fileReader({ '/etc/oc/config.json': GOOD_FILE }),
    );

    assert.equal(config.stores.us?.apiUrl, 'http://127.0.0.1:9999');
    assert.equal(config.stores.eu?.apiUrl, 'https://api.bigcommerce.com');
  });

  it('defaults a market to read-only and the first market to default', () => {
    const file = { stores: GOOD_FILE.stores, markets: { us: { store: 'us' } } };
    const config = loadConfig(FILE_ENV, fileReader({ '/etc/oc/config.json': file }));

    assert.deepEqual(config.markets.us?.permissions, ['orders:read']);
    assert.equal(config.markets.us?.label, 'us');
    assert.equal(config.defaultMarket, 'us');
  });

  it('takes a market template and a market secret from the environment', () => {
    const template = {
      customer: [],
      order: [
        {
          key: 'paymentMethod',
          source: 'payment.method',
          label: { en: 'Payment', de: 'Zahlung' },
          format: 'text',
        },
      ],
    };
    const file = {
      ...GOOD_FILE,
      markets: { de: { ...GOOD_FILE.markets.de, template, embedSecretEnv: 'OC_SECRET_DE' } },
    };
    const config = loadConfig(
      { ...FILE_ENV, OC_SECRET_DE: 'd'.repeat(32) },
      fileReader({ '/etc/oc/config.json': file }),
    );

    assert.deepEqual(config.markets.de?.template, template);
    assert.equal(config.markets.de?.embedSecret, 'd'.repeat(32));
  });

  it('names the file and the JSON path of a market pointing to an unknown store', () => {
    const file = {
      ...GOOD_FILE,
      markets: { ...GOOD_FILE.markets, de: { ...GOOD_FILE.markets.de, store: 'eu2' } },
    };
    const error = configError(() => loadConfig(FILE_ENV, fileReader({ '/etc/oc/config.json': file })));

    assert.match(
      error.message,
      /^CONFIG_FILE \/etc\/oc\/config\.json: markets\.de\.store: unknown store "eu2"/,
    );
    assert.deepEqual(error.issues[0]?.path, 'markets.de.store');
  });

  it('names array positions, unknown keys and template fields', () => {
    const file = {
      ...GOOD_FILE,
      markets: {
        de: {
          ...GOOD_FILE.markets.de,
          locales: ['de', 'not a locale'],
          permisions: ['orders:read'],
          template: { customer: [], order: [{ key: 'x', source: 'a', label: {}, format: 'colour' }] },
        },
      },
    };
    const error = configError(() => loadConfig(FILE_ENV, fileReader({ '/etc/oc/config.json': file })));
    const paths = error.issues.map((issue) => issue.path);

    assert.ok(paths.includes('markets.de.locales[1]'), paths.join(', '));
    assert.ok(paths.includes('markets.de.template.order[0].format'), paths.join(', '));
    assert.match(error.message, /markets\.de: unknown key "permisions"/);
  });

  it('reports a store whose token variable is not set, without needing the token in the file', () => {
    const error = configError(() =>
      loadConfig({ ...FILE_ENV, BC_TOKEN_US: '' }, fileReader({ '/etc/oc/config.json': GOOD_FILE })),
    );

    assert.equal(
      error.message,
      "CONFIG_FILE /etc/oc/config.json: stores.us.tokenEnv: environment variable BC_TOKEN_US (the store's access token) is not set",
    );
  });

  it('refuses a token written into the file', () => {
    const file = {
      ...GOOD_FILE,
      stores: { ...GOOD_FILE.stores, eu: { ...GOOD_FILE.stores.eu, accessToken: 'x' } },
    };
    const error = configError(() => loadConfig(FILE_ENV, fileReader({ '/etc/oc/config.json': file })));

    assert.match(error.message, /stores\.eu: unknown key "accessToken"/);
  });

  it('reports an unknown default market, bad origins and a market without orders:read', () => {
    const file = {
      ...GOOD_FILE,
      markets: {
        de: {
          ...GOOD_FILE.markets.de,
          frameOrigins: ['https://desk.example.de/path'],
          permissions: ['notes:write'],
        },
      },
      defaultMarket: 'fr',
    };
    const error = configError(() => loadConfig(FILE_ENV, fileReader({ '/etc/oc/config.json': file })));
    const paths = error.issues.map((issue) => issue.path);

    assert.deepEqual(
      paths.sort(),
      ['defaultMarket', 'markets.de.frameOrigins[0]', 'markets.de.permissions'].sort(),
    );
  });

  it('reads status changes and write-back per market', () => {
    const file = {
      ...GOOD_FILE,
      markets: {
        ...GOOD_FILE.markets,
        de: {
          ...GOOD_FILE.markets.de,
          permissions: ['orders:read', 'orders:write'],
          statusChanges: [
            { from: [11, 9], to: 5 },
            { from: [7], to: 5 },
          ],
          writeBack: { ticketEvents: ['ticket.closed'] },
        },
      },
    };
    const config = loadConfig(FILE_ENV, fileReader({ '/etc/oc/config.json': file }));

    assert.deepEqual(config.markets.de?.statusChanges, [
      { from: [11, 9], to: 5 },
      { from: [7], to: 5 },
    ]);
    assert.deepEqual(config.markets.de?.writeBack, { ticketEvents: ['ticket.closed'] });
    assert.deepEqual(config.markets.us?.statusChanges, []);
  });

  it('refuses status changes in a market without orders:write', () => {
    const file = {
      ...GOOD_FILE,
      markets: {
        ...GOOD_FILE.markets,
        de: { ...GOOD_FILE.markets.de, statusChanges: [{ from: [11], to: 5 }] },
      },
    };
    const error = configError(() => loadConfig(FILE_ENV, fileReader({ '/etc/oc/config.json': file })));

    assert.match(
      error.message,
      /^CONFIG_FILE \/etc\/oc\/config\.json: markets\.de\.statusChanges: needs "orders:write" in the market's permissions/,
    );
  });

  it('refuses unknown status ids, changes to the same status and unknown event types, by JSON path', () => {
    const file = {
      ...GOOD_FILE,
      markets: {
        de: {
          ...GOOD_FILE.markets.de,
          statusChanges: [
            { from: [11, 99], to: 5 },
            { from: [0], to: 5 },
            { from: [5, 11], to: 5 },
            { from: [], to: 5 },
            { from: [11], to: 5, notify: true },
          ],
          writeBack: { ticketEvents: ['ticket.deleted'] },
        },
      },
    };
    const error = configError(() => loadConfig(FILE_ENV, fileReader({ '/etc/oc/config.json': file })));
    const byPath = Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message]));

    assert.equal(
      byPath['markets.de.statusChanges[0].from[1]'],
      "unknown status id: BigCommerce's statuses are 0-14",
    );
    assert.match(
      byPath['markets.de.statusChanges[1].from[0]'] ?? '',
      /^0 \(Incomplete\) is an abandoned checkout/,
    );
    assert.match(byPath['markets.de.statusChanges[2].to'] ?? '', /must not be one of "from"/);
    assert.equal(byPath['markets.de.statusChanges[3].from'], 'must list at least one status to change from');
    assert.equal(byPath['markets.de.statusChanges[4]'], 'unknown key "notify"');
    assert.match(byPath['markets.de.writeBack.ticketEvents[0]'] ?? '', /^must be one of ticket\.created/);
  });

  it('names the file when it cannot be read or is not JSON', () => {
    const missing = configError(() => loadConfig(FILE_ENV, fileReader({})));
    const broken = configError(() => loadConfig(FILE_ENV, fileReader({ '/etc/oc/config.json': '{ nope' })));

    assert.equal(missing.message, 'CONFIG_FILE /etc/oc/config.json: cannot read the file (ENOENT)');
    assert.match(broken.message, /^CONFIG_FILE \/etc\/oc\/config\.json: not valid JSON/);
  });

  it('needs EMBED_SECRET with a config file too', () => {
    const error = configError(() =>
      loadConfig({ ...FILE_ENV, EMBED_SECRET: undefined }, fileReader({ '/etc/oc/config.json': GOOD_FILE })),
    );

    assert.match(error.message, /EMBED_SECRET: is required/);
  });
});

describe('withSandboxStores', () => {
  it('fills stores eu/us and markets de/us from the sandbox', () => {
    const config = withSandboxStores(loadConfig({}), 'http://127.0.0.1:4444/', [
      { hash: 'sbx1eu', token: 't-eu', label: 'Sandbox EU' },
      { hash: 'sbx2us', token: 't-us', label: 'Sandbox US' },
    ]);

    assert.deepEqual(Object.keys(config.stores), ['eu', 'us']);
    assert.equal(config.stores.eu?.apiUrl, 'http://127.0.0.1:4444');
    assert.equal(config.markets.de?.store, 'eu');
    assert.equal(config.markets.us?.store, 'us');
    assert.equal(config.defaultMarket, 'de');
    assert.equal(config.sandbox, true);
    // A demo agent may cancel an order awaiting fulfillment or shipment; closed tickets are noted on their orders.
    assert.deepEqual(config.markets.de?.statusChanges, [{ from: [11, 9], to: 5 }]);
    assert.ok(config.markets.de?.permissions.includes('orders:write'));
    assert.deepEqual(config.markets.us?.writeBack, { ticketEvents: ['ticket.closed'] });
  });
});

describe('resolveMarket', () => {
  const config = loadConfig(FILE_ENV, fileReader({ '/etc/oc/config.json': GOOD_FILE }));
  const withUk: Pick<AppConfig, 'markets' | 'defaultMarket'> = {
    defaultMarket: 'de',
    markets: {
      us: { ...config.markets.us!, locales: ['en-US', 'en'] },
      uk: { ...config.markets.us!, id: 'uk', locales: ['en-GB'] },
    },
  };

  it('takes the market claim first', () => {
    assert.equal(resolveMarket(config, { market: 'us', locale: 'de-DE' })?.id, 'us');
  });

  it('returns null for a claim naming an unknown market', () => {
    assert.equal(resolveMarket(config, { market: 'fr' }), null);
  });

  it('matches the locale exactly, case-insensitively', () => {
    assert.equal(resolveMarket(config, { locale: 'en-us' })?.id, 'us');
  });

  it('matches by language when no market lists the exact locale', () => {
    assert.equal(resolveMarket(config, { locale: 'de-CH' })?.id, 'de');
    assert.equal(resolveMarket(config, { locale: 'en' })?.id, 'us');
  });

  it('prefers an exact match in a later market over a language match in an earlier one', () => {
    assert.equal(resolveMarket(withUk, { locale: 'en-GB' })?.id, 'uk');
  });

  it('falls back to the default market', () => {
    assert.equal(resolveMarket(config, { locale: 'fr-FR' })?.id, 'de');
    assert.equal(resolveMarket(config, {})?.id, 'de');
  });
});

describe('REDIS_URL', () => {
  const single = { BIGCOMMERCE_STORE_HASH: 'abc123', BIGCOMMERCE_ACCESS_TOKEN: 'tok', EMBED_SECRET: SECRET };

  it('keeps everything in-process when unset', () => {
    assert.equal(loadConfig(single).redis, null);
  });

  it('takes a redis:// or rediss:// URL, with the key prefix oc: unless REDIS_KEY_PREFIX says otherwise', () => {
    assert.deepEqual(loadConfig({ ...single, REDIS_URL: 'redis://127.0.0.1:6379/0' }).redis, {
      url: 'redis://127.0.0.1:6379/0',
      keyPrefix: 'oc:',
    });
    assert.deepEqual(
      loadConfig({ ...single, REDIS_URL: 'rediss://:pw@cache.internal:6380', REDIS_KEY_PREFIX: 'oc-eu:' })
        .redis,
      { url: 'rediss://:pw@cache.internal:6380', keyPrefix: 'oc-eu:' },
    );
  });

  it('refuses anything else, naming the variable', () => {
    const error = configError(() => loadConfig({ ...single, REDIS_URL: 'http://127.0.0.1:6379' }));
    assert.match(error.message, /REDIS_URL/);
  });
});
