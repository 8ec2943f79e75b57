/**
 * The timeline's words in every language, in its own chunk: it loads only when an order changed since its ticket
 * was opened. Picked by the session's language, English when it has none.
 */
const en = {
  heading: 'Since the ticket opened',
  kinds: {
    'order.created': 'Order placed',
    'order.status_changed': 'Status',
    'order.updated': 'Order updated',
    'shipment.created': 'Shipment added',
    'shipment.updated': 'Shipment updated',
    'refund.created': 'Refund',
    'note.added': 'Staff note',
  } as Record<string, string>,
  by: (agent: string) => `by ${agent}`,
};

export type SinceTicketMessages = typeof en;

const de: SinceTicketMessages = {
  heading: 'Seit Ticketeingang',
  kinds: {
    'order.created': 'Bestellung aufgegeben',
    'order.status_changed': 'Status',
    'order.updated': 'Bestellung geändert',
    'shipment.created': 'Sendung angelegt',
    'shipment.updated': 'Sendung geändert',
    'refund.created': 'Erstattung',
    'note.added': 'Mitarbeiternotiz',
  },
  by: (agent) => `von ${agent}`,
};

export const SINCE_TICKET_MESSAGES: Readonly<Record<string, SinceTicketMessages>> = { en, de };
