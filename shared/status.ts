import * as z from 'zod/mini';

/** BigCommerce's order status ids (fixed: 0 Incomplete … 14 Partially Refunded; merchants rename, never add). */
export const ORDER_STATUS_ID_MAX = 14;

/**
 * One allowed status change of a market (`statusChanges` in the config, DESIGN §11): an order in one of `from`
 * may be set to `to`. Sessions with `orders:write` receive their market's list. The call that changes a status
 * is in status-change.ts, apart from this: the widget's entry carries only what the session needs.
 */
export const StatusTransition = z.object({
  // Plain numbers: the BFF checked the ids at start.
  from: z.array(z.number()),
  to: z.number(),
});
export type StatusTransition = z.infer<typeof StatusTransition>;
