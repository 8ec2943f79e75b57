// DESIGN §10: the s2s API takes only s2s tokens — every fault 401 with the error body, a missing scope 403 —
// and the two token kinds never stand in for each other.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { ErrorBody } from '../../../shared/errors.js';
import { signS2sToken } from '../../../bff/src/novomind/index.js';
import { EMBED_SECRET, S2S_SECRET, startNovomindHarness, type NovomindHarness } from './novomind-harness.js';

function assertRefused(reply: { status: number; body: unknown }, status: number, code: string): void {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  const body = ErrorBody.parse(reply.body);
  assert.equal(body.error.code, code);
  assert.ok(body.error.message.length > 10);
  assert.ok(body.error.correlationId.length > 0);
}

describe('s2s authentication', () => {
  let h: NovomindHarness;
  before(async () => {
    h = await startNovomindHarness();
  });
  after(() => h.close());

  const sign = (
    claims: Record<string, unknown>,
    options: { secret?: string; aud?: string; iat?: number; exp?: number } = {},
  ) => {
    const iat = options.iat ?? Math.floor(h.clock.now / 1000);
    return new SignJWT({ scope: 'context:read changes:read events:write', ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('iagent')
      .setAudience(options.aud ?? 'order-context-s2s')
      .setIssuedAt(iat)
      .setExpirationTime(options.exp ?? iat + 300)
      .sign(new TextEncoder().encode(options.secret ?? S2S_SECRET));
  };

  it('accepts a valid token', async () => {
    const reply = await h.s2s('GET', '/s2s/v1/changes');
    assert.equal(reply.status, 200);
  });

  it('refuses a call without a token with 401 token_missing', async () => {
    assertRefused(await h.s2s('GET', '/s2s/v1/changes', undefined, null), 401, 'token_missing');
  });

  it('refuses a token with a wrong signature with 401 token_invalid', async () => {
    const token = await sign({}, { secret: 'another-secret-of-at-least-32-characters!!' });
    assertRefused(await h.s2s('GET', '/s2s/v1/changes', undefined, token), 401, 'token_invalid');
  });

  it('refuses a tampered token with 401 token_invalid', async () => {
    const token = await sign({ scope: 'changes:read' });
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(
      JSON.stringify({
        sub: 'x',
        aud: 'order-context-s2s',
        scope: 'context:read changes:read events:write',
        iat: 1,
        exp: 9_999_999_999,
      }),
    ).toString('base64url');
    assertRefused(
      await h.s2s('GET', '/s2s/v1/changes', undefined, `${header}.${payload}.${signature}`),
      401,
      'token_invalid',
    );
  });

  it('refuses an expired token with 401 token_expired', async () => {
    const iat = Math.floor(h.clock.now / 1000) - 600;
    const token = await sign({}, { iat, exp: iat + 300 });
    assertRefused(await h.s2s('GET', '/s2s/v1/changes', undefined, token), 401, 'token_expired');
  });

  it('refuses a token for another audience with 401 token_wrong_audience', async () => {
    const token = await sign({}, { aud: 'order-context' });
    assertRefused(await h.s2s('GET', '/s2s/v1/changes', undefined, token), 401, 'token_wrong_audience');
  });

  it('refuses a token that lives longer than 5 minutes with 401 token_claims_invalid', async () => {
    const iat = Math.floor(h.clock.now / 1000);
    const token = await sign({}, { iat, exp: iat + 301 });
    assertRefused(await h.s2s('GET', '/s2s/v1/changes', undefined, token), 401, 'token_claims_invalid');
  });

  it('refuses a token naming an unknown market with 401 token_claims_invalid', async () => {
    assertRefused(
      await h.s2s('GET', '/s2s/v1/changes', undefined, await sign({ market: 'fr' })),
      401,
      'token_claims_invalid',
    );
  });

  it('refuses an embed token used as an s2s token with 401 token_invalid', async () => {
    const embed = await h.embedToken({ ticket: 'T-1' });
    assertRefused(await h.s2s('GET', '/s2s/v1/changes', undefined, embed), 401, 'token_invalid');
  });

  it('refuses an embed-shaped token signed with EMBED_SECRET for the s2s audience', async () => {
    const token = await sign({}, { secret: EMBED_SECRET });
    assertRefused(await h.s2s('GET', '/s2s/v1/changes', undefined, token), 401, 'token_invalid');
  });

  it('refuses an s2s token at POST /api/v1/session', async () => {
    const token = await h.token();
    const response = await fetch(`${h.app.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    assertRefused({ status: response.status, body: await response.json() }, 401, 'token_invalid');
  });

  it('refuses a call without the scope it needs with 403 forbidden', async () => {
    const feedOnly = await h.token(['changes:read']);
    assertRefused(await h.s2s('PUT', '/s2s/v1/tickets/T-9', {}, feedOnly), 403, 'forbidden');
    assertRefused(await h.s2s('GET', '/s2s/v1/tickets/T-9/context', undefined, feedOnly), 403, 'forbidden');
    assertRefused(await h.s2s('POST', '/s2s/v1/events', { events: [] }, feedOnly), 403, 'forbidden');
    assertRefused(await h.s2s('GET', '/s2s/v1/tickets/T-9/events', undefined, feedOnly), 403, 'forbidden');
    const contextOnly = await h.token(['context:read']);
    assertRefused(await h.s2s('GET', '/s2s/v1/changes', undefined, contextOnly), 403, 'forbidden');
  });

  it('never echoes the token or the secret in an answer or the logs', async () => {
    const token = await signS2sToken(
      { client: 'iagent', scopes: [] },
      { secret: S2S_SECRET, now: () => h.clock.now },
    );
    const reply = await h.s2s('GET', '/s2s/v1/changes', undefined, token);
    assert.equal(reply.status, 403);
    assert.ok(!reply.text.includes(token));
    assert.ok(!h.logs.join('').includes(S2S_SECRET));
  });
});

describe('s2s without S2S_SECRET', () => {
  let h: NovomindHarness;
  before(async () => {
    h = await startNovomindHarness({ env: { S2S_SECRET: '' } });
  });
  after(() => h.close());

  it('answers 404 not_found under /s2s/', async () => {
    const token = await signS2sToken(
      { client: 'iagent', scopes: ['changes:read'] },
      { secret: S2S_SECRET, now: () => h.clock.now },
    );
    assertRefused(await h.s2s('GET', '/s2s/v1/changes', undefined, token), 404, 'not_found');
  });
});
