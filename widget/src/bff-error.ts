import type { OrderStatus } from '../../shared/common.js';

/** Codes the widget itself raises, next to the BFF's catalog in shared/errors.ts. */
export const CLIENT_ERROR_CODES = ['network_error', 'invalid_response', 'timeout'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export interface BffErrorInit {
  code: string;
  message: string;
  correlationId: string | null;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  /** `order_changed`: the order's status now (DESIGN §11). */
  currentStatus?: OrderStatus;
}

/**
 * Every failure of a BFF call, whatever its cause. Components switch on `code` (never on `message`, an English
 * sentence for developers that is never shown: an unknown code reads "Something went wrong (code)") and show
 * `correlationId` so an agent can quote it.
 */
export class BffError extends Error {
  override readonly name = 'BffError';
  declare readonly code: string;
  declare readonly correlationId: string | null;
  declare readonly status: number;
  declare readonly currentStatus?: OrderStatus;

  constructor(init: BffErrorInit) {
    super(init.message);
    // Every field of the error body the widget knows (code, correlation ID, status, currentStatus …).
    Object.assign(this, init);
  }
}

/** A failure the widget detects itself: no BFF response carried it, so no status and no correlation ID. */
export function createClientError(code: string, message: string): BffError {
  return new BffError({ code, message, correlationId: null, status: 0 });
}

/** Anything thrown at the UI becomes a BffError, so the error panel has one shape to render. */
export function toBffError(error: unknown): BffError {
  if (error instanceof BffError) return error;
  return createClientError('internal_error', error instanceof Error ? error.message : String(error));
}

/**
 * Retrying these cannot help: the agent must reopen the ticket (every token_* and session_* code), ask an admin,
 * or change the input. One pattern rather than a list of strings: it ships in the widget's 30 kB.
 */
const NOT_RETRYABLE =
  /^(token_|session_)|^(forbidden|order_not_found|customer_not_found|note_too_long|invalid_note|idempotency_key_reused|staff_notes_full|undo_expired|link_changed)$/;

export function isRetryable(code: string): boolean {
  return !NOT_RETRYABLE.test(code);
}
