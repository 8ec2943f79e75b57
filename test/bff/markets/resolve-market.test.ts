import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveMarket, type MarketConfig } from '../../../bff/src/config.js';

function market(id: string, locales: string[], channels: number[] | null): MarketConfig {
  return {
    id,
    store: 'eu',
    label: id,
    locales,
    channels,
    permissions: ['orders:read'],
    frameOrigins: [],
    embedSecret: null,
    template: null,
    statusChanges: [],
    writeBack: { ticketEvents: [] },
  };
}

// "all" covers every channel but names none; "gb" and "ie" name theirs; the default is "gb".
const config = {
  markets: {
    all: market('all', ['de'], null),
    gb: market('gb', ['en-GB'], [2]),
    ie: market('ie', ['en-IE'], [3, 4]),
  },
  defaultMarket: 'gb',
};

describe('resolveMarket with a channel', () => {
  it('picks the first market naming the channel', () => {
    assert.equal(resolveMarket(config, { channel: 4 })?.id, 'ie');
    assert.equal(resolveMarket(config, { channel: 2 })?.id, 'gb');
  });

  it('never picks a market by channel just because it covers all channels', () => {
    assert.equal(resolveMarket(config, { channel: 9 })?.id, 'gb', 'the default, not the first market');
  });

  it('lets the market claim and the locale, exact or by language, win over the channel', () => {
    assert.equal(resolveMarket(config, { market: 'all', channel: 4 })?.id, 'all');
    assert.equal(resolveMarket(config, { locale: 'en-GB', channel: 4 })?.id, 'gb');
    assert.equal(resolveMarket(config, { locale: 'de-AT', channel: 4 })?.id, 'all');
  });

  it('goes on to the channel when the locale matches no market', () => {
    assert.equal(resolveMarket(config, { locale: 'fr-FR', channel: 3 })?.id, 'ie');
  });
});
