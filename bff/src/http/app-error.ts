import { ERROR_CATALOG, type ErrorCode } from '../../../shared/errors.js';

export interface AppErrorOptions {
  /** A more specific sentence for the person reading the widget; defaults to the catalog message. */
  message?: string;
  cause?: unknown;
  /** For logs and the error log only: never sent to the client. */
  details?: unknown;
  /** Sent as Retry-After (seconds) by the error handler, when the client should wait before trying again. */
  retryAfterSec?: number;
}

/**
 * An error with a stable catalog code. Anything in the BFF that knows what went wrong throws one of these;
 * only the error handler turns it into HTTP, using the code's one status from shared/errors.ts.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly retryAfterSec: number | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? ERROR_CATALOG[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CATALOG[code].status;
    this.details = options.details;
    this.retryAfterSec = options.retryAfterSec;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
