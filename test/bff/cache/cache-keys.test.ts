import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheKeys } from '../../../bff/src/cache/index.js';

describe('cacheKeys', () => {
  it('gives the same lookup in two stores two different keys', () => {
    const pairs = [
      [cacheKeys.customer('eu', 7), cacheKeys.customer('us', 7)],
      [cacheKeys.customersByEmail('eu', 'a@b.de'), cacheKeys.customersByEmail('us', 'a@b.de')],
      [
        cacheKeys.orderPage('eu', { customerId: 7 }, 1, 50),
        cacheKeys.orderPage('us', { customerId: 7 }, 1, 50),
      ],
      [cacheKeys.order('eu', 100), cacheKeys.order('us', 100)],
      [cacheKeys.storeInfo('eu'), cacheKeys.storeInfo('us')],
    ];

    for (const [eu, us] of pairs) assert.notEqual(eu, us);
  });

  it('starts every key with its store prefix', () => {
    const keys = [
      cacheKeys.customer('eu', 7),
      cacheKeys.customersByEmail('eu', 'a@b.de'),
      cacheKeys.orderPage('eu', { email: 'a@b.de' }, 2, 50, [1]),
      cacheKeys.order('eu', 100),
      cacheKeys.storeInfo('eu'),
    ];

    for (const key of keys) assert.ok(key.startsWith(cacheKeys.storePrefix('eu')), key);
  });

  it('lower-cases emails so one shopper has one entry', () => {
    assert.equal(
      cacheKeys.customersByEmail('eu', 'Ann@Example.DE'),
      cacheKeys.customersByEmail('eu', 'ann@example.de'),
    );
    assert.equal(
      cacheKeys.orderPage('eu', { email: 'Ann@Example.DE' }, 1, 50),
      cacheKeys.orderPage('eu', { email: 'ann@example.de' }, 1, 50),
    );
  });

  it('keys order pages by owner, page, limit and the set of channels', () => {
    const base = cacheKeys.orderPage('eu', { customerId: 7 }, 1, 50, [1, 2]);

    assert.equal(base, cacheKeys.orderPage('eu', { customerId: 7 }, 1, 50, [2, 1, 2]));
    assert.notEqual(base, cacheKeys.orderPage('eu', { customerId: 7 }, 2, 50, [1, 2]));
    assert.notEqual(base, cacheKeys.orderPage('eu', { customerId: 7 }, 1, 25, [1, 2]));
    assert.notEqual(base, cacheKeys.orderPage('eu', { customerId: 7 }, 1, 50));
    assert.notEqual(
      cacheKeys.orderPage('eu', { customerId: 7 }, 1, 50),
      cacheKeys.orderPage('eu', { customerId: 7 }, 1, 50, []),
    );
    assert.notEqual(base, cacheKeys.orderPage('eu', { email: '7' }, 1, 50, [1, 2]));
  });

  it('matches an order prefix to that order only, not to an order whose id starts the same', () => {
    const prefix = cacheKeys.orderPrefix('eu', 12);

    assert.ok(cacheKeys.order('eu', 12).startsWith(prefix));
    assert.ok(!cacheKeys.order('eu', 123).startsWith(prefix));
  });

  it('matches an owner’s page prefix to their pages only', () => {
    const prefix = cacheKeys.orderPagesPrefix('eu', { customerId: 7 });

    assert.ok(cacheKeys.orderPage('eu', { customerId: 7 }, 3, 50).startsWith(prefix));
    assert.ok(!cacheKeys.orderPage('eu', { customerId: 70 }, 1, 50).startsWith(prefix));
  });

  it('keeps separators in data from forging another store’s or lookup’s key', () => {
    assert.ok(!cacheKeys.order('eu:x', 1).startsWith(cacheKeys.storePrefix('eu')));
    assert.notEqual(cacheKeys.customersByEmail('eu', 'x:1'), cacheKeys.customersByEmail('eu:x', '1'));
  });

  it('refuses ids that would collapse into a shared key', () => {
    assert.throws(() => cacheKeys.order('eu', Number.NaN), RangeError);
    assert.throws(() => cacheKeys.customer('eu', 0), RangeError);
    assert.throws(() => cacheKeys.orderPage('eu', { customerId: 7 }, 1.5, 50), RangeError);
    assert.throws(() => cacheKeys.storeInfo(''), TypeError);
    assert.throws(() => cacheKeys.customersByEmail('eu', ''), TypeError);
  });
});
