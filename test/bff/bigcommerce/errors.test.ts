import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import {
  BigCommerceAuthError,
  BigCommerceError,
  BigCommerceHttpError,
  BigCommerceNotFoundError,
  BigCommerceRateLimitError,
  BigCommerceSchemaError,
  createBigCommerceHttpError,
  readUpstreamMessage,
  redactSecrets,
} from '../../../bff/src/bigcommerce/errors.js';

const TOKEN = 'tok_live_5ecr3t5ecr3t';
const base = { storeKey: 'eu', method: 'GET', path: '/v2/orders/7', body: undefined, secrets: [TOKEN] };

describe('createBigCommerceHttpError', () => {
  it('maps each status to its class', () => {
    assert.ok(createBigCommerceHttpError({ ...base, status: 401 }) instanceof BigCommerceAuthError);
    assert.ok(createBigCommerceHttpError({ ...base, status: 403 }) instanceof BigCommerceAuthError);
    assert.ok(createBigCommerceHttpError({ ...base, status: 404 }) instanceof BigCommerceNotFoundError);
    assert.ok(createBigCommerceHttpError({ ...base, status: 429 }) instanceof BigCommerceRateLimitError);
    const other = createBigCommerceHttpError({ ...base, status: 422 });
    assert.equal(other.constructor, BigCommerceHttpError);
    assert.ok(other instanceof BigCommerceError);
  });

  it('marks 429 and 5xx as retryable and 4xx as not', () => {
    assert.equal(createBigCommerceHttpError({ ...base, status: 429 }).retryable, true);
    assert.equal(createBigCommerceHttpError({ ...base, status: 503 }).retryable, true);
    assert.equal(createBigCommerceHttpError({ ...base, status: 507 }).retryable, false);
    assert.equal(createBigCommerceHttpError({ ...base, status: 400 }).retryable, false);
  });

  it('says a 5xx on a write has an unknown outcome, and a 4xx on a write does not', () => {
    assert.equal(createBigCommerceHttpError({ ...base, method: 'PUT', status: 500 }).outcomeUnknown, true);
    assert.equal(createBigCommerceHttpError({ ...base, method: 'PUT', status: 400 }).outcomeUnknown, false);
    assert.equal(createBigCommerceHttpError({ ...base, method: 'GET', status: 500 }).outcomeUnknown, false);
  });

  it('reads v2 and v3 error bodies', () => {
    const v2 = createBigCommerceHttpError({
      ...base,
      status: 404,
      body: [{ status: 404, message: 'The requested resource was not found.' }],
    });
    const v3 = createBigCommerceHttpError({
      ...base,
      status: 422,
      body: { status: 422, title: 'JSON data is invalid' },
    });
    assert.equal(v2.upstreamMessage, 'The requested resource was not found.');
    assert.equal(
      v2.message,
      'BigCommerce answered 404 to GET /v2/orders/7: The requested resource was not found.',
    );
    assert.equal(v3.upstreamMessage, 'JSON data is invalid');
  });

  it('removes the token even when an upstream body echoes it', () => {
    const error = createBigCommerceHttpError({
      ...base,
      status: 400,
      body: [{ status: 400, message: `Bad header X-Auth-Token: ${TOKEN}` }],
    });
    for (const text of [error.message, JSON.stringify(error), inspect(error), String(error.stack)]) {
      assert.ok(!text.includes(TOKEN), text);
    }
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence of a secret and any X-Auth-Token value', () => {
    assert.equal(redactSecrets(`a ${TOKEN} b ${TOKEN}`, [TOKEN]), 'a [REDACTED] b [REDACTED]');
    assert.equal(redactSecrets('{"X-Auth-Token":"abc123"}', []), '{"X-Auth-Token":"[REDACTED]"}');
  });
});

describe('readUpstreamMessage', () => {
  it('returns undefined for bodies without a message', () => {
    assert.equal(readUpstreamMessage(undefined), undefined);
    assert.equal(readUpstreamMessage([]), undefined);
    assert.equal(readUpstreamMessage({ status: 500 }), undefined);
  });
});

describe('BigCommerceSchemaError', () => {
  it('names the resource, the record and the first issue', () => {
    const error = new BigCommerceSchemaError({
      storeKey: 'eu',
      resource: 'order',
      id: '101',
      issues: [
        { path: 'total_inc_tax', message: 'Expected a decimal amount' },
        { path: 'id', message: 'Invalid input' },
      ],
    });
    assert.equal(
      error.message,
      'BigCommerce sent an invalid order 101: total_inc_tax: Expected a decimal amount (+1 more)',
    );
    assert.ok(
      !(error instanceof BigCommerceError),
      'a schema error is a different family from transport errors',
    );
    assert.deepEqual(JSON.parse(JSON.stringify(error)).issues, error.issues);
  });
});
