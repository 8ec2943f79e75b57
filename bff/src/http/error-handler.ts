import type { ErrorRequestHandler, Request } from 'express';
import { $ZodError } from 'zod/v4/core';
import { ERROR_CATALOG, type ErrorBody, type ErrorCode } from '../../../shared/errors.js';
import {
  BigCommerceAuthError,
  BigCommerceError,
  BigCommerceHttpError,
  BigCommerceNetworkError,
  BigCommerceRateLimitError,
  BigCommerceSchemaError,
} from '../bigcommerce/index.js';
import type { ErrorLogRepo } from '../store/error-log-repo.js';
import { isAppError } from './app-error.js';
import { getCorrelationId } from './correlation.js';
import { getRequestLogger, type Logger } from './logger.js';

export interface MappedError {
  code: ErrorCode;
  /** The sentence sent to the client: ours, never an upstream body or an exception text. */
  message: string;
  /** Seconds for Retry-After: how long BigCommerce (or our own rate limit) says to wait. */
  retryAfterSec?: number;
}

// body-parser marks its errors with `type`; these are the client's fault, not ours.
const BODY_PARSER_CODES: Record<string, ErrorCode> = {
  'entity.parse.failed': 'invalid_request',
  'entity.verify.failed': 'invalid_request',
  'request.aborted': 'invalid_request',
  'request.size.invalid': 'invalid_request',
  'entity.too.large': 'payload_too_large',
  'parameters.too.many': 'payload_too_large',
  'encoding.unsupported': 'unsupported_media_type',
  'charset.unsupported': 'unsupported_media_type',
};

function catalog(code: ErrorCode, message?: string): MappedError {
  return { code, message: message ?? ERROR_CATALOG[code].message };
}

function describeZodError(error: $ZodError): string {
  const first = error.issues[0];
  if (!first) return ERROR_CATALOG.invalid_request.message;
  const where = first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : '';
  return `${ERROR_CATALOG.invalid_request.message} (${where}${first.message})`;
}

function mapUpstreamError(error: BigCommerceError): MappedError {
  // Most specific class first: RateLimit and Auth are HttpErrors too.
  if (error instanceof BigCommerceRateLimitError) {
    const mapped = catalog('upstream_rate_limited');
    if (error.retryAfterMs !== undefined)
      mapped.retryAfterSec = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    return mapped;
  }
  if (error instanceof BigCommerceAuthError) return catalog('upstream_auth_failed');
  if (error instanceof BigCommerceNetworkError) {
    return catalog(error.timeout ? 'upstream_timeout' : 'upstream_unavailable');
  }
  if (error instanceof BigCommerceHttpError && error.status !== undefined && error.status >= 500) {
    return catalog('upstream_unavailable');
  }
  return catalog('upstream_error');
}

/** Translates any thrown value into a catalog code and a safe message. Pure, so it is tested on its own. */
export function mapError(error: unknown): MappedError {
  if (isAppError(error)) {
    const mapped: MappedError = { code: error.code, message: error.message };
    if (error.retryAfterSec !== undefined) mapped.retryAfterSec = error.retryAfterSec;
    return mapped;
  }
  if (error instanceof $ZodError) return catalog('invalid_request', describeZodError(error));
  if (error instanceof BigCommerceSchemaError) return catalog('upstream_invalid');
  if (error instanceof BigCommerceError) return mapUpstreamError(error);
  if (typeof error === 'object' && error !== null) {
    const { type, status } = error as { type?: unknown; status?: unknown };
    if (typeof type === 'string' && type in BODY_PARSER_CODES) {
      const code = BODY_PARSER_CODES[type] ?? 'invalid_request';
      return catalog(
        code,
        type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : undefined,
      );
    }
    // Other http-errors from Express itself (e.g. a malformed %-escape in the path).
    if (typeof status === 'number' && status >= 400 && status < 500) {
      if (status === 404) return catalog('not_found');
      if (status === 413) return catalog('payload_too_large');
      if (status === 415) return catalog('unsupported_media_type');
      return catalog('invalid_request');
    }
  }
  return catalog('internal_error');
}

export interface ErrorHandlerDeps {
  logger: Logger;
  /** 5xx failures are also written to the error log so admins find them by correlation id. */
  errorLog?: Pick<ErrorLogRepo, 'record'>;
  now?: () => number;
}

function recordFailure(
  deps: ErrorHandlerDeps,
  req: Request,
  correlationId: string,
  code: ErrorCode,
  error: unknown,
): void {
  if (!deps.errorLog) return;
  const now = deps.now ?? Date.now;
  if (error instanceof BigCommerceSchemaError) {
    deps.errorLog.record({
      correlationId,
      storeKey: error.storeKey,
      resource: error.resource,
      recordId: error.id,
      issues: error.issues,
      createdAt: now(),
    });
    return;
  }
  const upstream = error instanceof BigCommerceError ? error : null;
  deps.errorLog.record({
    correlationId,
    storeKey: upstream?.storeKey ?? null,
    resource: 'request',
    recordId: `${req.method} ${req.baseUrl}${req.path}`,
    issues: [
      {
        code,
        error: error instanceof Error ? error.name : typeof error,
        status: upstream?.status ?? null,
        upstreamPath: upstream ? `${upstream.method} ${upstream.path}` : null,
      },
    ],
    createdAt: now(),
  });
}

/**
 * The only place errors become HTTP. Body: `{error: {code, message, correlationId}}` — no stack, no upstream
 * body, no token. Unknown errors are logged with their stack and answered as internal_error.
 */
export function createErrorHandler(deps: ErrorHandlerDeps): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const log = getRequestLogger(res, deps.logger);
    const mapped = mapError(error);
    const status = ERROR_CATALOG[mapped.code].status;
    const correlationId = getCorrelationId(res);

    if (status >= 500) {
      log.error({ err: error, code: mapped.code }, 'request failed');
      try {
        recordFailure(deps, req, correlationId, mapped.code, error);
      } catch (logError) {
        log.error({ err: logError }, 'could not write the error log');
      }
    } else {
      // Not the raw message: JSON parse errors quote the body, which may hold a token.
      const details = isAppError(error) ? error.details : undefined;
      log.info({ code: mapped.code, details }, 'request refused');
    }

    if (res.headersSent) {
      // Too late for a JSON body; Express's final handler ends the broken response.
      next(error);
      return;
    }
    if (mapped.retryAfterSec !== undefined) res.set('Retry-After', String(mapped.retryAfterSec));
    const body: ErrorBody = { error: { code: mapped.code, message: mapped.message, correlationId } };
    res.status(status).json(body);
  };
}
