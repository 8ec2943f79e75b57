import { ERROR_CATALOG, type ErrorBody, type ErrorCode } from '../../../shared/errors.js';

/** Contract fields an error body may carry besides code, message and correlation id (shared ErrorBody). */
export type ErrorBodyFields = Partial<Omit<ErrorBody['error'], 'code' | 'message' | 'correlationId'>>;

/** What an admin finds in the error log for a failed request (never tokens or upstream bodies). */
export interface ErrorLogFacts {
  storeKey: string | null;
  /** A BigCommerce resource ("order", "customer" …) or "request". */
  resource: string;
  recordId: string | null;
  issues: unknown;
}

export interface AppErrorOptions {
  /** A more specific sentence for the person reading the widget; defaults to the catalog message. */
  message?: string;
  cause?: unknown;
  /** For logs and the error log only: never sent to the client. */
  details?: unknown;
  /** Seconds for a Retry-After header, when the wait is known. */
  retryAfterSec?: number;
  /** What to file in the error log when this error fails a request (5xx). */
  errorLog?: ErrorLogFacts;
  /** Sent to the client in the error body, e.g. `order_changed`'s current status. */
  bodyFields?: ErrorBodyFields;
}

/**
 * An error with a stable catalog code. Anything in the BFF that knows what went wrong throws one of these
 * (or an error that a room translates into one); only the HTTP error handler turns it into a response, using
 * the code's one status from shared/errors.ts.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly retryAfterSec: number | undefined;
  readonly errorLog: ErrorLogFacts | undefined;
  readonly bodyFields: ErrorBodyFields | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? ERROR_CATALOG[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CATALOG[code].status;
    this.details = options.details;
    this.retryAfterSec = options.retryAfterSec;
    this.errorLog = options.errorLog;
    this.bodyFields = options.bodyFields;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Turns a room's own error types into AppErrors; null for anything it does not know. */
export type ErrorTranslator = (error: unknown) => AppError | null;
