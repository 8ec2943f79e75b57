import type { BcOrder } from '../bigcommerce/index.js';
import { INCOMPLETE_STATUS_ID } from './order-status.js';

/**
 * Which orders a market's agents see (DESIGN §5): not incomplete (status 0 is an abandoned checkout) and in
 * one of the market's channels (undefined = all channels).
 */
export function isVisibleOrder(
  order: Pick<BcOrder, 'statusId' | 'channelId'>,
  channels: readonly number[] | undefined,
): boolean {
  if (order.statusId === INCOMPLETE_STATUS_ID) return false;
  return channels === undefined || channels.includes(order.channelId);
}
