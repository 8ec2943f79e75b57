// The novomind side of the configuration: S2S_SECRET and `markets.<id>.novomind`, checked at start with the
// file and JSON path of every problem; and the push's Standard Webhooks signature against published vectors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../../bff/src/config.js';
import { signWebhook } from '../../../bff/src/novomind/index.js';
import { backoffMs, decidePush, parseRetryAfter } from '../../../bff/src/novomind/push-policy.js';
import { nextSendAt } from '../../../bff/src/novomind/rate-window.js';

const SECRET = 'e'.repeat(40);
const FILE = '/etc/oc/config.json';
const ENV = {
  CONFIG_FILE: FILE,
  BC_TOKEN_EU: 'tok',
  EMBED_SECRET: SECRET,
  NM_PUSH: 'whsec_' + 'A'.repeat(32),
};

function load(novomind: unknown, env: Record<string, string> = {}) {
  const file = {
    stores: { eu: { hash: 'abc123', tokenEnv: 'BC_TOKEN_EU' } },
    markets: { de: { store: 'eu', ...(novomind === undefined ? {} : { novomind }) } },
  };
  return loadConfig({ ...ENV, ...env }, () => JSON.stringify(file));
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error;
  }
  assert.fail('expected a ConfigError');
}

describe('the novomind configuration', () => {
  it('reads a market’s queue and push, with the default rate', () => {
    const config = load({
      queue: 'Bestellungen DE',
      pushUrl: 'https://iagent.example.de/hooks',
      pushSecretEnv: 'NM_PUSH',
    });
    assert.deepEqual(config.markets.de?.novomind, {
      queue: 'Bestellungen DE',
      push: { url: 'https://iagent.example.de/hooks', secret: ENV.NM_PUSH, maxRequestsPerMinute: 60 },
    });
    assert.equal(config.s2s.secret, null);
    assert.equal('novomind' in (load(undefined).markets.de ?? {}), false);
  });

  it('names the file and JSON path of each novomind problem', () => {
    const error = configError(() => load({ pushUrl: 'ftp://x', maxRequestsPerMinute: 0, unknown: 1 }, {}));
    const paths = error.issues.map((issue) => issue.path);
    assert.ok(paths.includes('markets.de.novomind.pushUrl'), paths.join(', '));
    assert.ok(paths.includes('markets.de.novomind.maxRequestsPerMinute'), paths.join(', '));
    assert.match(error.message, /^CONFIG_FILE \/etc\/oc\/config\.json: /);
    assert.match(error.message, /markets\.de\.novomind: unknown key "unknown"/);

    const noSecret = configError(() => load({ pushUrl: 'https://iagent.example.de/hooks' }));
    assert.deepEqual(
      noSecret.issues.map((issue) => issue.path),
      ['markets.de.novomind.pushSecretEnv'],
    );
    const unset = configError(() =>
      load({ pushUrl: 'https://iagent.example.de/hooks', pushSecretEnv: 'NM_MISSING' }),
    );
    assert.match(
      unset.message,
      /markets\.de\.novomind\.pushSecretEnv: environment variable NM_MISSING must hold/,
    );
  });

  it('takes S2S_SECRET of 32+ characters, never equal to an embed secret', () => {
    assert.equal(load(undefined, { S2S_SECRET: 's'.repeat(32) }).s2s.secret, 's'.repeat(32));
    assert.equal(load(undefined, { S2S_SECRET: 's'.repeat(32) }).s2s.audience, 'order-context-s2s');
    assert.match(
      configError(() => load(undefined, { S2S_SECRET: 'short' })).message,
      /S2S_SECRET: must be at least 32/,
    );
    assert.match(
      configError(() => load(undefined, { S2S_SECRET: SECRET })).message,
      /S2S_SECRET: must differ from EMBED_SECRET/,
    );
    assert.match(
      configError(() => load(undefined, { EMBED_AUDIENCE: 'order-context-s2s' })).message,
      /EMBED_AUDIENCE: must not be "order-context-s2s"/,
    );
  });
});

describe('the push’s signature and pacing', () => {
  it('signs like the Standard Webhooks test vector (whsec_ secrets are base64)', () => {
    assert.equal(
      signWebhook(
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        1614265330,
        '{"test": 2432232314}',
      ),
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('uses a raw secret’s own bytes', () => {
    assert.notEqual(
      signWebhook('raw-secret-of-some-length-123', 'id', 1, '{}'),
      signWebhook('raw-secret-of-some-length-124', 'id', 1, '{}'),
    );
    assert.match(signWebhook('raw-secret-of-some-length-123', 'id', 1, '{}'), /^v1,[A-Za-z0-9+/]+=*$/);
  });

  it('lets a request go only while fewer than the limit went in the last minute', () => {
    assert.equal(nextSendAt([], 1_000, 2), 1_000);
    assert.equal(nextSendAt([100], 1_000, 2), 1_000);
    assert.equal(nextSendAt([100, 500], 1_000, 2), 60_100);
    assert.equal(nextSendAt([100, 500], 60_101, 2), 60_101);
  });

  it('decides: 2xx delivered; 429 waits Retry-After exactly (seconds or a date); 5xx, network and 4xx back off', () => {
    const random = () => 0.5;
    assert.deepEqual(decidePush({ status: 204, retryAfter: null }, 0, 0, random), { kind: 'delivered' });
    const limited = decidePush({ status: 429, retryAfter: '30' }, 3, 0, random);
    assert.equal(limited.kind === 'retry' && limited.delayMs, 30_000);
    assert.equal(parseRetryAfter(new Date(90_000).toUTCString(), 30_000), 60_000);
    assert.equal(parseRetryAfter('soon', 0), null);
    for (const result of [
      { status: 503, retryAfter: null },
      { error: 'ECONNREFUSED' },
      { status: 404, retryAfter: null },
    ]) {
      const outcome = decidePush(result, 2, 0, random);
      assert.equal(outcome.kind === 'retry' && outcome.delayMs, backoffMs(2, random));
    }
    assert.ok(backoffMs(1, random) < backoffMs(2, random));
    assert.equal(
      backoffMs(40, () => 1),
      300_000,
    );
  });
});
