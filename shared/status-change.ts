import * as z from 'zod/mini';
import { OrderStatus } from './common.js';
import type { StatusTransition } from './status.js';

export const REASON_MIN_LENGTH = 3;
export const REASON_MAX_LENGTH = 500;

/** POST /api/v1/orders/:orderId/status, with an Idempotency-Key header (DESIGN §11). */
export const StatusChangeRequest = z.object({
  statusId: z.number().check(z.int()),
  /** The status the agent saw: the change is refused (409 order_changed) when the order is not in it any more. */
  expectedStatusId: z.number().check(z.int()),
  /** 3–500 characters; goes into the staff-notes entry that audits the change. */
  reason: z.string(),
});
export type StatusChangeRequest = z.infer<typeof StatusChangeRequest>;

export const StatusChangeResponse = z.object({
  orderId: z.number(),
  /** The order's status after the change, with the merchant's label. */
  status: OrderStatus,
  previousStatus: OrderStatus,
  changedAt: z.iso.datetime({ offset: true }),
  ticket: z.string(),
  agent: z.string(),
  reason: z.string(),
});
export type StatusChangeResponse = z.infer<typeof StatusChangeResponse>;

/** The targets an order in `statusId` may be changed to, in the order the market lists them, each once. */
export function allowedTargets(transitions: readonly StatusTransition[], statusId: number): number[] {
  const targets: number[] = [];
  for (const { from, to } of transitions) {
    if (from.includes(statusId) && to !== statusId && !targets.includes(to)) targets.push(to);
  }
  return targets;
}
