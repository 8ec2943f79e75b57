import type { OrderStatus, OrderSummary } from '../../../shared/index.js';
import type { StatusChangeResponse } from '../../../shared/status-change.js';
import { ERROR_CATALOG, type ErrorCode } from '../../../shared/errors.js';
import { AppError } from '../core/app-error.js';

/**
 * What a status change's row keeps as its answer (JSON in the store), so a replay of the key is answered
 * exactly as the first request was, without asking BigCommerce. Only 200s and 4xx refusals are kept: a 5xx
 * (BigCommerce down, an unknown outcome) is not an answer, and a replay finishes the job instead.
 */
export type KeptAnswer = LandedChange | Refusal;

/** The change as it landed in BigCommerce: the 200 body and what its audit needs. */
export interface LandedChange {
  kind: 'landed';
  response: StatusChangeResponse;
  /** The order's owner after the change (the feed's change names them). */
  customerId: number;
  email: string;
  summary: OrderSummary;
}

export interface Refusal {
  kind: 'refused';
  code: ErrorCode;
  message: string;
  currentStatus?: OrderStatus;
}

export function refusal(code: ErrorCode, currentStatus?: OrderStatus): Refusal {
  return {
    kind: 'refused',
    code,
    message: ERROR_CATALOG[code].message,
    ...(currentStatus === undefined ? {} : { currentStatus }),
  };
}

export function toRefusalError(answer: Refusal): AppError {
  return new AppError(answer.code, {
    message: answer.message,
    ...(answer.currentStatus === undefined ? {} : { bodyFields: { currentStatus: answer.currentStatus } }),
  });
}

/** A stored answer read back from the database; anything unexpected reads as "none kept". */
export function readKeptAnswer(stored: unknown): KeptAnswer | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const kind = (stored as { kind?: unknown }).kind;
  if (kind === 'landed' || kind === 'refused') return stored as KeptAnswer;
  return null;
}
