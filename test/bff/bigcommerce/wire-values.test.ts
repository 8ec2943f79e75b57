import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toIsoDateTime } from '../../../bff/src/bigcommerce/dates.js';
import { toDecimalString } from '../../../bff/src/bigcommerce/money.js';

describe('toDecimalString', () => {
  const cases: [unknown, string | null][] = [
    ['361.9500', '361.95'],
    ['12.0000', '12.00'],
    ['0.0000', '0.00'],
    ['1.1250', '1.125'],
    ['12', '12.00'],
    ['007.50', '7.50'],
    ['-5.2500', '-5.25'],
    ['-0.0000', '0.00'],
    [' 3.10 ', '3.10'],
    [1.99, '1.99'],
    [100, '100.00'],
    [0.1, '0.10'],
    [1.005, '1.005'],
    [123456789.12, '123456789.12'],
    ['not-money', null],
    ['1,50', null],
    ['', null],
    ['1e3', null],
    [1e21, null],
    [Number.NaN, null],
    [null, null],
    [true, null],
  ];
  for (const [input, expected] of cases) {
    it(`turns ${JSON.stringify(input) ?? String(input)} into ${String(expected)}`, () => {
      assert.equal(toDecimalString(input), expected);
    });
  }
});

describe('toIsoDateTime', () => {
  it('turns an RFC 2822 date into ISO 8601, keeping its offset', () => {
    assert.equal(toIsoDateTime('Tue, 05 Mar 2019 21:40:11 +0000'), '2019-03-05T21:40:11+00:00');
    assert.equal(toIsoDateTime('Thu, 20 Apr 2017 11:32:00 -0400'), '2017-04-20T11:32:00-04:00');
    assert.equal(toIsoDateTime('5 Mar 2019 21:40 GMT'), '2019-03-05T21:40:00+00:00');
  });

  it('normalizes ISO 8601 dates to an explicit offset', () => {
    assert.equal(toIsoDateTime('2018-05-08T15:06:12+00:00'), '2018-05-08T15:06:12+00:00');
    assert.equal(toIsoDateTime('2021-01-26T21:37:36Z'), '2021-01-26T21:37:36+00:00');
    assert.equal(toIsoDateTime('2021-01-26T21:37:36.123+0200'), '2021-01-26T21:37:36.123+02:00');
    assert.equal(toIsoDateTime('2021-01-26T21:37:36'), '2021-01-26T21:37:36+00:00');
  });

  it('rejects impossible or unknown dates instead of rolling them over', () => {
    assert.equal(toIsoDateTime('Fri, 31 Feb 2019 10:00:00 +0000'), null);
    assert.equal(toIsoDateTime('2019-13-01T00:00:00Z'), null);
    assert.equal(toIsoDateTime('Tue, 05 Foo 2019 21:40:11 +0000'), null);
    assert.equal(toIsoDateTime('yesterday'), null);
    assert.equal(toIsoDateTime(''), null);
  });
});
