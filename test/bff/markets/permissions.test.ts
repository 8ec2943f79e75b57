import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorBody, SessionResponse } from '../../../shared/index.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { ALL_SCOPES, startMarkets, type Markets } from './markets-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const us = SANDBOX_PERSONAS.sbx2us;

function errorCode(reply: { body: unknown }): string {
  return ErrorBody.parse(reply.body).error.code;
}

async function openSession(markets: Markets, claims: Parameters<Markets['openSession']>[0]) {
  const reply = await markets.openSession(claims);
  assert.equal(reply.status, 201, reply.text);
  return SessionResponse.parse(reply.body);
}

describe('permissions per market', () => {
  let markets: Markets;
  before(async () => {
    markets = await startMarkets();
  });
  after(() => markets.close());

  it('grants a session the token’s scopes only as far as its market permits', async () => {
    const de = await openSession(markets, { market: 'de', scope: ALL_SCOPES });
    const uk = await openSession(markets, { market: 'uk', scope: ALL_SCOPES });
    const us = await openSession(markets, { market: 'us', scope: ALL_SCOPES });
    const deAsksLess = await openSession(markets, { market: 'de', scope: 'orders:read' });

    assert.deepEqual(de.scopes, ['orders:read', 'notes:write', 'links:write']);
    assert.deepEqual(uk.scopes, ['orders:read']);
    assert.deepEqual(us.scopes, ['orders:read', 'notes:write']);
    assert.deepEqual(deAsksLess.scopes, ['orders:read'], 'never more than the token asked for');
  });

  it('refuses notes with 403 forbidden in a market without notes:write, though the token asks for it', async () => {
    const session = await markets.session({ market: 'uk', email: eu.registered.email, scope: ALL_SCOPES });

    const context = await markets.get(session, '/api/v1/context');
    const note = await markets.post(
      session,
      `/api/v1/orders/${eu.orders.otherChannel}/notes`,
      { text: 'Not allowed here.' },
      { 'idempotency-key': 'uk-note-0001' },
    );

    assert.equal(context.status, 200, context.text);
    assert.equal(note.status, 403);
    assert.equal(errorCode(note), 'forbidden');
    assert.ok(!markets.upstream('eu').some((request) => request.method === 'PUT'), 'nothing was written');
  });

  it('refuses search and links with 403 forbidden in a market without links:write', async () => {
    const session = await markets.session({ market: 'us', email: us.unknownEmail, scope: ALL_SCOPES });

    const search = await markets.get(
      session,
      `/api/v1/customers?q=${encodeURIComponent(us.registered.email)}`,
    );
    const link = await markets.post(session, '/api/v1/links', { customerId: us.registered.customerId });
    const note = await markets.post(
      session,
      `/api/v1/orders/${us.orders.shippedWithTracking}/notes`,
      { text: 'Allowed, but not this shopper’s order.' },
      { 'idempotency-key': 'us-note-0001' },
    );

    assert.equal(search.status, 403);
    assert.equal(errorCode(search), 'forbidden');
    assert.equal(link.status, 403);
    assert.equal(errorCode(link), 'forbidden');
    assert.equal(note.status, 404, 'notes:write is granted; the ownership check decides');
  });

  it('allows search, links and notes in a market that grants them', async () => {
    const session = await markets.session({ market: 'de', email: eu.registered.email, scope: ALL_SCOPES });

    const search = await markets.get(
      session,
      `/api/v1/customers?q=${encodeURIComponent(eu.registered.email)}`,
    );
    const link = await markets.post(session, '/api/v1/links', { customerId: eu.registered.customerId });
    const note = await markets.post(
      session,
      `/api/v1/orders/${eu.orders.shippedWithTracking}/notes`,
      { text: 'Allowed.' },
      { 'idempotency-key': 'de-note-0001' },
    );

    assert.equal(search.status, 200, search.text);
    assert.equal(link.status, 200, link.text);
    assert.equal(note.status, 201, note.text);
  });

  it('refuses a token whose scopes, cut to the market’s permissions, lack orders:read as token_no_scope', async () => {
    const cases = [
      { market: 'de', scope: 'notes:write links:write' },
      { market: 'uk', scope: 'notes:write links:write' },
      { market: 'us', scope: 'notes:write' },
      { market: 'us', scope: '' },
    ];
    for (const claims of cases) {
      const reply = await markets.openSession(claims);
      assert.equal(reply.status, 401, JSON.stringify(claims));
      assert.equal(errorCode(reply), 'token_no_scope', JSON.stringify(claims));
    }
  });
});
