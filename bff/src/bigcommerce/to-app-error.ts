import { AppError } from '../core/app-error.js';
import {
  BigCommerceAuthError,
  BigCommerceError,
  BigCommerceHttpError,
  BigCommerceNetworkError,
  BigCommerceRateLimitError,
  BigCommerceSchemaError,
} from './errors.js';

/**
 * What a BigCommerce failure means for the agent waiting on it, as a catalog code; null for anything that is
 * not a BigCommerce error. The one place that maps these classes, so the HTTP layer knows only AppError.
 * The messages are ours: never an upstream body or an exception text.
 */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof BigCommerceSchemaError) {
    return new AppError('upstream_invalid', {
      cause: error,
      errorLog: {
        storeKey: error.storeKey,
        resource: error.resource,
        recordId: error.id,
        issues: error.issues,
      },
    });
  }
  if (!(error instanceof BigCommerceError)) return null;
  const errorLog = {
    storeKey: error.storeKey,
    resource: 'request',
    recordId: null,
    issues: [
      { error: error.name, status: error.status ?? null, upstreamPath: `${error.method} ${error.path}` },
    ],
  };
  // Most specific class first: RateLimit and Auth are HttpErrors too.
  if (error instanceof BigCommerceRateLimitError) {
    return new AppError('upstream_rate_limited', {
      cause: error,
      errorLog,
      ...(error.retryAfterMs === undefined
        ? {}
        : { retryAfterSec: Math.max(1, Math.ceil(error.retryAfterMs / 1000)) }),
    });
  }
  if (error instanceof BigCommerceAuthError)
    return new AppError('upstream_auth_failed', { cause: error, errorLog });
  if (error instanceof BigCommerceNetworkError) {
    return new AppError(error.timeout ? 'upstream_timeout' : 'upstream_unavailable', {
      cause: error,
      errorLog,
    });
  }
  if (error instanceof BigCommerceHttpError && error.status !== undefined && error.status >= 500) {
    return new AppError('upstream_unavailable', { cause: error, errorLog });
  }
  return new AppError('upstream_error', { cause: error, errorLog });
}
