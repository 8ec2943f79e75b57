/**
 * The sandbox tickets /demo shows: one per situation an agent meets (email match, External ID, guest,
 * no match, many orders, refunds, tracking, read-only agent, a status change). Built from the sandbox
 * personas, never from hard-coded ids, so they stay right when the seed generator changes.
 */
import type { Scope } from '../../../shared/common.js';
import type { SandboxPersonas } from '../sandbox/index.js';

export type DemoChannel = 'mail' | 'chat' | 'call';

export interface DemoTicket {
  id: string;
  channel: DemoChannel;
  subject: string;
  /** What the demo shows as the contact; what the token carries is `claims`. */
  contact: string;
  message: string;
  situation: string;
  claims: {
    email?: string;
    customer?: string;
    market: string;
    locale: string;
    scope: readonly Scope[];
    /** The order the ticket is about, as the iAGENT app would find it in the ticket (claim `order`). */
    order?: number;
  };
}

/**
 * Every demo ticket was opened this long before its token is signed (claim `ticketCreatedAt`), so what the desk's
 * order buttons or the sandbox change afterwards shows as "since the ticket opened".
 */
export const DEMO_TICKET_AGE_MS = 2 * 3_600_000;

const ALL_SCOPES: readonly Scope[] = ['orders:read', 'notes:write', 'links:write'];
/** An agent who may also change an order's status where the market allows it (DESIGN §11). */
const STATUS_SCOPES: readonly Scope[] = [...ALL_SCOPES, 'orders:write'];

function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`;
}

/** `eu` and `us` are the sandbox personas of the markets `de` and `us` (see config's sandbox markets). */
export function buildDemoTickets(eu: SandboxPersonas, us: SandboxPersonas): DemoTicket[] {
  return [
    {
      id: 'T-1001',
      channel: 'mail',
      subject: `Wo bleibt meine Bestellung #${eu.orders.shippedWithTracking}?`,
      contact: `${fullName(eu.registered)} <${eu.registered.email}>`,
      message: `Hallo, ich habe vor ein paar Tagen bestellt und warte noch auf das Paket. Können Sie nachsehen?\n\nViele Grüße\n${fullName(eu.registered)}`,
      situation: 'Registered shopper, matched by email',
      claims: {
        email: eu.registered.email,
        market: 'de',
        locale: 'de-DE',
        scope: ALL_SCOPES,
        order: eu.orders.shippedWithTracking,
      },
    },
    {
      id: 'T-1002',
      channel: 'chat',
      subject: 'Chat: Rückfrage zu einer Gastbestellung',
      contact: `${fullName(eu.registeredWithGuestOrders)} (External ID ${eu.registeredWithGuestOrders.customerId})`,
      message: 'Ich habe einmal ohne Konto bestellt und einmal mit. Sehen Sie beide Bestellungen?',
      situation: 'novomind contact External ID; guest orders with the same email appear too',
      claims: {
        customer: String(eu.registeredWithGuestOrders.customerId),
        market: 'de',
        locale: 'de-DE',
        scope: ALL_SCOPES,
      },
    },
    {
      id: 'T-1003',
      channel: 'mail',
      subject: `Frage zu Bestellung #${eu.orders.guestOrder}`,
      contact: `${fullName(eu.guest)} <${eu.guest.email}>`,
      message: 'Bonjour, j’ai commandé sans compte client. Où en est ma commande ?',
      situation: 'Guest shopper: orders found by email only',
      claims: { email: eu.guest.email, market: 'de', locale: 'de-DE', scope: ALL_SCOPES },
    },
    {
      id: 'T-1004',
      channel: 'mail',
      subject: 'Question about my order',
      contact: `Unknown sender <${eu.unknownEmail}>`,
      message: `Hi, I wrote from my work address. My name is ${fullName(eu.registered)}; please find my orders.`,
      situation: 'No match: search the shopper and link them to the ticket',
      claims: { email: eu.unknownEmail, market: 'de', locale: 'en-GB', scope: ALL_SCOPES },
    },
    {
      id: 'T-1005',
      channel: 'call',
      subject: 'Anruf: Stammkundin mit vielen Bestellungen',
      contact: `${fullName(eu.manyOrders)} <${eu.manyOrders.email}>`,
      message: `Call transcript: the customer asks about an order "from last spring" that was refunded. She has ${eu.manyOrders.orderCount} orders.`,
      situation: 'Many orders: the count, pages in place, a filter by number, status and days',
      claims: { email: eu.manyOrders.email, market: 'de', locale: 'de-DE', scope: ALL_SCOPES },
    },
    {
      id: 'T-1006',
      channel: 'mail',
      subject: `Refund for order #${us.orders.refunded}?`,
      contact: `${fullName(us.registered)} <${us.registered.email}>`,
      message: `Hello, I returned my items. Has order #${us.orders.refunded} been refunded in full?\n\nThanks, ${us.registered.firstName}`,
      situation: 'US market (other store): refunds and returned items',
      claims: {
        email: us.registered.email,
        market: 'us',
        locale: 'en-US',
        scope: ALL_SCOPES,
        order: us.orders.refunded,
      },
    },
    {
      id: 'T-1007',
      channel: 'chat',
      subject: `Tracking for #${us.orders.shippedWithTracking}`,
      contact: `${fullName(us.registered)} <${us.registered.email}>`,
      message: 'Can you send me the tracking link again?',
      situation: 'Read-only agent: no note composer, no linking',
      claims: { email: us.registered.email, market: 'us', locale: 'en-US', scope: ['orders:read'] },
    },
    {
      id: 'T-1008',
      channel: 'mail',
      // The persona's order that is awaiting fulfillment: the sandbox market lets an agent cancel it.
      subject: `Bitte Bestellung #${eu.orders.withStaffNotes} stornieren`,
      contact: `${fullName(eu.registered)} <${eu.registered.email}>`,
      message: `Guten Tag, bitte stornieren Sie meine Bestellung #${eu.orders.withStaffNotes}, ich brauche sie nicht mehr.\n\nDanke\n${fullName(eu.registered)}`,
      situation: 'Status change: the agent may cancel an order awaiting fulfillment',
      claims: { email: eu.registered.email, market: 'de', locale: 'de-DE', scope: STATUS_SCOPES },
    },
  ];
}
