import * as z from 'zod/mini';
import { Customer } from './context.js';

export const CustomerSearchResponse = z.object({ customers: z.array(Customer) });
export type CustomerSearchResponse = z.infer<typeof CustomerSearchResponse>;

/** Link the ticket to a shopper, or to an order (whose shopper, or guest email, then becomes the match). */
export const LinkRequest = z.union([
  z.object({ customerId: z.number().check(z.int(), z.positive()) }),
  z.object({ orderId: z.number().check(z.int(), z.positive()) }),
]);
export type LinkRequest = z.infer<typeof LinkRequest>;

export const LinkResponse = z.object({
  ticket: z.string(),
  customerId: z.nullable(z.number()),
  email: z.nullable(z.string()),
  createdBy: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type LinkResponse = z.infer<typeof LinkResponse>;
