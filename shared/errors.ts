import * as z from 'zod/mini';
import { OrderStatus } from './common.js';

/**
 * The one error catalog. The BFF throws these codes, the widget switches on them (never on message text),
 * and the README lists them. Each code has exactly one HTTP status.
 */
export const ERROR_CATALOG = {
  invalid_request: { status: 400, message: 'The request is not valid.' },
  invalid_cursor: { status: 400, message: 'The paging cursor is not valid; reload the list.' },
  invalid_filter: {
    status: 400,
    message:
      'The order filter is not valid: a number, a status id and dates as YYYY-MM-DD, from not after to.',
  },
  invalid_order_id: { status: 400, message: 'The order number is not valid.' },
  invalid_note: { status: 400, message: 'The note text is not valid.' },
  note_too_long: { status: 400, message: 'The note is too long.' },
  idempotency_key_required: { status: 400, message: 'An Idempotency-Key header is required.' },
  idempotency_key_reused: {
    status: 422,
    message: 'This Idempotency-Key was already used for a different request.',
  },
  invalid_reason: { status: 400, message: 'Give a reason of 3 to 500 characters.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'Send the body as application/json.' },
  token_missing: { status: 401, message: 'No embed token was given.' },
  token_invalid: { status: 401, message: 'The embed token is malformed or its signature is wrong.' },
  token_expired: { status: 401, message: 'The embed token has expired; reopen the ticket.' },
  token_wrong_audience: { status: 401, message: 'The embed token was issued for another application.' },
  token_replayed: { status: 401, message: 'The embed token was already used; reopen the ticket.' },
  token_claims_invalid: { status: 401, message: 'The embed token lacks required claims.' },
  token_no_scope: { status: 401, message: 'The embed token grants no access to orders.' },
  session_missing: { status: 401, message: 'No session was given.' },
  session_invalid: { status: 401, message: 'The session is unknown or has expired; reopen the ticket.' },
  unauthorized: { status: 401, message: 'This needs credentials: send Authorization: Bearer <token>.' },
  forbidden: { status: 403, message: 'This session is not allowed to do that.' },
  transition_not_allowed: {
    status: 403,
    message: 'This market does not allow changing the order from its current status to that one.',
  },
  order_not_found: { status: 404, message: 'No such order for this ticket’s shopper.' },
  customer_not_found: { status: 404, message: 'No such shopper.' },
  not_found: { status: 404, message: 'Nothing is here.' },
  rate_limited: {
    status: 429,
    message: 'Too many requests from this session; wait a moment and try again.',
  },
  ticket_not_found: { status: 404, message: 'No such ticket is registered.' },
  cursor_expired: {
    status: 410,
    message: 'The feed cursor is older than the changes we keep; reload the tickets’ context and start anew.',
  },
  staff_notes_full: {
    status: 409,
    message: 'The order’s staff notes are full; BigCommerce cannot take more text.',
  },
  order_changed: {
    status: 409,
    message: 'The order’s status changed in the meantime; look at it again before changing it.',
  },
  undo_expired: {
    status: 409,
    message: 'The minute to undo this link has passed; link the right shopper instead.',
  },
  link_changed: {
    status: 409,
    message: 'The ticket’s link is no longer the one to undo: it was changed or undone since.',
  },
  upstream_error: { status: 502, message: 'BigCommerce answered with an error.' },
  upstream_auth_failed: { status: 502, message: 'BigCommerce rejected our credentials for this store.' },
  upstream_invalid: { status: 502, message: 'BigCommerce sent data we could not read.' },
  upstream_unavailable: { status: 503, message: 'BigCommerce is unavailable right now.' },
  order_unverified: {
    status: 503,
    message:
      'BigCommerce cannot be reached to confirm this order is the ticket’s shopper’s; open it from the list and try again.',
  },
  upstream_rate_limited: { status: 503, message: 'BigCommerce is throttling this store; try again shortly.' },
  upstream_timeout: { status: 504, message: 'BigCommerce did not answer in time.' },
  not_ready: { status: 503, message: 'The service is not ready.' },
  writes_unavailable: {
    status: 503,
    message: 'Changes to orders are paused for a moment; nothing was written. Try again shortly.',
  },
  action_unavailable: {
    status: 501,
    message: 'This action is not available: the part of the service that performs it is not running here.',
  },
  internal_error: { status: 500, message: 'Something went wrong on our side.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    correlationId: z.string(),
    /** `order_changed` only: the order's status as BigCommerce has it now (DESIGN §11). */
    currentStatus: z.optional(OrderStatus),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
