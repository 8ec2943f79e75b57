import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT, UnsecuredJWT } from 'jose';
import * as z from 'zod/mini';
import { SessionResponse } from '../../../shared/session.js';
import { loadConfig } from '../../../bff/src/config.js';
import { EMBED_SECRET, postJson, readError, startTestApp, type TestApp } from '../app/harness.js';

const MARKET_SECRET = 'market-de-own-secret-0123456789abcdef';

function multiMarketConfig() {
  const file = {
    stores: { eu: { hash: 'abc123', tokenEnv: 'BC_EU' }, us: { hash: 'def456', tokenEnv: 'BC_US' } },
    markets: {
      de: {
        store: 'eu',
        label: 'Deutschland',
        locales: ['de', 'de-DE'],
        permissions: ['orders:read', 'notes:write'],
        embedSecret: MARKET_SECRET,
      },
      us: { store: 'us', label: 'United States', locales: ['en-US'], permissions: ['orders:read'] },
    },
    defaultMarket: 'us',
  };
  return loadConfig(
    {
      CONFIG_FILE: '/cfg.json',
      BC_EU: 'tok-eu-123456789',
      BC_US: 'tok-us-123456789',
      EMBED_SECRET,
      LOG_LEVEL: 'silent',
    },
    () => JSON.stringify(file),
  );
}

async function expectTokenError(app: TestApp, token: unknown, code: string): Promise<void> {
  const response = await postJson(app.fetch, '/api/v1/session', { token });
  const { status, body, correlationHeader } = await readError(response);
  assert.equal(status, 401, JSON.stringify(body));
  assert.equal(body.error.code, code);
  assert.ok(body.error.message.length > 10);
  assert.ok(correlationHeader);
  assert.equal(body.error.correlationId, correlationHeader);
  assert.deepEqual(Object.keys(body), ['error']);
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'correlationId', 'message']);
}

