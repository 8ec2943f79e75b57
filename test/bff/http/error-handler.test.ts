import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import {
  BigCommerceAuthError,
  BigCommerceError,
  BigCommerceHttpError,
  BigCommerceNetworkError,
  BigCommerceNotFoundError,
  BigCommerceRateLimitError,
  BigCommerceSchemaError,
  toAppError,
} from '../../../bff/src/bigcommerce/index.js';
import { AppError } from '../../../bff/src/core/app-error.js';
import { mapError } from '../../../bff/src/http/error-handler.js';

const init = { storeKey: 'eu', method: 'GET', path: '/v2/orders', retryable: false };

describe('mapError', () => {
  it('keeps an AppError’s code and message', () => {
    assert.deepEqual(mapError(new AppError('order_not_found')), {
      code: 'order_not_found',
      message: 'No such order for this ticket’s shopper.',
    });
    assert.equal(
      mapError(new AppError('invalid_cursor', { message: 'Reload the list.' })).message,
      'Reload the list.',
    );
  });

  it('maps BigCommerce failures to upstream codes', () => {
    const cases: [unknown, string][] = [
      [new BigCommerceAuthError('401', { ...init, status: 401 }), 'upstream_auth_failed'],
      [new BigCommerceRateLimitError('429', { ...init, status: 429 }), 'upstream_rate_limited'],
      [new BigCommerceNetworkError('timeout', { ...init, timeout: true }), 'upstream_timeout'],
      [
        new BigCommerceNetworkError('refused', { ...init, timeout: false, code: 'ECONNREFUSED' }),
        'upstream_unavailable',
      ],
      [new BigCommerceHttpError('503', { ...init, status: 503 }), 'upstream_unavailable'],
      [new BigCommerceHttpError('500', { ...init, status: 500 }), 'upstream_unavailable'],
      [new BigCommerceHttpError('400', { ...init, status: 400 }), 'upstream_error'],
      [new BigCommerceNotFoundError('404', { ...init, status: 404 }), 'upstream_error'],
      [new BigCommerceError('other', init), 'upstream_error'],
      [
        new BigCommerceSchemaError({ storeKey: 'eu', resource: 'order', id: '1', issues: [] }),
        'upstream_invalid',
      ],
    ];
    for (const [error, code] of cases) {
      assert.equal(mapError(error, toAppError).code, code, (error as Error).name);
    }
  });

  it('tells the widget how long to wait when BigCommerce said so', () => {
    const mapped = mapError(
      new BigCommerceRateLimitError('429', { ...init, status: 429, retryAfterMs: 2500 }),
      toAppError,
    );

    assert.equal(mapped.retryAfterSec, 3);
  });

  it('never passes an upstream message on', () => {
    const error = new BigCommerceHttpError('BigCommerce answered 400: secret upstream text', {
      ...init,
      status: 400,
      upstreamMessage: 'secret upstream text',
    });

    assert.ok(!mapError(error, toAppError).message.includes('secret'));
  });

  it('maps a zod failure on route input to invalid_request naming the field', () => {
    let thrown: unknown;
    try {
      z.parse(z.object({ text: z.string() }), { text: 5 });
    } catch (error) {
      thrown = error;
    }

    const mapped = mapError(thrown);

    assert.equal(mapped.code, 'invalid_request');
    assert.match(mapped.message, /text/);
  });

  it('maps body-parser failures', () => {
    assert.equal(mapError({ type: 'entity.parse.failed', status: 400 }).code, 'invalid_request');
    assert.equal(mapError({ type: 'entity.too.large', status: 413 }).code, 'payload_too_large');
    assert.equal(mapError({ type: 'charset.unsupported', status: 415 }).code, 'unsupported_media_type');
  });

  it('maps anything else to internal_error with the catalog message', () => {
    assert.deepEqual(mapError(new Error('database password is hunter2')), {
      code: 'internal_error',
      message: 'Something went wrong on our side.',
    });
    assert.equal(mapError('a string').code, 'internal_error');
    assert.equal(mapError(null).code, 'internal_error');
  });
});
