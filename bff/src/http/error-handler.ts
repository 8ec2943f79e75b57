import type { ErrorRequestHandler, Request } from 'express';
import { $ZodError } from 'zod/v4/core';
import { ERROR_CATALOG, type ErrorBody, type ErrorCode } from '../../../shared/errors.js';
import {
  isAppError,
  type ErrorBodyFields,
  type ErrorLogFacts,
  type ErrorTranslator,
} from '../core/app-error.js';
import type { Logger } from '../core/logger.js';
import { getCorrelationId } from './correlation.js';
import { getRequestLogger } from './logger.js';

export interface MappedError {
  code: ErrorCode;
  /** The sentence sent to the client: ours, never an upstream body or an exception text. */
  message: string;
  /** Seconds for Retry-After, when the wait is known. */
  retryAfterSec?: number;
  /** What the error log gets for a 5xx, when the error said. */
  errorLog?: ErrorLogFacts;
  /** Contract fields the body carries besides code, message and correlation id. */
  bodyFields?: ErrorBodyFields;
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

/**
 * Translates any thrown value into a catalog code and a safe message. Rooms' own error types (BigCommerce's)
 * reach here through `translate`, which the app wires from the room that owns them. Pure, so it is tested on
 * its own.
 */
export function mapError(error: unknown, translate?: ErrorTranslator): MappedError {
  const appError = isAppError(error) ? error : (translate?.(error) ?? null);
  if (appError) {
    return {
      code: appError.code,
      message: appError.message,
      ...(appError.retryAfterSec === undefined ? {} : { retryAfterSec: appError.retryAfterSec }),
      ...(appError.errorLog === undefined ? {} : { errorLog: appError.errorLog }),
      ...(appError.bodyFields === undefined ? {} : { bodyFields: appError.bodyFields }),
    };
  }
  if (error instanceof $ZodError) return catalog('invalid_request', describeZodError(error));
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

/** One error-log line for a failed request. */
export interface FailureRecord extends ErrorLogFacts {
  correlationId: string;
  createdAt: number;
}

export interface ErrorHandlerDeps {
  logger: Logger;
  translate?: ErrorTranslator;
  /** 5xx failures are also filed in the error log so admins find them by correlation id. */
  recordFailure?: (record: FailureRecord) => Promise<void> | void;
  now?: () => number;
}

function toFailureRecord(
  req: Request,
  correlationId: string,
  mapped: MappedError,
  error: unknown,
  at: number,
): FailureRecord {
  const facts: ErrorLogFacts = mapped.errorLog ?? {
    storeKey: null,
    resource: 'request',
    recordId: null,
    issues: [{ error: error instanceof Error ? error.name : typeof error, status: null, upstreamPath: null }],
  };
  // A failed request is filed under its route, so an admin sees what the agent was doing.
  const recordId = facts.resource === 'request' ? `${req.method} ${req.baseUrl}${req.path}` : facts.recordId;
  const issues =
    facts.resource === 'request' && Array.isArray(facts.issues)
      ? facts.issues.map((issue: unknown) => ({ code: mapped.code, ...(issue as object) }))
      : facts.issues;
  return { ...facts, recordId, issues, correlationId, createdAt: at };
}

/**
 * The only place errors become HTTP. Body: `{error: {code, message, correlationId}}` — no stack, no upstream
 * body, no token. Unknown errors are logged with their stack and answered as internal_error.
 */
export function createErrorHandler(deps: ErrorHandlerDeps): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const log = getRequestLogger(res, deps.logger);
    const mapped = mapError(error, deps.translate);
    const status = ERROR_CATALOG[mapped.code].status;
    const correlationId = getCorrelationId(res);

    if (status >= 500) {
      log.error({ err: error, code: mapped.code }, 'request failed');
      if (deps.recordFailure) {
        const record = toFailureRecord(req, correlationId, mapped, error, (deps.now ?? Date.now)());
        // The answer does not wait for the error log; a full or locked database must not change it.
        Promise.resolve()
          .then(() => deps.recordFailure?.(record))
          .catch((logError: unknown) => log.error({ err: logError }, 'could not write the error log'));
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
    const body: ErrorBody = {
      error: { ...mapped.bodyFields, code: mapped.code, message: mapped.message, correlationId },
    };
    res.status(status).json(body);
  };
}
