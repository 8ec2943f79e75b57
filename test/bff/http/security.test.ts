import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../bff/src/config.js';
import { collectFrameAncestors } from '../../../bff/src/http/security.js';
import { EMBED_SECRET, startTestApp, type TestApp } from '../app/harness.js';

function configWithOrigins() {
  const file = {
    stores: { eu: { hash: 'abc123', tokenEnv: 'BC_EU' } },
    markets: {
      de: { store: 'eu', frameOrigins: ['https://desk.example.de'] },
      at: { store: 'eu', frameOrigins: ['https://desk.example.at', 'https://desk.example.de'] },
    },
  };
  return loadConfig(
    {
      CONFIG_FILE: '/cfg.json',
      BC_EU: 'tok-eu-123456789',
      EMBED_SECRET,
      FRAME_ANCESTORS: "'self' https://novomind.example.com",
      LOG_LEVEL: 'silent',
    },
    () => JSON.stringify(file),
  );
}

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
}

describe('security headers', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ config: configWithOrigins() });
  });
  after(() => app.close());

  it('allows framing only by FRAME_ANCESTORS plus every market’s frameOrigins', async () => {
    const response = await app.fetch('/healthz');
    const csp = directives(response.headers.get('content-security-policy') ?? '');

    assert.equal(
      csp.get('frame-ancestors'),
      "'self' https://novomind.example.com https://desk.example.de https://desk.example.at",
    );
    assert.equal(response.headers.get('x-frame-options'), null);
  });

  it('sends a strict CSP without inline script or style and without upgrade-insecure-requests', async () => {
    const response = await app.fetch('/widget/');
    const csp = directives(response.headers.get('content-security-policy') ?? '');

    assert.equal(csp.get('default-src'), "'self'");
    assert.equal(csp.get('script-src'), "'self'");
    assert.equal(csp.get('style-src'), "'self'");
    assert.equal(csp.get('img-src'), "'self' data:");
    assert.equal(csp.get('connect-src'), "'self'");
    assert.equal(csp.get('object-src'), "'none'");
    assert.equal(csp.get('base-uri'), "'none'");
    assert.equal(csp.has('upgrade-insecure-requests'), false);
  });

  it('sends nosniff, no-referrer and no X-Powered-By', async () => {
    const response = await app.fetch('/healthz');

    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(response.headers.get('x-powered-by'), null);
  });

  it('lets a configured origin load the widget script and call the API cross-origin', async () => {
    const script = await app.fetch('/widget/order-context.js', {
      headers: { origin: 'https://desk.example.at' },
    });
    const preflight = await app.fetch('/api/v1/context', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://novomind.example.com',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });

    assert.equal(script.headers.get('access-control-allow-origin'), 'https://desk.example.at');
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://novomind.example.com');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    assert.match(preflight.headers.get('vary') ?? '', /Origin/);
  });

  it('gives other origins no CORS headers', async () => {
    const response = await app.fetch('/api/v1/session', {
      method: 'POST',
      headers: { origin: 'https://evil.example.com', 'content-type': 'application/json' },
      body: '{}',
    });

    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});

describe('collectFrameAncestors', () => {
  it("keeps 'none' alone when no market adds an origin", () => {
    assert.deepEqual(collectFrameAncestors({ frameAncestors: ["'none'"], markets: {} }), ["'none'"]);
  });
});