describe('POST /api/v1/session', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('answers a valid token with 201 and the SessionResponse shape', async () => {
    const token = await app.sign({ locale: 'de-DE' });

    const response = await postJson(app.fetch, '/api/v1/session', { token });

    assert.equal(response.status, 201);
    const body = z.parse(SessionResponse, await response.json());
    assert.match(body.session, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(body.ticket, 'T-1001');
    assert.equal(body.agent, 'alice');
    assert.deepEqual(body.scopes, ['orders:read', 'notes:write', 'links:write']);
    assert.deepEqual(body.market, { id: 'default', label: 'Default', store: 'default' });
    assert.equal(body.locale, 'de-DE');
    assert.equal(body.sandbox, false);
    assert.equal(body.expiresAt, new Date(app.clock.now() + 10 * 3_600_000).toISOString());
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('stores only the hash of the session id', async () => {
    const token = await app.sign({ ticket: 'T-hash' });
    const { session } = (await (await postJson(app.fetch, '/api/v1/session', { token })).json()) as {
      session: string;
    };

    const rows = app.store.sqlite.prepare('SELECT id_hash FROM sessions').all() as { id_hash: string }[];

    assert.ok(rows.length > 0);
    assert.ok(rows.every((row) => row.id_hash !== session && /^[0-9a-f]{64}$/.test(row.id_hash)));
  });

  it('records the opened session as a ticket event', async () => {
    await app.openSession({ ticket: 'T-events' });

    const events = await app.repos.ticketEvents.listByTicket('T-events');

    assert.deepEqual(
      events.map((event) => [event.type, event.agent, event.status]),
      [['session.opened', 'alice', 'ok']],
    );
  });

  it('refuses a request without a token as token_missing', async () => {
    await expectTokenError(app, undefined, 'token_missing');
    await expectTokenError(app, '', 'token_missing');
  });

  it('refuses a tampered token as token_invalid', async () => {
    const token = await app.sign();
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, ticket: 'T-9999' })).toString('base64url');

    await expectTokenError(app, `${header}.${forged}.${signature}`, 'token_invalid');
  });

  it('refuses a token signed with another secret as token_invalid', async () => {
    await expectTokenError(
      app,
      await app.sign({}, { secret: 'another-secret-0123456789-abcdefghijk' }),
      'token_invalid',
    );
  });

  it('refuses garbage as token_invalid', async () => {
    await expectTokenError(app, 'not.a.jwt', 'token_invalid');
  });

  it('refuses alg "none" as token_invalid', async () => {
    const token = new UnsecuredJWT({ ticket: 'T-1001', scope: 'orders:read' })
      .setSubject('alice')
      .setAudience('order-context')
      .setIssuedAt(Math.floor(app.clock.now() / 1000))
      .setExpirationTime(Math.floor(app.clock.now() / 1000) + 300)
      .setJti('none-1')
      .encode();

    await expectTokenError(app, token, 'token_invalid');
  });

  it('refuses HS512 even with the right secret as token_invalid', async () => {
    const iat = Math.floor(app.clock.now() / 1000);
    const token = await new SignJWT({ ticket: 'T-1001', scope: 'orders:read' })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('alice')
      .setAudience('order-context')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 300)
      .setJti('hs512-1')
      .sign(new TextEncoder().encode(EMBED_SECRET));

    await expectTokenError(app, token, 'token_invalid');
  });

  it('refuses an expired token as token_expired', async () => {
    const token = await app.sign({}, { ttlSec: 60 });
    app.clock.advance(10 * 60_000);

    await expectTokenError(app, token, 'token_expired');
  });

  it('forgives a few seconds of clock skew', async () => {
    const token = await app.sign({}, { ttlSec: 60 });
    app.clock.advance(75_000);

    const response = await postJson(app.fetch, '/api/v1/session', { token });

    assert.equal(response.status, 201);
  });

  it('refuses a token for another audience as token_wrong_audience', async () => {
    await expectTokenError(app, await app.sign({}, { audience: 'someone-else' }), 'token_wrong_audience');
  });

  it('refuses a token used a second time as token_replayed', async () => {
    const token = await app.sign();
    assert.equal((await postJson(app.fetch, '/api/v1/session', { token })).status, 201);

    await expectTokenError(app, token, 'token_replayed');
  });

  it('refuses a token without orders:read as token_no_scope', async () => {
    await expectTokenError(app, await app.sign({ scope: undefined }), 'token_no_scope');
    await expectTokenError(app, await app.sign({ scope: 'notes:write links:write' }), 'token_no_scope');
    await expectTokenError(app, await app.sign({ scope: 'admin' }), 'token_no_scope');
  });

  it('refuses a token living longer than 15 minutes as token_claims_invalid', async () => {
    await expectTokenError(app, await app.sign({}, { ttlSec: 3600 }), 'token_claims_invalid');
  });

  it('refuses a token issued in the future as token_claims_invalid', async () => {
    const iat = Math.floor(app.clock.now() / 1000) + 600;
    const token = await new SignJWT({ ticket: 'T-1001', scope: 'orders:read' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setAudience('order-context')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 300)
      .setJti('future-1')
      .sign(new TextEncoder().encode(EMBED_SECRET));

    await expectTokenError(app, token, 'token_claims_invalid');
  });

  for (const missing of ['sub', 'ticket', 'jti', 'iat', 'exp']) {
    it(`refuses a token without "${missing}" as token_claims_invalid`, async () => {
      const iat = Math.floor(app.clock.now() / 1000);
      const claims: Record<string, unknown> = {
        sub: 'alice',
        ticket: 'T-1001',
        jti: `missing-${missing}`,
        iat,
        exp: iat + 300,
        aud: 'order-context',
        scope: 'orders:read',
      };
      delete claims[missing];
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode(EMBED_SECRET));

      await expectTokenError(app, token, 'token_claims_invalid');
    });
  }

  it('refuses claims of the wrong type as token_claims_invalid', async () => {
    await expectTokenError(app, await app.sign({ email: 'not-an-email' }), 'token_claims_invalid');
    await expectTokenError(app, await app.sign({ locale: 'de_DE!' }), 'token_claims_invalid');
  });

  it('carries the ticket’s order and when the ticket was opened into the session answer', async () => {
    const token = await app.sign({
      ticket: 'T-order',
      order: 521,
      ticketCreatedAt: '2026-12-01T09:30:00+01:00',
    });

    const response = await postJson(app.fetch, '/api/v1/session', { token });

    assert.equal(response.status, 201);
    const body = z.parse(SessionResponse, await response.json());
    assert.equal(body.order, 521);
    assert.equal(body.ticketCreatedAt, '2026-12-01T08:30:00.000Z');
  });

  it('takes an order number sent as a string, as Java and PHP signers may', async () => {
    const token = await app.sign({ ticket: 'T-order-text', order: '521' as unknown as number });

    const body = z.parse(
      SessionResponse,
      await (await postJson(app.fetch, '/api/v1/session', { token })).json(),
    );

    assert.equal(body.order, 521);
    assert.equal(body.ticketCreatedAt, undefined);
  });

  it('leaves both out of the answer when the token has neither (or sends them empty)', async () => {
    for (const claims of [{}, { order: '' as unknown as number, ticketCreatedAt: '' }]) {
      const token = await app.sign({ ticket: 'T-plain', ...claims });

      const body = (await (await postJson(app.fetch, '/api/v1/session', { token })).json()) as object;

      assert.ok(!('order' in body), JSON.stringify(body));
      assert.ok(!('ticketCreatedAt' in body));
    }
  });

  it('refuses an order claim that is no order number, or an opening time without a zone, as token_claims_invalid', async () => {
    for (const order of [0, -5, 1.5, 'abc', '0521x', 2_147_483_648, '2147483648']) {
      await expectTokenError(app, await app.sign({ order: order as number }), 'token_claims_invalid');
    }
    for (const ticketCreatedAt of ['2026-12-01 09:30', '2026-12-01T09:30:00', 'yesterday']) {
      await expectTokenError(app, await app.sign({ ticketCreatedAt }), 'token_claims_invalid');
    }
  });

  it('refuses a token naming an unknown market as token_claims_invalid', async () => {
    await expectTokenError(app, await app.sign({ market: 'fr' }), 'token_claims_invalid');
  });

  it('refuses a token that is not a string, or is oversized, as 401 token_invalid', async () => {
    for (const token of [42, ['a'], 'x'.repeat(8193)]) {
      const response = await postJson(app.fetch, '/api/v1/session', { token });
      const { status, body } = await readError(response);

      assert.equal(status, 401);
      assert.equal(body.error.code, 'token_invalid');
    }
  });
});

