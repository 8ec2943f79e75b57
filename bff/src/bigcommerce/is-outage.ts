import { DeadlineError } from '../core/deadline.js';
import { BigCommerceHttpError, BigCommerceNetworkError, BigCommerceRateLimitError } from './errors.js';

/**
 * Whether a failed load means "BigCommerce is down, slow or throttled" (a cached copy may stand in, marked
 * stale) rather than a fact about the data (a 404: the order is gone, and its copy must go too). Only network
 * errors, timeouts (ours or the socket's), 5xx and 429 are outages.
 */
export function isOutage(error: unknown): boolean {
  if (error instanceof DeadlineError) return true;
  if (error instanceof BigCommerceNetworkError) return true;
  if (error instanceof BigCommerceRateLimitError) return true;
  return error instanceof BigCommerceHttpError && error.status !== undefined && error.status >= 500;
}
