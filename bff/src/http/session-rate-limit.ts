/**
 * The per-session rate limit on the agent API: a widget session may make so many /api/v1 requests per window.
 * A runaway widget, a script holding a session, or an agent's stuck retry loop then costs one 429 per request
 * instead of BigCommerce quota and CPU that every other agent shares.
 */
import type { Request, RequestHandler, Response } from 'express';
import { rateLimit, type AugmentedRequest, type Store } from 'express-rate-limit';
import { AppError } from '../core/app-error.js';
import type { Logger } from '../core/logger.js';

export const RATE_LIMIT_WINDOW_MS = 60_000;

export interface SessionRateLimitOptions {
  /** Requests per window and session. */
  limit: number;
  /** Default one minute. Tests use a short window instead of waiting a minute. */
  windowMs?: number;
  /**
   * Where the counts live. Default: express-rate-limit's in-process MemoryStore. Several BFF instances behind a
   * load balancer pass a shared store (e.g. rate-limit-redis) so a session has one budget across all of them.
   */
  store?: Store;
  logger: Logger;
  /**
   * The request's session as a key that is not a credential (the session's ref, a prefix of its id's hash):
   * keys end up in a shared store and in debug output, and the bearer id itself is a secret.
   */
  keyFor: (req: Request, res: Response) => string;
}

const REQUEST_PROPERTY = 'sessionRateLimit';

function secondsUntil(resetTime: Date | undefined, windowMs: number): number {
  const ms = resetTime === undefined ? windowMs : resetTime.getTime() - Date.now();
  return Math.max(1, Math.ceil(ms / 1000));
}

/** Mount after requireSession. Over the limit: `429 rate_limited` with Retry-After, through the error handler. */
export function createSessionRateLimit(options: SessionRateLimitOptions): RequestHandler {
  const windowMs = options.windowMs ?? RATE_LIMIT_WINDOW_MS;
  return rateLimit({
    windowMs,
    limit: options.limit,
    keyGenerator: (req, res) => `session:${options.keyFor(req, res)}`,
    requestPropertyName: REQUEST_PROPERTY,
    // Retry-After is set by our error handler with the error body; RateLimit-* headers on every answer would
    // be bytes no client of ours reads.
    standardHeaders: false,
    legacyHeaders: false,
    ...(options.store ? { store: options.store } : {}),
    // A shared store that is down must not take the agent API with it: count nothing, log, let requests pass.
    passOnStoreError: true,
    logger: {
      error: (error, message) => options.logger.error({ err: error }, message ?? 'rate limiter error'),
      warn: (error, message) => options.logger.warn({ err: error }, message ?? 'rate limiter warning'),
    },
    handler: (req, _res, next) => {
      const info = (req as AugmentedRequest)[REQUEST_PROPERTY];
      next(
        new AppError('rate_limited', {
          retryAfterSec: secondsUntil(info?.resetTime, windowMs),
          details: { limit: info?.limit, windowMs },
        }),
      );
    },
  });
}
