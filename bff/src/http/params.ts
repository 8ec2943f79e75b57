import * as z from 'zod';
import { AppError } from '../core/app-error.js';

/** Order ids as the routes accept them: a positive integer of at most ten digits, no sign, no leading zero. */
const ORDER_ID_PATTERN = /^[1-9][0-9]{0,9}$/;
const MAX_ORDER_ID = 2_147_483_647;

/** `:orderId` of a path. 400 invalid_order_id for anything BigCommerce could not have issued. */
export function parseOrderIdParam(value: unknown): number {
  // BigCommerce order ids are 32-bit: a larger one cannot exist, and asking would spend the store's quota.
  if (typeof value !== 'string' || !ORDER_ID_PATTERN.test(value) || Number(value) > MAX_ORDER_ID) {
    throw new AppError('invalid_order_id');
  }
  return Number(value);
}

const RefreshFlag = z.optional(z.enum(['1', 'true', '0', 'false']));

/** `?refresh=`: the widget's refresh button skips fresh copies (DESIGN §5). */
export function parseRefresh(value: unknown): boolean {
  const flag = RefreshFlag.parse(value);
  return flag === '1' || flag === 'true';
}
