import * as z from 'zod/mini';
import { MarketRef, Scope } from './common.js';
import { StatusTransition } from './status.js';

export const SessionRequest = z.object({ token: z.string().check(z.minLength(1), z.maxLength(8192)) });
export type SessionRequest = z.infer<typeof SessionRequest>;

export const SessionResponse = z.object({
  session: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  ticket: z.string(),
  agent: z.string(),
  scopes: z.array(Scope),
  market: MarketRef,
  locale: z.string(),
  sandbox: z.boolean(),
  /** With `orders:write`: the status changes the market allows (DESIGN §11); absent otherwise. */
  statusChanges: z.optional(z.array(StatusTransition)),
  /** The order the ticket is about (embed-token claim `order`): the widget opens it when it is the shopper's. */
  order: z.optional(z.number()),
  /** When the ticket was opened (claim `ticketCreatedAt`): orders changed since then are marked. */
  ticketCreatedAt: z.optional(z.string()),
});
export type SessionResponse = z.infer<typeof SessionResponse>;
