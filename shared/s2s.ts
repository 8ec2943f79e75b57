import * as z from 'zod/mini';
import { Freshness, MarketRef } from './common.js';
import { Customer, MatchAttempt, MatchMethod, OrderSummary } from './context.js';

/**
 * The novomind server-to-server contract (DESIGN §10): what the iAGENT app sends to /s2s/v1/ and what it
 * gets back. Not part of the widget's bundle (shared/index.ts does not re-export it). Requests are parsed
 * loosely here and normalized by the BFF (trimmed, "" meaning "not given", as novomind sends empty fields).
 */

/** novomind ticket ids as paths and events carry them. */
export const TICKET_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** Event ids: also the idempotency key of a note copied to an order. */
export const EVENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const MAX_EVENTS_PER_CALL = 100;
export const MAX_FEED_LIMIT = 500;

const text = (max: number) => z.string().check(z.maxLength(max));
const idLike = z.union([text(64), z.number().check(z.int(), z.nonnegative())]);
const positiveId = z.union([
  z.number().check(z.int(), z.positive(), z.lte(2_147_483_647)),
  z.string().check(z.regex(/^\s*([1-9][0-9]{0,9})?\s*$/)),
]);

/** PUT /s2s/v1/tickets/:ticket, and the registering fields of ticket.created / ticket.updated events. */
export const TicketRequest = z.object({
  email: z.optional(z.nullable(text(320))),
  /** The novomind contact's External ID, taken as the BigCommerce customer id. */
  customer: z.optional(z.nullable(idLike)),
  market: z.optional(z.nullable(text(64))),
  locale: z.optional(z.nullable(text(64))),
  channel: z.optional(z.nullable(positiveId)),
  status: z.optional(z.enum(['open', 'closed'])),
  /** The order number the ticket is about. */
  order: z.optional(z.nullable(positiveId)),
});
export type TicketRequest = z.infer<typeof TicketRequest>;

export const TicketStatus = z.enum(['open', 'closed']);

/** A ticket's context: what novomind stores per ticket (`fields`) and routes by (`queue`). */
export const TicketContext = z.object({
  ticket: z.string(),
  status: TicketStatus,
  market: MarketRef,
  /** The market's novomind queue (config `markets.<id>.novomind.queue`), null when it has none. */
  queue: z.nullable(z.string()),
  locale: z.string(),
  /** The order number the ticket is about, as registered. */
  order: z.nullable(z.number()),
  customer: z.nullable(Customer),
  guestEmail: z.nullable(z.string()),
  match: z.object({ method: MatchMethod, tried: z.array(MatchAttempt) }),
  /** The first page of the shopper's orders, newest first. */
  orders: z.array(OrderSummary),
  /** The market template's keys as plain strings: the customer half, and the order half of `fieldsOrderId`. */
  fields: z.record(z.string(), z.string()),
  /** The order the order half of `fields` describes: the ticket's order when it is the shopper's, else the newest. */
  fieldsOrderId: z.nullable(z.number()),
  freshness: Freshness,
  sandbox: z.boolean(),
});
export type TicketContext = z.infer<typeof TicketContext>;

export const ChangeKind = z.enum([
  'order.created',
  'order.status_changed',
  'order.updated',
  'shipment.created',
  'shipment.updated',
  'refund.created',
]);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const Change = z.object({
  /** Stable across reads and pushes: the receiver's dedupe key. */
  id: z.string(),
  seq: z.number(),
  ticket: z.string(),
  market: z.string(),
  kind: ChangeKind,
  orderId: z.number(),
  at: z.iso.datetime({ offset: true }),
  /** The market template's order keys as plain strings, after the change (a key left out was not known). */
  fields: z.record(z.string(), z.string()),
  previous: z.object({
    statusId: z.nullable(z.number()),
    /** The merchant's label of the previous status. */
    status: z.nullable(z.string()),
  }),
});
export type Change = z.infer<typeof Change>;

export const ChangesPage = z.object({
  changes: z.array(Change),
  /** Opaque; send it back as `?cursor=`. Never null: at the end it is where the next changes will start. */
  nextCursor: z.string(),
  endOfStream: z.boolean(),
});
export type ChangesPage = z.infer<typeof ChangesPage>;

export const EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'ticket.closed',
  'ticket.reopened',
  'note.added',
] as const;
export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventType>;

/** One ticket event (DESIGN §10). ticket.created/updated may carry TicketRequest's fields. */
export const TicketEventInput = z.object({
  ...TicketRequest.shape,
  id: z.string().check(z.regex(EVENT_ID_PATTERN)),
  type: EventType,
  ticket: z.string().check(z.regex(TICKET_ID_PATTERN)),
  at: z.iso.datetime({ offset: true }),
  agent: z.string().check(z.minLength(1), z.maxLength(256)),
  text: z.optional(z.string()),
  orderId: z.optional(z.nullable(positiveId)),
  copyToOrder: z.optional(z.boolean()),
});
export type TicketEventInput = z.infer<typeof TicketEventInput>;

export const EventsRequest = z.object({ events: z.array(z.unknown()) });

export const EventsAnswer = z.object({
  /** Events stored by this call. */
  accepted: z.number(),
  /** Events whose id was stored before (nothing done again). */
  duplicates: z.number(),
  /** Events not stored, by their index in the request: post them again once fixed. */
  refused: z.array(z.object({ index: z.number(), id: z.nullable(z.string()), reason: z.string() })),
  /** Notes copied to an order's staff notes (note.added with copyToOrder), with their outbox state. */
  notes: z.array(
    z.object({
      index: z.number(),
      id: z.string(),
      orderId: z.number(),
      ref: z.string(),
      status: z.enum(['queued', 'written', 'failed']),
    }),
  ),
});
export type EventsAnswer = z.infer<typeof EventsAnswer>;

/** A ticket's events: novomind's own, and ours (the widget's sessions, notes and links). */
export const TicketEventsList = z.object({
  ticket: z.string(),
  events: z.array(
    z.object({
      id: z.string(),
      source: z.enum(['novomind', 'order-context']),
      type: z.string(),
      at: z.iso.datetime({ offset: true }),
      agent: z.string(),
      orderId: z.nullable(z.number()),
      /** Ours only: ok, queued, written, failed … */
      status: z.nullable(z.string()),
      /** novomind's only: the event as posted. */
      data: z.optional(z.unknown()),
    }),
  ),
});
export type TicketEventsList = z.infer<typeof TicketEventsList>;
