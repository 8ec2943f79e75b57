import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { ErrorBody, SessionResponse } from '../../../shared/index.js';
import { createEmbedTokenVerifier } from '../../../bff/src/auth/embed-token.js';
import { signEmbedToken } from '../../../bff/src/auth/sign-embed-token.js';
import { signUrlFromArgs } from '../../../bff/src/cli/sign-url.js';
import { DE_SECRET, EMBED_SECRET, startMarkets, type Markets } from './markets-harness.js';

function session(reply: { status: number; text: string; body: unknown }): SessionResponse {
  assert.equal(reply.status, 201, reply.text);
  return SessionResponse.parse(reply.body);
}

function errorCode(reply: { body: unknown }): string {
  return ErrorBody.parse(reply.body).error.code;
}

describe('routing a token to its market', () => {
  let markets: Markets;
  before(async () => {
    markets = await startMarkets();
  });
  after(() => markets.close());

  it('takes the market claim first, whatever the locale and channel say', async () => {
    const opened = session(await markets.openSession({ market: 'uk', locale: 'de-DE', channel: 1 }));

    assert.deepEqual(opened.market, { id: 'uk', label: 'United Kingdom', store: 'eu' });
    assert.equal(opened.locale, 'de-DE', 'the token’s locale stays the session’s language');
  });

  it('routes by the ticket locale: exactly, then by language', async () => {
    const exact = session(await markets.openSession({ locale: 'en-GB' }));
    const caseInsensitive = session(await markets.openSession({ locale: 'DE-at' }));
    const language = session(await markets.openSession({ locale: 'de-CH' }));

    assert.equal(exact.market.id, 'uk');
    assert.equal(caseInsensitive.market.id, 'de');
    assert.equal(language.market.id, 'de');
    assert.equal(language.locale, 'de-CH');
  });

  it('routes by the channel claim when there is no market or locale, as a number or a numeric string', async () => {
    const two = session(await markets.openSession({ channel: 2 }));
    const twoAsText = session(await markets.openSession({ channel: '2' }));
    const one = session(await markets.openSession({ channel: 1 }));

    assert.equal(two.market.id, 'uk');
    assert.equal(twoAsText.market.id, 'uk');
    assert.equal(one.market.id, 'de');
  });

  it('prefers the locale over the channel', async () => {
    const opened = session(await markets.openSession({ locale: 'en-US', channel: 2 }));

    assert.equal(opened.market.id, 'us');
  });

  it('falls back to defaultMarket without hints, for an unknown locale and for a channel no market names', async () => {
    const none = session(await markets.openSession({}));
    const unknownLocale = session(await markets.openSession({ locale: 'fr-FR' }));
    const unknownChannel = session(await markets.openSession({ channel: 99 }));

    assert.deepEqual([none.market.id, unknownLocale.market.id, unknownChannel.market.id], ['us', 'us', 'us']);
  });

  it('gives a session without a locale claim its market’s first locale', async () => {
    const byChannel = session(await markets.openSession({ channel: 1 }));
    const byDefault = session(await markets.openSession({}));

    assert.equal(byChannel.locale, 'de');
    assert.equal(byDefault.locale, 'en-US');
  });

  it('checks a token routed by locale or channel with that market’s own secret', async () => {
    const withGlobalSecret = await signEmbedToken(
      { agent: 'alice', ticket: 'T-SECRET', channel: 1, scope: 'orders:read' },
      { secret: EMBED_SECRET, audience: 'order-context', now: markets.clock.now },
    );
    const withMarketSecret = await signEmbedToken(
      { agent: 'alice', ticket: 'T-SECRET', channel: 1, scope: 'orders:read' },
      { secret: DE_SECRET, audience: 'order-context', now: markets.clock.now },
    );

    const refused = await markets.openSessionWithToken(withGlobalSecret);
    const accepted = await markets.openSessionWithToken(withMarketSecret);

    assert.equal(refused.status, 401);
    assert.equal(errorCode(refused), 'token_invalid');
    assert.equal(session(accepted).market.id, 'de');
  });

  it('refuses a market claim this service does not know as token_claims_invalid', async () => {
    const reply = await markets.openSession({ market: 'fr' });

    assert.equal(reply.status, 401);
    assert.equal(errorCode(reply), 'token_claims_invalid');
  });

  it('refuses a channel claim that is not a channel id as token_claims_invalid', async () => {
    for (const channel of ['two', '0', '-1', '1.5']) {
      const reply = await markets.openSession({ channel });
      assert.equal(reply.status, 401, channel);
      assert.equal(errorCode(reply), 'token_claims_invalid', channel);
    }
    const fraction = await markets.openSession({ channel: 1.5 });
    assert.equal(errorCode(fraction), 'token_claims_invalid');
  });

  it('lets `npm run sign-url -- --channel` sign a channel claim the BFF routes by', async () => {
    const env = {
      CONFIG_FILE: `${markets.dataDir}/markets.json`,
      BC_TOKEN_EU: markets.eu.token,
      BC_TOKEN_US: markets.us.token,
      EMBED_SECRET,
      EMBED_SECRET_DE: DE_SECRET,
    };

    const url = await signUrlFromArgs(
      ['--ticket', 'T-CLI-CHANNEL', '--agent', 'alice', '--channel', '1', '--base', markets.url],
      env,
    );
    const token = new URL(url).searchParams.get('token') ?? '';
    // The CLI signs with the real clock; the product under test runs on a fake one, so the token is checked by
    // the product's own verifier and config at the real time.
    const verifier = createEmbedTokenVerifier({
      config: markets.server.config,
      jti: { consume: async () => true },
      now: Date.now,
    });
    const verified = await verifier.verify(token);

    assert.equal(decodeJwt(token).channel, 1);
    assert.equal(verified.market.id, 'de', 'signed with the de market’s own secret, found by channel');
    assert.equal(verified.channel, 1);
    await assert.rejects(
      signUrlFromArgs(['--ticket', 'T-1', '--agent', 'alice', '--channel', 'eu'], env),
      /--channel must be a BigCommerce channel id/,
    );
  });
});