describe('POST /api/v1/session with markets', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ config: multiMarketConfig() });
  });
  after(() => app.close());

  it('grants the intersection of the token scopes and the market permissions', async () => {
    const token = await app.sign(
      { market: 'de', scope: 'orders:read notes:write links:write' },
      { secret: MARKET_SECRET },
    );

    const body = (await (await postJson(app.fetch, '/api/v1/session', { token })).json()) as SessionResponse;

    assert.deepEqual(body.scopes, ['orders:read', 'notes:write']);
    assert.deepEqual(body.market, { id: 'de', label: 'Deutschland', store: 'eu' });
    assert.equal(body.locale, 'de');
  });

  it('picks the market by locale and checks it with that market’s own secret', async () => {
    const token = await app.sign({ locale: 'de-AT' }, { secret: MARKET_SECRET });

    const body = (await (await postJson(app.fetch, '/api/v1/session', { token })).json()) as SessionResponse;

    assert.equal(body.market.id, 'de');
  });

  it('refuses a token for a market with its own secret signed with EMBED_SECRET', async () => {
    await expectTokenError(app, await app.sign({ market: 'de' }), 'token_invalid');
  });

  it('refuses a padded market claim signed with EMBED_SECRET (the key follows the parsed market)', async () => {
    for (const market of [' de', 'de ']) {
      await expectTokenError(
        app,
        await app.sign({ market, scope: 'orders:read notes:write' }),
        'token_invalid',
      );
    }
  });

  it('uses EMBED_SECRET and the default market otherwise', async () => {
    const token = await app.sign({ locale: 'fr-FR' });

    const body = (await (await postJson(app.fetch, '/api/v1/session', { token })).json()) as SessionResponse;

    assert.equal(body.market.id, 'us');
    assert.deepEqual(body.scopes, ['orders:read']);
  });
});
